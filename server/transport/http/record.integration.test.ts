import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createdCallSchema } from '@/lib/protocol/schedule';
import type { PollResults } from '@/lib/protocol';
import { callWithHost, checkedIn, createCall, joinPayload, sendOk, startTestServer, type TestClient } from '../../testing/test-server';

let server: Awaited<ReturnType<typeof startTestServer>>;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const attendee = (slug: string, name: string) => checkedIn(server, slug, name);

/** A call with a host checked in as Kai and four questions from Ada and Bo in every state that matters. */
async function callWithQuestions() {
  const { created, host } = await callWithHost(server);
  const ada = await attendee(created.slug, 'Ada');
  const bo = await attendee(created.slug, 'Bo');
  const lts = (await sendOk(ada, 'qa:ask', { text: 'When is the next LTS?' })).question;
  const arm = (await sendOk(bo, 'qa:ask', { text: 'Will ARM64 agents be GA?\nAnd when?', isAnonymous: true })).question;
  const spam = (await sendOk(bo, 'qa:ask', { text: 'Buy cheap watches' })).question;
  const docs = (await sendOk(ada, 'qa:ask', { text: 'Where are the docs?' })).question;
  for (const voter of [ada, bo]) await sendOk(voter, 'qa:vote', { questionId: arm.id });
  await sendOk(host, 'qa:pin', { questionId: lts.id });
  await sendOk(host, 'qa:answer', { questionId: lts.id, answer: 'In the next release.\nSee the roadmap.', answeredBy: 'Kai' });
  await sendOk(host, 'qa:dismiss', { questionId: spam.id });
  await sendOk(host, 'qa:pin', { questionId: docs.id });
  return { created, host, ada, questions: { lts, arm, spam, docs } };
}

