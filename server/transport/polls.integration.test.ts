import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PollResults, ReactionBurst } from '@/lib/protocol';
import { callWithHost, checkedIn, joinPayload, nextEvent, send, sendOk, startTestServer, type TestClient } from '../testing/test-server';

let server: Awaited<ReturnType<typeof startTestServer>>;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const attendee = (slug: string, name: string) => checkedIn(server, slug, name);
const setUp = () => callWithHost(server);

const dayPoll = { question: 'Which day suits the bi-weekly?', kind: 'single', options: ['Tuesday', 'Wednesday', 'Thursday'], showResults: 'live' };

/** Every `poll:results` a client receives, the latest per poll first to hand. */
function collectResults(client: TestClient) {
  const received: Record<string, PollResults>[] = [];
  client.on('poll:results', (results) => received.push(results));
  return { received, latest: (pollId: string) => received.findLast((results) => pollId in results)?.[pollId] };
}

describe('polls', () => {
  it('counts concurrent answers exactly, one per participant, and a changed answer replaces the first', async () => {
    const { created, host } = await setUp();
    const { poll } = await sendOk(host, 'poll:create', dayPoll);
    await sendOk(host, 'poll:open', { pollId: poll.id });
    const observer = collectResults(await attendee(created.slug, 'Observer'));
    const voters = await Promise.all(Array.from({ length: 60 }, (_, index) => attendee(created.slug, `Voter ${index}`)));
    const [tuesday, wednesday, thursday] = poll.options.map((option) => option.id);

    const acks = await Promise.all(voters.map((voter, index) => send(voter, 'poll:answer', { pollId: poll.id, optionIds: [index % 3 === 0 ? tuesday : wednesday] })));
    expect(acks.every((ack) => ack.ok)).toBe(true);
    // Ten change their mind while the poll is open: still sixty answers.
    await Promise.all(voters.slice(0, 10).map((voter) => sendOk(voter, 'poll:answer', { pollId: poll.id, optionIds: [thursday] })));

    await expect.poll(() => observer.latest(poll.id)?.options.map((option) => option.count), { timeout: 5000 }).toEqual([16, 34, 10]);
    expect(observer.latest(poll.id)).toMatchObject({ answered: 60, options: [{ percent: 27 }, { percent: 57 }, { percent: 17 }] });
    // Results are merged per tick, not sent per answer.
    expect(observer.received.length).toBeLessThan(20);
    const reloaded = await sendOk(server.connect(), 'call:join', joinPayload(created.slug, { token: voters[0]!.token }));
    expect(reloaded.snapshot.polls.map((each) => each.id)).toEqual([poll.id]);
    expect(reloaded.snapshot.pollResults[poll.id]?.answered).toBe(60);
    expect(reloaded.myPollAnswers).toEqual({ [poll.id]: { optionIds: [thursday] } });
  });

  it('keeps one answer for a participant answering from two tabs, and tells the other tab', async () => {
    const { created, host } = await setUp();
    const { poll } = await sendOk(host, 'poll:create', { question: 'How was the demo?', kind: 'rating', showResults: 'live' });
    await sendOk(host, 'poll:open', { pollId: poll.id });
    const firstTab = await attendee(created.slug, 'Ada');
    const secondTab = server.connect();
    await sendOk(secondTab, 'call:join', joinPayload(created.slug, { token: firstTab.token }));
    const echoes: unknown[] = [];
    firstTab.on('poll:myAnswer', (mine) => echoes.push(mine));
    const heard = nextEvent(secondTab, 'poll:myAnswer');
    await sendOk(firstTab, 'poll:answer', { pollId: poll.id, rating: 4 });
    expect(await heard).toEqual({ pollId: poll.id, answer: { rating: 4 } });
    await sendOk(secondTab, 'poll:answer', { pollId: poll.id, rating: 2 });
    // The tab an answer came from has its ack; only the other tab hears of it.
    await expect.poll(() => echoes).toEqual([{ pollId: poll.id, answer: { rating: 2 } }]);

    const results = collectResults(host);
    await expect.poll(() => results.latest(poll.id)?.answered, { timeout: 5000 }).toBe(1);
    expect(results.latest(poll.id)).toMatchObject({ average: 2 });
    expect((await sendOk(server.connect(), 'call:join', joinPayload(created.slug, { token: firstTab.token }))).myPollAnswers).toEqual({ [poll.id]: { rating: 2 } });
  });

  it('refuses answers that do not fit the poll, before it opens, after it closes, and without a check-in', async () => {
    const { created, host } = await setUp();
    const { poll } = await sendOk(host, 'poll:create', { ...dayPoll, kind: 'multiple', maxChoices: 2 });
    const ada = await attendee(created.slug, 'Ada');
    const ids = poll.options.map((option) => option.id);
    expect(await send(ada, 'poll:answer', { pollId: poll.id, optionIds: [ids[0]] })).toMatchObject({ ok: false, error: { code: 'invalid_state', message: 'This poll is not open yet.' } });
    await sendOk(host, 'poll:open', { pollId: poll.id });
    expect(await send(ada, 'poll:answer', { pollId: poll.id, optionIds: ids })).toMatchObject({ ok: false, error: { code: 'invalid_payload', message: 'Choose at most 2 options.' } });
    expect(await send(ada, 'poll:answer', { pollId: poll.id, optionIds: ['nope'] })).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
    expect(await send(ada, 'poll:answer', { pollId: 'nope', optionIds: [ids[0]] })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    const lurker = server.connect();
    await sendOk(lurker, 'call:join', joinPayload(created.slug));
    expect(await send(lurker, 'poll:answer', { pollId: poll.id, optionIds: [ids[0]] })).toMatchObject({ ok: false, error: { code: 'not_checked_in' } });
    await sendOk(ada, 'poll:answer', { pollId: poll.id, optionIds: [ids[0], ids[2]] });
    await sendOk(host, 'poll:close', { pollId: poll.id });
    expect(await send(ada, 'poll:answer', { pollId: poll.id, optionIds: [ids[1]] })).toMatchObject({ ok: false, error: { code: 'invalid_state', message: 'This poll is closed.' } });
    // Reopening keeps the answers given before.
    await sendOk(host, 'poll:open', { pollId: poll.id });
    expect((await sendOk(server.connect(), 'call:join', joinPayload(created.slug, { token: ada.token }))).myPollAnswers).toEqual({ [poll.id]: { optionIds: [ids[0], ids[2]] } });
  });

  it('refuses poll commands forged by attendees, and by scribes until the host lets scribes run polls', async () => {
    const { created, host } = await setUp();
    const { poll } = await sendOk(host, 'poll:create', dayPoll);
    const ada = await attendee(created.slug, 'Ada');
    for (const [name, payload] of [
      ['poll:create', dayPoll],
      ['poll:open', { pollId: poll.id }],
      ['poll:close', { pollId: poll.id }],
      ['poll:delete', { pollId: poll.id }],
      ['poll:hideAnswer', { pollId: poll.id, answerId: 'x' }],
    ] as const) {
      expect(await send(ada, name, payload), name).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    const scribe = server.connect();
    await sendOk(scribe, 'call:join', joinPayload(created.slug, { key: created.keys.scribe }));
    expect(await send(scribe, 'poll:open', { pollId: poll.id })).toMatchObject({ ok: false, error: { code: 'forbidden', message: 'The host has not allowed scribes to run polls.' } });
    await sendOk(host, 'qa:settings', { scribesRunPolls: true });
    await sendOk(scribe, 'poll:open', { pollId: poll.id });
    const { poll: second } = await sendOk(scribe, 'poll:create', { question: 'Anything else?', kind: 'text', showResults: 'live' });
    expect(second.options).toEqual([]);
    await sendOk(host, 'qa:settings', { scribesRunPolls: false });
    expect(await send(scribe, 'poll:delete', { pollId: second.id })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('shows drafts only to those who run polls, and results kept until closing to nobody else before it closes', async () => {
    const { created, host } = await setUp();
    const ada = await attendee(created.slug, 'Ada');
    const seen: string[] = [];
    ada.onAny((event, payload) => seen.push(`${event} ${JSON.stringify(payload)}`));
    const { poll } = await sendOk(host, 'poll:create', { ...dayPoll, question: 'Secret until the end?', showResults: 'closed' });
    const beforeOpen = await sendOk(server.connect(), 'call:join', joinPayload(created.slug));
    expect(beforeOpen.snapshot.polls).toEqual([]);
    expect((await sendOk(server.connect(), 'call:join', joinPayload(created.slug, { key: created.keys.host }))).snapshot.polls.map((each) => each.status)).toEqual(['draft']);

    await sendOk(host, 'poll:open', { pollId: poll.id });
    const hostResults = collectResults(host);
    const voters = await Promise.all(['Bo', 'Cy', 'Di'].map((name) => attendee(created.slug, name)));
    await Promise.all(voters.map((voter) => sendOk(voter, 'poll:answer', { pollId: poll.id, optionIds: [poll.options[1]!.id] })));
    await expect.poll(() => hostResults.latest(poll.id)?.answered, { timeout: 5000 }).toBe(3);
    const midway = await sendOk(server.connect(), 'call:join', joinPayload(created.slug, { token: voters[0]!.token }));
    expect(midway.snapshot.polls.map((each) => each.question)).toEqual(['Secret until the end?']);
    expect(midway.snapshot.pollResults).toEqual({});
    expect(seen.filter((line) => line.startsWith('poll:results') || line.startsWith('poll:draft'))).toEqual([]);
    expect(seen.join('\n')).not.toContain('"answered"');

    const revealed = nextEvent(ada, 'poll:results');
    await sendOk(host, 'poll:close', { pollId: poll.id });
    expect((await revealed)[poll.id]).toMatchObject({ answered: 3, options: [{ count: 0 }, { count: 3 }, { count: 0 }] });
  });

  it('tells who chose what only to hosts and scribes, and only for a named poll; hidden texts leave everyone else’s results', async () => {
    const { created, host } = await setUp();
    const { poll: named } = await sendOk(host, 'poll:create', { ...dayPoll, isNamed: true });
    const { poll: words } = await sendOk(host, 'poll:create', { question: 'Where do you run ARM64?', kind: 'text', showResults: 'live' });
    await sendOk(host, 'poll:open', { pollId: named.id });
    await sendOk(host, 'poll:open', { pollId: words.id });
    const ada = await attendee(created.slug, 'Ada');
    const bo = await attendee(created.slug, 'Bo');
    const hostResults = collectResults(host);
    const adaResults = collectResults(ada);
    await sendOk(ada, 'poll:answer', { pollId: named.id, optionIds: [named.options[0]!.id] });
    await sendOk(ada, 'poll:answer', { pollId: words.id, text: 'ARM64 in production at the edge' });
    await sendOk(bo, 'poll:answer', { pollId: words.id, text: 'Buy my crypto coin' });
    await expect.poll(() => hostResults.latest(words.id)?.answered, { timeout: 5000 }).toBe(2);
    expect(hostResults.latest(named.id)?.voters).toEqual({ [named.options[0]!.id]: ['Ada'], [named.options[1]!.id]: [], [named.options[2]!.id]: [] });
    await expect.poll(() => adaResults.latest(words.id)?.answered, { timeout: 5000 }).toBe(2);
    expect(JSON.stringify(adaResults.received)).not.toContain('"Ada"');
    expect(adaResults.latest(named.id)?.voters).toBeUndefined();

    const spam = hostResults.latest(words.id)!.texts.find((text) => text.text.startsWith('Buy'))!;
    expect(await send(ada, 'poll:hideAnswer', { pollId: words.id, answerId: spam.id })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    await sendOk(host, 'poll:hideAnswer', { pollId: words.id, answerId: spam.id });
    await expect.poll(() => adaResults.latest(words.id)?.texts.map((text) => text.text), { timeout: 5000 }).toEqual(['ARM64 in production at the edge']);
    expect(adaResults.latest(words.id)?.words.map((word) => word.word)).not.toContain('crypto');
    expect(hostResults.latest(words.id)?.texts.find((text) => text.id === spam.id)).toMatchObject({ hidden: true });
    expect(await send(host, 'poll:hideAnswer', { pollId: named.id, answerId: spam.id })).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('closes the open polls when the call ends, so attendees see results kept until then and nobody answers late', async () => {
    const { created, host } = await setUp();
    await sendOk(host, 'call:start', {});
    const { poll } = await sendOk(host, 'poll:create', { ...dayPoll, showResults: 'closed' });
    const { poll: draft } = await sendOk(host, 'poll:create', { ...dayPoll, question: 'Never opened' });
    await sendOk(host, 'poll:open', { pollId: poll.id });
    const ada = await attendee(created.slug, 'Ada');
    await sendOk(ada, 'poll:answer', { pollId: poll.id, optionIds: [poll.options[2]!.id] });
    const revealed = nextEvent(ada, 'poll:results');
    await sendOk(host, 'call:end', {});
    expect((await revealed)[poll.id]).toMatchObject({ answered: 1, options: [{ count: 0 }, { count: 0 }, { count: 1 }] });
    expect(await send(ada, 'poll:answer', { pollId: poll.id, optionIds: [poll.options[0]!.id] })).toMatchObject({ ok: false, error: { code: 'invalid_state' } });
    const after = await sendOk(server.connect(), 'call:join', joinPayload(created.slug, { key: created.keys.host }));
    expect(after.snapshot.polls.map((each) => [each.id, each.status])).toEqual([
      [poll.id, 'closed'],
      [draft.id, 'draft'],
    ]);
    expect(await send(host, 'poll:open', { pollId: poll.id })).toMatchObject({ ok: false, error: { code: 'invalid_state' } });
  });

  it('deletes a poll for everyone, answers included', async () => {
    const { created, host } = await setUp();
    const { poll } = await sendOk(host, 'poll:create', dayPoll);
    await sendOk(host, 'poll:open', { pollId: poll.id });
    const ada = await attendee(created.slug, 'Ada');
    await sendOk(ada, 'poll:answer', { pollId: poll.id, optionIds: [poll.options[0]!.id] });
    const deleted = nextEvent(ada, 'call:event');
    await sendOk(host, 'poll:delete', { pollId: poll.id });
    expect((await deleted).event).toEqual({ type: 'poll.deleted', pollId: poll.id });
    const rejoined = await sendOk(server.connect(), 'call:join', joinPayload(created.slug, { token: ada.token }));
    expect(rejoined.snapshot.polls).toEqual([]);
    expect(rejoined.myPollAnswers).toEqual({});
  });
});

describe('reactions', () => {
  it('merges many reactions into one message per socket per tick, counts them per agenda item, and limits each participant', async () => {
    const { created, host } = await setUp();
    const early = await attendee(created.slug, 'Early');
    expect(await send(early, 'reaction:send', { emoji: '👏' })).toMatchObject({ ok: false, error: { code: 'invalid_state' } });
    await sendOk(host, 'call:start', {});
    await sendOk(host, 'agenda:advance', { direction: 'next' });
    const observer = server.connect();
    await sendOk(observer, 'call:join', joinPayload(created.slug));
    const bursts: ReactionBurst[] = [];
    observer.on('reactions', (burst) => bursts.push(burst));
    const crowd = await Promise.all(Array.from({ length: 30 }, (_, index) => attendee(created.slug, `Fan ${index}`)));

    const acks = await Promise.all(crowd.map((fan, index) => send(fan, 'reaction:send', { emoji: index % 2 === 0 ? '👏' : '🎉' })));
    expect(acks.every((ack) => ack.ok)).toBe(true);
    const total = (emoji: '👏' | '🎉') => bursts.reduce((sum, burst) => sum + (burst.counts[emoji] ?? 0), 0);
    await expect.poll(() => [total('👏'), total('🎉')], { timeout: 5000 }).toEqual([15, 15]);
    expect(bursts.length).toBeLessThanOrEqual(5);
    expect(new Set(bursts.map((burst) => burst.itemId)).size).toBe(1);

    expect(await send(crowd[0]!, 'reaction:send', { emoji: '🙃' })).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
    const flood = [];
    for (let index = 0; index < 10; index += 1) flood.push(await send(crowd[1]!, 'reaction:send', { emoji: '➕' }));
    expect(flood.filter((ack) => !ack.ok).length).toBeGreaterThan(0);
    expect(flood.find((ack) => !ack.ok)).toMatchObject({ ok: false, error: { code: 'rate_limited' } });
  });
});
