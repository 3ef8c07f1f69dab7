import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PublicQuestion } from '@/lib/protocol';
import { callWithHost, checkedIn, joinPayload, nextEvent, send, sendOk, startTestServer, type TestClient } from '../testing/test-server';

let server: Awaited<ReturnType<typeof startTestServer>>;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const attendee = (slug: string, name: string) => checkedIn(server, slug, name);
const setUp = () => callWithHost(server);

async function questionsSeenBy(client: TestClient, slug: string, extra: { key?: string; token?: string } = {}) {
  return (await sendOk(client, 'call:join', joinPayload(slug, extra))).snapshot.questions;
}

describe('Q&A', () => {
  it('counts concurrent votes from many clients exactly, once per participant', async () => {
    const { created, host } = await setUp();
    const asker = await attendee(created.slug, 'Ada');
    const { question } = await sendOk(asker, 'qa:ask', { text: 'When is the next LTS?' });
    const voters = await Promise.all(Array.from({ length: 40 }, (_, index) => attendee(created.slug, `Voter ${index}`)));
    const tallies: Record<string, number>[] = [];
    host.on('qa:tallies', (tally) => tallies.push(tally));

    const results = await Promise.all(voters.map((voter) => send(voter, 'qa:vote', { questionId: question.id })));
    expect(results.every((result) => result.ok)).toBe(true);
    // A second vote, from the same tab or a new tab with the same token, changes nothing.
    const again = await send(voters[0]!, 'qa:vote', { questionId: question.id });
    expect(again).toMatchObject({ ok: false, error: { code: 'invalid_state' } });
    const secondTab = server.connect();
    await sendOk(secondTab, 'call:join', joinPayload(created.slug, { token: voters[1]!.token }));
    expect(await send(secondTab, 'qa:vote', { questionId: question.id })).toMatchObject({ ok: false, error: { code: 'invalid_state' } });

    const [seen] = await questionsSeenBy(server.connect(), created.slug);
    expect(seen?.voteCount).toBe(40);
    await expect.poll(() => tallies.at(-1)?.[question.id]).toBe(40);
    expect(tallies.length).toBeLessThan(20);

    await sendOk(voters[2]!, 'qa:unvote', { questionId: question.id });
    const [afterUnvote] = await questionsSeenBy(server.connect(), created.slug);
    expect(afterUnvote?.voteCount).toBe(39);
    const rejoined = await sendOk(server.connect(), 'call:join', joinPayload(created.slug, { token: voters[3]!.token }));
    expect(rejoined.myVotes).toEqual([question.id]);
  });

  it('gives each of many simultaneous joins its own votes and questions, and waiting questions only to moderators and askers', async () => {
    const { created, host } = await setUp();
    await sendOk(host, 'qa:settings', { qaModerated: true });
    const [ada, bo] = [await attendee(created.slug, 'Ada'), await attendee(created.slug, 'Bo')];
    const { question: approved } = await sendOk(host, 'qa:ask', { text: 'Asked by the host, so public' });
    const { question: pending } = await sendOk(ada, 'qa:ask', { text: 'Waiting for approval' });
    await sendOk(bo, 'qa:vote', { questionId: approved.id });

    // The joins below arrive within the batch window, so the server reads them together.
    const joins = await Promise.all([
      sendOk(server.connect(), 'call:join', joinPayload(created.slug, { token: ada.token })),
      sendOk(server.connect(), 'call:join', joinPayload(created.slug, { token: bo.token })),
      sendOk(server.connect(), 'call:join', joinPayload(created.slug, { key: created.keys.host })),
      sendOk(server.connect(), 'call:join', joinPayload(created.slug)),
    ]);
    const [asAda, asBo, asHost, asStranger] = joins;
    expect(asAda).toMatchObject({ myQuestions: [pending.id], myVotes: [] });
    expect(asBo).toMatchObject({ myQuestions: [], myVotes: [approved.id] });
    expect(asStranger).toMatchObject({ myQuestions: [], myVotes: [] });
    for (const attendeeJoin of [asBo, asStranger]) {
      expect(attendeeJoin.snapshot.questions.map((question) => [question.id, question.voteCount])).toEqual([[approved.id, 1]]);
    }
    expect(asAda.snapshot.questions.map((question) => [question.id, question.state])).toEqual([
      [approved.id, 'open'],
      [pending.id, 'pending'],
    ]);
    expect(asHost.snapshot.questions.map((question) => question.id).sort()).toEqual([approved.id, pending.id].sort());
    expect(new Set(joins.map((join) => join.snapshot.sequence)).size).toBe(1);
  });

  it('refuses bad questions and votes on dismissed questions, changing nothing', async () => {
    const { created, host } = await setUp();
    const ada = await attendee(created.slug, 'Ada');
    const lurker = server.connect();
    await sendOk(lurker, 'call:join', joinPayload(created.slug));
    expect(await send(lurker, 'qa:ask', { text: 'Hi?' })).toMatchObject({ ok: false, error: { code: 'not_checked_in' } });
    expect(await send(ada, 'qa:ask', { text: 'x'.repeat(501) })).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
    expect(await send(ada, 'qa:ask', { text: 42 })).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
    expect(await send(ada, 'qa:ask', { text: 'ok', isAnonymous: 'yes' })).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
    const { question } = await sendOk(ada, 'qa:ask', { text: '<script>alert(1)</script> is this safe?' });
    await sendOk(host, 'qa:dismiss', { questionId: question.id });
    expect(await send(ada, 'qa:vote', { questionId: question.id })).toMatchObject({ ok: false, error: { code: 'invalid_state' } });
    expect(await send(ada, 'qa:pin', { questionId: question.id })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await send(ada, 'qa:vote', { questionId: 'nope' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await questionsSeenBy(server.connect(), created.slug)).toEqual([]);
  });

  it('limits how fast one participant can ask', async () => {
    const { created } = await setUp();
    const ada = await attendee(created.slug, 'Ada');
    const results = [];
    for (let index = 0; index < 7; index += 1) results.push(await send(ada, 'qa:ask', { text: `Question ${index}` }));
    expect(results.filter((result) => result.ok)).toHaveLength(5);
    expect(results.at(-1)).toMatchObject({ ok: false, error: { code: 'rate_limited' } });
    expect(await questionsSeenBy(server.connect(), created.slug)).toHaveLength(5);
  });

  it('pins, answers, merges and keeps anonymous askers anonymous', async () => {
    const { created, host } = await setUp();
    const ada = await attendee(created.slug, 'Ada');
    const grace = await attendee(created.slug, 'Grace');
    const first = (await sendOk(ada, 'qa:ask', { text: 'Will ARM64 agents be GA?', isAnonymous: true })).question;
    const duplicate = (await sendOk(grace, 'qa:ask', { text: 'ARM64 agents GA when?' })).question;
    expect(first.authorName).toBe('');
    await sendOk(grace, 'qa:vote', { questionId: first.id });
    await sendOk(ada, 'qa:vote', { questionId: duplicate.id });
    await sendOk(grace, 'qa:vote', { questionId: duplicate.id });

    const seen = nextEvent(grace, 'call:event');
    await sendOk(host, 'qa:pin', { questionId: first.id });
    expect((await seen).event).toMatchObject({ type: 'question.upserted', question: { id: first.id, state: 'answering' } });
    await sendOk(host, 'qa:merge', { questionId: duplicate.id, intoQuestionId: first.id });
    await sendOk(host, 'qa:answer', { questionId: first.id, answer: 'In the next release.', answeredBy: 'Kai' });

    const questions = await questionsSeenBy(server.connect(), created.slug);
    expect(questions).toHaveLength(1);
    expect(questions[0]).toMatchObject({ state: 'answered', answer: 'In the next release.', answeredBy: 'Kai', voteCount: 2, authorName: '' });
    expect(JSON.stringify(questions)).not.toContain('Ada');
  });

  it('holds questions for approval when pre-moderation is on and closes submissions', async () => {
    const { created, host } = await setUp();
    const ada = await attendee(created.slug, 'Ada');
    await sendOk(host, 'qa:settings', { qaModerated: true });
    const pending = nextEvent(host, 'qa:pending');
    const { question } = await sendOk(ada, 'qa:ask', { text: 'Held question' });
    expect(question.state).toBe('pending');
    expect((await pending).id).toBe(question.id);
    expect(await questionsSeenBy(server.connect(), created.slug)).toEqual([]);
    expect((await questionsSeenBy(server.connect(), created.slug, { key: created.keys.host })).map((each: PublicQuestion) => each.state)).toEqual(['pending']);
    await sendOk(host, 'qa:approve', { questionId: question.id });
    expect(await questionsSeenBy(server.connect(), created.slug)).toHaveLength(1);

    await sendOk(host, 'qa:settings', { qaOpen: false });
    expect(await send(ada, 'qa:ask', { text: 'Too late' })).toMatchObject({ ok: false, error: { code: 'invalid_state' } });
  });

  it('shows askers their own questions while they wait for approval, and tells them when one is dismissed', async () => {
    const { created, host } = await setUp();
    await sendOk(host, 'qa:settings', { qaModerated: true });
    const [ada, bo] = [await attendee(created.slug, 'Ada'), await attendee(created.slug, 'Bo')];
    const adaHears = nextEvent(ada, 'qa:pending');
    const { question } = await sendOk(ada, 'qa:ask', { text: 'Is the roadmap public?' });
    expect(await adaHears).toMatchObject({ id: question.id, state: 'pending' });

    // After a reload (a new socket with the same token) the asker still sees it; nobody else does.
    const adaAgain = server.connect();
    expect((await questionsSeenBy(adaAgain, created.slug, { token: ada.token })).map((each: PublicQuestion) => [each.id, each.state])).toEqual([[question.id, 'pending']]);
    expect(await questionsSeenBy(server.connect(), created.slug, { token: bo.token })).toEqual([]);

    const boHeard: unknown[] = [];
    bo.on('qa:pending', (each) => boHeard.push(each));
    const dismissed = nextEvent(adaAgain, 'qa:pending');
    await sendOk(host, 'qa:dismiss', { questionId: question.id });
    expect(await dismissed).toMatchObject({ id: question.id, state: 'dismissed' });
    expect(await questionsSeenBy(server.connect(), created.slug, { token: ada.token })).toEqual([]);
    expect(boHeard).toEqual([]);
  });

  it('closes questions when the call ends', async () => {
    const { created, host } = await setUp();
    const ada = await attendee(created.slug, 'Ada');
    await sendOk(host, 'call:start', {});
    await sendOk(host, 'call:end', {});
    expect(await send(ada, 'qa:ask', { text: 'One more thing?' })).toMatchObject({ ok: false, error: { code: 'invalid_state', message: expect.stringContaining('ended') } });
    expect(await questionsSeenBy(server.connect(), created.slug)).toEqual([]);
  });
});