describe('GET /api/calls/<slug>/minutes.md', () => {
  it('exports the agenda, the attendees, then the Q&A in the order asked, with anonymity and answers', async () => {
    const { created } = await callWithQuestions();
    const response = await fetch(`${server.url}/api/calls/${created.slug}/minutes.md`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/markdown; charset=utf-8');
    expect(response.headers.get('content-disposition')).toBe(`inline; filename="minutes-${created.slug}.md"`);
    const text = await response.text();
    expect(text).toMatch(/^# Agenda for the Jenkins community call/);
    expect(text.indexOf('## Spotlight: release process')).toBeLessThan(text.indexOf('# Call Minutes'));
    expect(text).toContain(
      [
        '# Call Minutes',
        '',
        '## Attendees',
        '',
        '* Kai',
        '* Ada',
        '* Bo',
        '',
        '## Q&A',
        '',
        '* Q (Ada): When is the next LTS?',
        '  * A (Kai): In the next release.',
        '    See the roadmap.',
        '* Q (Anonymous): Will ARM64 agents be GA?',
        '  And when?',
        '* Q (Ada): Where are the docs?',
        '',
      ].join('\n'),
    );
    expect(text).not.toContain('(Bo)');
    expect(text).not.toContain('cheap watches');
  });

  it('answers 404 for an unknown call', async () => {
    const response = await fetch(`${server.url}/api/calls/nosuchcall/minutes.md`);
    expect(response.status).toBe(404);
  });
});

/** Resolves with the first `poll:results` entry for `pollId` that `isWanted` accepts. */
function resultsWhere(client: TestClient, pollId: string, isWanted: (results: PollResults) => boolean): Promise<PollResults> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no wanted results for ${pollId}`)), 5000);
    const listener = (all: Record<string, PollResults>) => {
      const results = all[pollId];
      if (!results || !isWanted(results)) return;
      clearTimeout(timer);
      client.off('poll:results', listener);
      resolve(results);
    };
    client.on('poll:results', listener);
  });
}

/** The record once `isReady` holds: reaction counts are stored on the broadcaster's tick. */
async function recordWhen(slug: string, isReady: (text: string) => boolean): Promise<string> {
  const deadline = Date.now() + 5000;
  for (;;) {
    const text = await (await fetch(`${server.url}/api/calls/${slug}/minutes.md`)).text();
    if (isReady(text) || Date.now() > deadline) return text;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * A live call whose host ran five polls (one left a draft, one still open with results held back until it closes,
 * one named) answered by Ada, Bo and Cy over Socket.IO, with reactions during the first two agenda items.
 */
async function callWithPolls() {
  const created = await createCall(server.url);
  const host = server.connect();
  const { snapshot } = await sendOk(host, 'call:join', joinPayload(created.slug, { key: created.keys.host }));
  await sendOk(host, 'participant:checkIn', { displayName: 'Kai' });
  const [ada, bo, cy] = [await attendee(created.slug, 'Ada'), await attendee(created.slug, 'Bo'), await attendee(created.slug, 'Cy')];
  await sendOk(host, 'call:start', {});
  const create = async (input: Record<string, unknown>) => (await sendOk(host, 'poll:create', input)).poll;
  const cadenceItem = snapshot.call.sections[1]!.items[0]!;
  // Created before the cadence poll but opened after it: the record follows the opening order.
  const words = await create({ question: 'One word for this call', kind: 'text' });
  const cadence = await create({ question: 'Which release cadence?', kind: 'single', options: ['Monthly', 'Quarterly'], itemId: cadenceItem.id });
  const demo = await create({ question: 'How was the demo?', kind: 'rating', showResults: 'closed' });
  const food = await create({ question: 'Pizza or pasta?', kind: 'single', options: ['Pizza', 'Pasta'], isNamed: true });
  await create({ question: 'Never asked', kind: 'single', options: ['Yes', 'No'] });
  for (const poll of [cadence, words, demo, food]) await sendOk(host, 'poll:open', { pollId: poll.id });
  const [monthly, quarterly] = cadence.options;
  await sendOk(ada, 'poll:answer', { pollId: cadence.id, optionIds: [monthly!.id] });
  await sendOk(bo, 'poll:answer', { pollId: cadence.id, optionIds: [monthly!.id] });
  await sendOk(cy, 'poll:answer', { pollId: cadence.id, optionIds: [quarterly!.id] });
  const spamSeen = resultsWhere(host, words.id, (results) => results.texts.some((text) => text.text === 'Buy watches'));
  await sendOk(ada, 'poll:answer', { pollId: words.id, text: 'Great demo' });
  await sendOk(bo, 'poll:answer', { pollId: words.id, text: 'Buy watches' });
  await sendOk(cy, 'poll:answer', { pollId: words.id, text: 'More *Q&A*' });
  const spam = (await spamSeen).texts.find((text) => text.text === 'Buy watches')!;
  await sendOk(host, 'poll:hideAnswer', { pollId: words.id, answerId: spam.id });
  await sendOk(ada, 'poll:answer', { pollId: demo.id, rating: 5 });
  await sendOk(bo, 'poll:answer', { pollId: demo.id, rating: 4 });
  await sendOk(ada, 'poll:answer', { pollId: food.id, optionIds: [food.options[0]!.id] });
  for (const poll of [cadence, words, food]) await sendOk(host, 'poll:close', { pollId: poll.id });
  // The first item (Intro round) is current since the start.
  for (const [client, emoji] of [[ada, '👏'], [ada, '👏'], [bo, '👏'], [cy, '🎉'], [ada, '👏']] as const) await sendOk(client, 'reaction:send', { emoji });
  await recordWhen(created.slug, (text) => text.includes('Reactions: 👏 4 · 🎉 1'));
  await sendOk(host, 'agenda:advance', { direction: 'next' });
  await sendOk(bo, 'reaction:send', { emoji: '👍' });
  return { created, host, polls: { cadence, words, demo, food } };
}

describe('GET /api/calls/<slug>/minutes.md with polls and reactions', () => {
  it('writes the opened polls in the order opened after the attendees, and reaction counts under the items that had any', async () => {
    const { created } = await callWithPolls();
    const text = await recordWhen(created.slug, (record) => record.includes('Reactions: 👍 1'));
    expect(text).toContain('- Intro round (5 min)\n\n  Reactions: 👏 4 · 🎉 1\n\n## Spotlight');
    expect(text).toContain('- Release cadence (15 min) @Kai\n\n  Reactions: 👍 1\n- Demo\n\n## Q&A');
    expect(text.match(/Reactions:/g)).toHaveLength(2);
    const polls = text.slice(text.indexOf('## Polls'), text.lastIndexOf('## Q&A'));
    expect(text).toContain('* Cy\n\n## Polls\n\n**1.');
    expect(polls).toBe(
      [
        '## Polls',
        '**1. Which release cadence?**',
        '- Monthly: 2 (67 %)\n- Quarterly: 1 (33 %)',
        '3 answered.',
        '**2. One word for this call** (open text)',
        '- Great demo\n- More \\*Q&A\\*',
        '3 answered; one answer was hidden by a moderator.',
        '**3. How was the demo?** (rating 1 to 5, still open)',
        'The results are shown once the poll closes.',
        '**4. Pizza or pasta?**',
        '- Pizza: 1 (100 %)\n- Pasta: 0 (0 %)',
        '1 answered.',
        '',
      ].join('\n\n'),
    );
    expect(polls).not.toMatch(/Ada|Bo\b|Watches|Never asked/i);
  });

  it('imports back through POST /api/calls as a call whose record is the same', async () => {
    const { created } = await callWithPolls();
    const record = await recordWhen(created.slug, (text) => text.includes('Reactions: 👍 1'));
    const response = await fetch(`${server.url}/api/calls`, { method: 'POST', headers: { 'content-type': 'text/markdown; charset=utf-8' }, body: record });
    expect(response.status).toBe(201);
    const { slug } = (await response.json()) as { slug: string };
    expect(await (await fetch(`${server.url}/api/calls/${slug}/minutes.md`)).text()).toBe(record);
  });

  it('shows the held-back results once the poll closes, and leaves the section out when no poll was opened', async () => {
    const { created, host, polls } = await callWithPolls();
    await sendOk(host, 'poll:close', { pollId: polls.demo.id });
    const text = await (await fetch(`${server.url}/api/calls/${created.slug}/minutes.md`)).text();
    expect(text).toContain('**3. How was the demo?** (rating 1 to 5)\n\n- 1: 0 (0 %)\n- 2: 0 (0 %)\n- 3: 0 (0 %)\n- 4: 1 (50 %)\n- 5: 1 (50 %)\n\n2 answered, average 4.5 of 5.');
    const { created: quiet } = await callWithQuestions();
    expect(await (await fetch(`${server.url}/api/calls/${quiet.slug}/minutes.md`)).text()).not.toContain('## Polls');
  });
});

describe('POST /api/calls/<slug>/next carrying questions over', () => {
  async function planNext(slug: string, body: Record<string, unknown>) {
    const response = await fetch(`${server.url}/api/calls/${slug}/next`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect(response.status).toBe(201);
    return createdCallSchema.parse(await response.json());
  }

  it('copies the unanswered questions as open ones with their author and anonymity and no votes', async () => {
    const { created } = await callWithQuestions();
    const next = await planNext(created.slug, { key: created.keys.host });
    const { snapshot, myVotes } = await sendOk(server.connect(), 'call:join', joinPayload(next.slug));
    expect(myVotes).toEqual([]);
    expect(snapshot.questions.map(({ text, authorName, isAnonymous, state, voteCount, answer, itemId }) => ({ text, authorName, isAnonymous, state, voteCount, answer, itemId }))).toEqual([
      { text: 'Will ARM64 agents be GA?\nAnd when?', authorName: '', isAnonymous: true, state: 'open', voteCount: 0, answer: '', itemId: null },
      { text: 'Where are the docs?', authorName: 'Ada', isAnonymous: false, state: 'open', voteCount: 0, answer: '', itemId: null },
    ]);
    // The copies can be voted on in the new call.
    const voter = await attendee(next.slug, 'Cy');
    expect(await sendOk(voter, 'qa:vote', { questionId: snapshot.questions[0]!.id })).toEqual({ voteCount: 1 });
    // The source call keeps its own questions.
    const minutes = await (await fetch(`${server.url}/api/calls/${created.slug}/minutes.md`)).text();
    expect(minutes).toContain('* Q (Ada): Where are the docs?');
  });

  it('copies nothing when the host opts out', async () => {
    const { created } = await callWithQuestions();
    const next = await planNext(created.slug, { key: created.keys.host, carryOverQuestions: false });
    const { snapshot } = await sendOk(server.connect(), 'call:join', joinPayload(next.slug));
    expect(snapshot.questions).toEqual([]);
  });

  it('refuses a flag that is not a boolean', async () => {
    const { created } = await callWithQuestions();
    const response = await fetch(`${server.url}/api/calls/${created.slug}/next`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ key: created.keys.host, carryOverQuestions: 'yes' }),
    });
    expect(response.status).toBe(400);
    expect((await response.json()).error.issues[0].path).toBe('carryOverQuestions');
  });
});
