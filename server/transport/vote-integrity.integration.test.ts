import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VoteSignal } from '@/lib/protocol';
import { openDatabase, type Database } from '../persistence/database';
import { createCall, joinPayload, send, sendOk, startTestServer, type TestClient } from '../testing/test-server';

const LIMIT = 10;
const ATTEMPTS = 30;

let server: Awaited<ReturnType<typeof startTestServer>>;
let database: Database;
beforeAll(async () => {
  // One trusted proxy: each client's address is the X-Forwarded-For it sends, as behind nginx.
  server = await startTestServer({ rateLimits: { trustedProxies: 1 }, identityLimit: { perAddress: LIMIT, windowMinutes: 10 } });
  database = await openDatabase(server.databaseUrl);
});
afterAll(async () => {
  await database.$disconnect();
  await server.close();
});

async function joinFrom(address: string, slug: string, key?: string) {
  const client = server.connect({ 'x-forwarded-for': address });
  await sendOk(client, 'call:join', joinPayload(slug, { key }));
  return client;
}

/** The latest count of each question, as a client applies the tallies it receives. */
function followTallies(client: TestClient) {
  const counts = new Map<string, number>();
  client.on('qa:tallies', (tallies) => Object.entries(tallies).forEach(([id, count]) => counts.set(id, count)));
  return counts;
}

