import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../persistence/database';
import { createCall, joinPayload, sendOk, startTestServer } from '../testing/test-server';
import type { Notice } from '../domain/decision';
import { createVoteBatcher } from './write-batcher';

let server: Awaited<ReturnType<typeof startTestServer>>;
let database: Database;
beforeAll(async () => {
  server = await startTestServer();
  database = await openDatabase(server.databaseUrl);
});
afterAll(async () => {
  await database.$disconnect();
  await server.close();
});

describe('WriteBatcher of votes', () => {
  it('writes a tick of over a thousand votes in bounded batches, counting each exactly once', async () => {
    const created = await createCall(server.url);
    const client = server.connect();
    await sendOk(client, 'call:join', joinPayload(created.slug));
    await sendOk(client, 'participant:checkIn', { displayName: 'Asker' });
    const { question } = await sendOk(client, 'qa:ask', { text: 'Big batch?' });
    const { id: callId } = (await database.call.findUniqueOrThrow({ where: { slug: created.slug }, select: { id: true } }))!;
    const voterIds = Array.from({ length: 1100 }, (_, index) => `voter-${index}`);
    await database.participant.createMany({ data: voterIds.map((id) => ({ id, callId, displayName: id })) });

    const changed: string[] = [];
    const signals: Notice[] = [];
    // Only the tally hook is used here; the broadcast itself is tested with real sockets elsewhere.
    const broadcaster = {
      publish: (_callId: string, notices: readonly Notice[]) =>
        notices.forEach((notice) => {
          changed.push(notice.type === 'tally.changed' ? notice.questionId : notice.type);
          if (notice.type === 'question.signal') signals.push(notice);
        }),
      writeBeforeFigures: () => undefined,
    };
    const batcher = createVoteBatcher(database, broadcaster);
    const outcomes = await Promise.all([
      ...voterIds.map((participantId) => batcher.submit(callId, { questionId: question.id, participantId, isVote: true })),
      batcher.submit(callId, { questionId: question.id, participantId: voterIds[0]!, isVote: true }),
    ]);
    expect(outcomes.filter((outcome) => outcome.ok)).toHaveLength(1100);
    expect(outcomes.at(-1)).toMatchObject({ ok: false, code: 'invalid_state' });
    const stored = await database.question.findUniqueOrThrow({ where: { id: question.id }, select: { voteCount: true } });
    expect(stored.voteCount).toBe(1100);
    // One tally notice per committed batch that changed the question; 1,100 participants created just before voting
    // are also a burst, so moderators get its signal.
    expect(changed.length).toBeGreaterThan(0);
    expect(new Set(changed)).toEqual(new Set([question.id, 'question.signal']));
    // A batch this big is its own sample: the newest 50 votes, all from participants who had just checked in.
    const signal = { votes: 50, seconds: 1, fromNewParticipants: 50, fromSharedAddress: 0 };
    expect(signals).toEqual([{ type: 'question.signal', questionId: question.id, signal, scribesModerate: false }]);
    const { voteSignal } = await database.question.findUniqueOrThrow({ where: { id: question.id }, select: { voteSignal: true } });
    expect(JSON.parse(voteSignal)).toEqual(signal);
  });

  it('refuses the votes of a participant the host removed', async () => {
    const created = await createCall(server.url);
    const client = server.connect();
    await sendOk(client, 'call:join', joinPayload(created.slug));
    const { participant } = await sendOk(client, 'participant:checkIn', { displayName: 'Soon removed' });
    const { question } = await sendOk(client, 'qa:ask', { text: 'Still here?' });
    await database.participant.update({ where: { id: participant.id }, data: { removedAt: new Date() } });
    const batcher = createVoteBatcher(database, { publish: () => undefined, writeBeforeFigures: () => undefined });
    const { id: callId } = await database.call.findUniqueOrThrow({ where: { slug: created.slug }, select: { id: true } });
    expect(await batcher.submit(callId, { questionId: question.id, participantId: participant.id, isVote: true })).toMatchObject({
      ok: false,
      code: 'not_checked_in',
    });
  });
});
