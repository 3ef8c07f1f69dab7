import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createdCallSchema } from '@/lib/protocol/schedule';
import { createCall, joinPayload, sendOk, startTestServer } from '../../testing/test-server';

let server: Awaited<ReturnType<typeof startTestServer>>;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

async function attendee(slug: string, name: string) {
  const client = server.connect();
  await sendOk(client, 'call:join', joinPayload(slug));
  await sendOk(client, 'participant:checkIn', { displayName: name });
  return client;
}

/** A call with a host checked in as Kai and four questions from Ada and Bo in every state that matters. */
async function callWithQuestions() {
  const created = await createCall(server.url);
  const host = server.connect();
  await sendOk(host, 'call:join', joinPayload(created.slug, { key: created.keys.host }));
  await sendOk(host, 'participant:checkIn', { displayName: 'Kai' });
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