describe('vote stuffing from one address', () => {
  it('lets at most the limit of fresh identities vote, shows the host the burst, and removing the group restores every count', async () => {
    const created = await createCall(server.url);
    const host = await joinFrom('198.51.100.1', created.slug, created.keys.host);
    const signals: { questionId: string; signal: VoteSignal }[] = [];
    host.on('qa:signal', (update) => signals.push(update));
    const asker = await joinFrom('198.51.100.2', created.slug);
    await sendOk(asker, 'participant:checkIn', { displayName: 'Ada' });
    const { question } = await sendOk(asker, 'qa:ask', { text: 'Which question gets stuffed?' });
    const honest = await joinFrom('198.51.100.3', created.slug);
    await sendOk(honest, 'participant:checkIn', { displayName: 'Grace' });
    await sendOk(honest, 'qa:vote', { questionId: question.id });
    const attendeeSignals: unknown[] = [];
    honest.on('qa:signal', (update) => attendeeSignals.push(update));
    const clients = [host, asker, honest];
    const seen = clients.map(followTallies);

    // The script: a fresh socket, a new name, an upvote; bounded attempts, all from one address.
    let checkedIn = 0;
    const refusals: string[] = [];
    for (let attempt = 0; attempt < ATTEMPTS; attempt += 1) {
      const bot = await joinFrom('203.0.113.9', created.slug);
      const checkIn = await send(bot, 'participant:checkIn', { displayName: `Fan ${attempt}` });
      if (!checkIn.ok) {
        refusals.push(`${checkIn.error.code}: ${checkIn.error.message}`);
        await send(bot, 'qa:vote', { questionId: question.id }).then((vote) => expect(vote).toMatchObject({ ok: false, error: { code: 'not_checked_in' } }));
        bot.disconnect();
        continue;
      }
      checkedIn += 1;
      await sendOk(bot, 'qa:vote', { questionId: question.id });
    }
    expect(checkedIn).toBe(LIMIT);
    expect(refusals).toHaveLength(ATTEMPTS - LIMIT);
    expect(refusals[0]).toMatch(/^rate_limited: Too many people checked in from your network.*wait a few minutes/);
    for (const counts of seen) await expect.poll(() => counts.get(question.id)).toBe(1 + LIMIT);

    await expect.poll(() => signals.at(-1)?.questionId).toBe(question.id);
    expect(signals.at(-1)!.signal).toMatchObject({ fromSharedAddress: LIMIT, fromNewParticipants: LIMIT + 1 });
    expect(attendeeSignals).toEqual([]);
    // A moderator joining later gets the signal in the snapshot; an attendee never does.
    const rejoined = server.connect({ 'x-forwarded-for': '198.51.100.1' });
    expect((await sendOk(rejoined, 'call:join', joinPayload(created.slug, { key: created.keys.host }))).voteSignals[question.id]).toEqual(signals.at(-1)!.signal);
    expect((await sendOk(honest, 'call:join', joinPayload(created.slug))).voteSignals).toEqual({});

    const { groups } = await sendOk(host, 'qa:voters', { questionId: question.id });
    const stuffed = groups[0]!;
    expect(stuffed).toMatchObject({ sharedAddress: true, votes: LIMIT });
    expect(groups.slice(1).map((group) => group.participants.map((participant) => participant.displayName))).toEqual([['Grace']]);
    expect(JSON.stringify(groups)).not.toContain('203.0.113.9');
    expect(await send(honest, 'qa:removeGroup', { participantIds: stuffed.participants.map((participant) => participant.id) })).toMatchObject({ ok: false, error: { code: 'forbidden' } });

    const removed = await sendOk(host, 'qa:removeGroup', { participantIds: stuffed.participants.map((participant) => participant.id) });
    expect(removed.removedIds).toHaveLength(LIMIT);
    expect(removed.recountedQuestionIds).toEqual([question.id]);
    for (const counts of seen) await expect.poll(() => counts.get(question.id)).toBe(1);
    const stored = await database.question.findUniqueOrThrow({ where: { id: question.id }, select: { voteCount: true, _count: { select: { votes: true } } } });
    expect(stored).toEqual({ voteCount: 1, _count: { votes: 1 } });
    const participants = await database.participant.findMany({ where: { id: { in: removed.removedIds } }, select: { removedAt: true, joinBucket: true } });
    expect(participants.every((participant) => participant.removedAt !== null && participant.joinBucket !== '' && !participant.joinBucket.includes('203'))).toBe(true);
  });

  it('shows the signal to scribes only while the host lets them moderate questions', async () => {
    const created = await createCall(server.url);
    const host = await joinFrom('198.51.100.1', created.slug, created.keys.host);
    const scribe = await joinFrom('198.51.100.4', created.slug, created.keys.scribe);
    // A signal is sent again as it grows: the questions each one heard about, in order.
    const toHost = new Set<string>();
    const toScribe = new Set<string>();
    host.on('qa:signal', ({ questionId }) => toHost.add(questionId));
    scribe.on('qa:signal', ({ questionId }) => toScribe.add(questionId));
    const asker = await joinFrom('198.51.100.2', created.slug);
    await sendOk(asker, 'participant:checkIn', { displayName: 'Ada' });
    const stuff = async (questionId: string, address: string) => {
      for (let index = 0; index < LIMIT - 1; index += 1) {
        const bot = await joinFrom(address, created.slug);
        await sendOk(bot, 'participant:checkIn', { displayName: `Fan ${index}` });
        await sendOk(bot, 'qa:vote', { questionId });
      }
    };
    const first = (await sendOk(asker, 'qa:ask', { text: 'Stuffed before scribes moderate?' })).question;
    await stuff(first.id, '203.0.113.20');
    await expect.poll(() => [...toHost]).toEqual([first.id]);
    // The scribe sees every question, but not the signal, live or in a snapshot, nor the voters.
    expect((await sendOk(scribe, 'call:join', joinPayload(created.slug, { key: created.keys.scribe }))).voteSignals).toEqual({});
    expect(await send(scribe, 'qa:voters', { questionId: first.id })).toMatchObject({ ok: false, error: { code: 'forbidden' } });

    expect([...toScribe]).toEqual([]);
    await sendOk(host, 'qa:settings', { qaScribesModerate: true });
    await expect.poll(() => [...toScribe]).toEqual([first.id]);
    const second = (await sendOk(asker, 'qa:ask', { text: 'Stuffed while scribes moderate?' })).question;
    await stuff(second.id, '203.0.113.21');
    await expect.poll(() => [...toScribe]).toEqual([first.id, second.id]);
    expect(Object.keys((await sendOk(scribe, 'call:join', joinPayload(created.slug, { key: created.keys.scribe }))).voteSignals).sort()).toEqual([first.id, second.id].sort());
    expect([...toHost]).toEqual([first.id, second.id]);
  });
});
