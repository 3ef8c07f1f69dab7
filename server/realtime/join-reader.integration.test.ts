import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { CommandError } from '@/lib/protocol';
import type { Database } from '../persistence/database';
import { startCall, startRealtimeHarness, type RealtimeHarness } from '../testing/realtime-harness';
import { sendOk } from '../testing/test-server';
import { Broadcaster } from './broadcaster';
import { JoinReader } from './join-reader';
import { PresenceTracker } from './presence';
import { SnapshotCache } from './snapshot-cache';

let harness: RealtimeHarness;
beforeAll(async () => {
  harness = await startRealtimeHarness();
});
afterAll(() => harness.close());

/** The real cache, counting how often a join read asks it for a call's state (once per read of a batch). */
class CountingSnapshots extends SnapshotCache {
  reads = 0;

  override get(callId: string) {
    this.reads += 1;
    return super.get(callId);
  }
}

/** The real database client, counting the queries each model receives (`participant.findMany`). */
function countQueries(database: Database) {
  const counts = new Map<string, number>();
  const counted = new Proxy(database, {
    get(client, model) {
      const delegate: unknown = Reflect.get(client, model, client);
      if (typeof model !== 'string' || typeof delegate !== 'object' || delegate === null) return delegate;
      return new Proxy(delegate, {
        get(target, action) {
          const query: unknown = Reflect.get(target, action, target);
          if (typeof action !== 'string' || typeof query !== 'function') return query;
          return (...args: unknown[]) => {
            counts.set(`${model}.${action}`, (counts.get(`${model}.${action}`) ?? 0) + 1);
            return query.apply(target, args);
          };
        },
      });
    },
  });
  return { database: counted, count: (query: string) => counts.get(query) ?? 0 };
}

function startReader(database: Database = harness.database) {
  const presence = new PresenceTracker();
  const broadcaster = new Broadcaster(harness.io, harness.database, presence);
  const snapshots = new CountingSnapshots(database);
  const reader = new JoinReader(database, snapshots, broadcaster);
  onTestFinished(async () => {
    await reader.close();
    await broadcaster.stop();
  });
  return { reader, snapshots, presence };
}

/** A moderated call: the host's question is public, one is dismissed, Ada's and Bo's wait for approval; Bo voted. */
async function startModeratedCall() {
  const call = await startCall(harness, ['Ada', 'Bo'], { qaModerated: true });
  const [ada, bo] = call.attendees;
  const ask = async (client: typeof call.host.client, text: string) => (await sendOk(client, 'qa:ask', { text })).question.id;
  const shown = await ask(call.host.client, 'Asked by the host, so public');
  const dismissed = await ask(call.host.client, 'Off topic');
  await sendOk(call.host.client, 'qa:dismiss', { questionId: dismissed });
  const adaWaiting = await ask(ada!.client, 'Ada waits for approval');
  const boWaiting = await ask(bo!.client, 'Bo waits for approval');
  await sendOk(bo!.client, 'qa:vote', { questionId: shown });
  return { ...call, ada: ada!.participant.id, bo: bo!.participant.id, questions: { shown, dismissed, adaWaiting, boWaiting } };
}

describe('JoinReader', () => {
  it('serves the joins of one call within its window with one read, each with the questions and votes its joiner may see', async () => {
    const call = await startModeratedCall();
    const { questions } = call;
    const other = await startCall(harness, []);
    const { reader, snapshots, presence } = startReader();
    presence.connect(call.callId, call.ada);

    const [asModerator, asAda, asBo, asStranger, inOtherCall] = await Promise.all([
      reader.read(call.callId, null, true),
      reader.read(call.callId, call.ada, false),
      reader.read(call.callId, call.bo, false),
      reader.read(call.callId, null, false),
      reader.read(other.callId, null, false),
    ]);

    expect(snapshots.reads).toBe(2);
    const ids = (view: typeof asModerator) => view?.questions.map((question) => question.id);
    expect(ids(asModerator)).toEqual([questions.shown, questions.dismissed, questions.adaWaiting, questions.boWaiting]);
    expect(ids(asAda)).toEqual([questions.shown, questions.adaWaiting]);
    expect(ids(asBo)).toEqual([questions.shown, questions.boWaiting]);
    expect(ids(asStranger)).toEqual([questions.shown]);
    expect(asModerator?.own).toEqual({ myVotes: [], myQuestions: [], myPollAnswers: {} });
    expect(asAda?.own).toEqual({ myVotes: [], myQuestions: [questions.adaWaiting], myPollAnswers: {} });
    expect(asBo?.own).toEqual({ myVotes: [questions.shown], myQuestions: [questions.boWaiting], myPollAnswers: {} });
    expect(asBo?.questions[0]?.voteCount).toBe(1);
    for (const view of [asModerator, asAda, asBo, asStranger]) {
      expect(view).toMatchObject({ sequence: asModerator?.sequence, call: { title: asModerator?.call.title }, presence: { participantCount: 3, onlineCount: 1 } });
    }
    expect(inOtherCall).toMatchObject({ questions: [], presence: { participantCount: 1, onlineCount: 0 } });

    // A join after the window closed is read again, and sees what changed since.
    await sendOk(call.host.client, 'qa:approve', { questionId: questions.adaWaiting });
    expect(ids(await reader.read(call.callId, null, false))).toEqual([questions.shown, questions.adaWaiting]);
    expect(snapshots.reads).toBe(3);
  });

  it('answers null for a call that does not exist', async () => {
    const { reader } = startReader();
    expect(await reader.read('no-such-call', null, false)).toBeNull();
  });

  it('looks up the holders of several tokens with one query', async () => {
    const { callId, host, attendees } = await startCall(harness, ['Ada', 'Cy']);
    const [ada, cy] = attendees;
    await sendOk(host.client, 'participant:remove', { participantId: cy!.participant.id, block: true });
    const counted = countQueries(harness.database);
    const { reader } = startReader(counted.database);

    const [adaHolder, cyHolder, nobody] = await Promise.all([
      reader.tokenHolder(ada!.participant.id),
      reader.tokenHolder(cy!.participant.id),
      reader.tokenHolder('no-such-participant'),
    ]);

    expect(counted.count('participant.findMany')).toBe(1);
    expect(adaHolder).toEqual({ callId, isBlocked: false, participant: expect.objectContaining({ id: ada!.participant.id, displayName: 'Ada' }) });
    expect(cyHolder).toEqual({ callId, isBlocked: true, participant: null });
    expect(nobody).toBeUndefined();
  });

  it('answers the joins already waiting when it closes, and refuses later ones as unavailable', async () => {
    const call = await startModeratedCall();
    const { reader } = startReader();
    let answered: unknown = null;
    const waiting = reader.read(call.callId, call.ada, false).then((view) => (answered = view));

    await reader.close();

    expect(answered).toMatchObject({ own: { myQuestions: [call.questions.adaWaiting] } });
    await waiting;
    for (const refused of [reader.read(call.callId, call.bo, false), reader.tokenHolder(call.bo)]) {
      const error: unknown = await refused.catch((reason: unknown) => reason);
      expect(error).toBeInstanceOf(CommandError);
      expect(error).toMatchObject({ code: 'unavailable' });
    }
  });
});
