import { afterAll, beforeAll, describe, expect, it, onTestFinished, vi } from 'vitest';
import { loadPublicCall } from '../persistence/calls.repository';
import { listReactionCounts } from '../persistence/polls.repository';
import { findQuestion } from '../persistence/questions.repository';
import { updateParticipantFlags } from '../persistence/participants.repository';
import { startCall, startRealtimeHarness, type RealtimeHarness } from '../testing/realtime-harness';
import { sendOk } from '../testing/test-server';
import { Broadcaster, MAX_TICK_MS, TICK_MS } from './broadcaster';
import { PresenceTracker } from './presence';

let harness: RealtimeHarness;
beforeAll(async () => {
  harness = await startRealtimeHarness();
});
afterAll(() => harness.close());

/** A broadcaster on the harness's bare server, stopped when the test ends. */
function startBroadcaster(presence = new PresenceTracker()): Broadcaster {
  const broadcaster = new Broadcaster(harness.io, harness.database, presence);
  onTestFinished(() => broadcaster.stop());
  return broadcaster;
}

function deferred() {
  let resolve: () => void = () => undefined;
  const promise = new Promise<void>((settle) => {
    resolve = settle;
  });
  return { promise, resolve };
}

describe('Broadcaster', () => {
  it('merges the tallies marked within a tick into one qa:tallies per socket of the call, with the stored counts', async () => {
    const { callId, host, attendees } = await startCall(harness, ['Ada', 'Bo']);
    const [ada, bo] = attendees;
    const ask = async (text: string) => (await sendOk(host.client, 'qa:ask', { text })).question.id;
    const [first, second, third] = [await ask('First?'), await ask('Second?'), await ask('Third?')];
    await sendOk(ada!.client, 'qa:vote', { questionId: first });
    await sendOk(bo!.client, 'qa:vote', { questionId: first });
    await sendOk(bo!.client, 'qa:vote', { questionId: second });
    const other = await startCall(harness, []);
    const otherQuestion = (await sendOk(other.host.client, 'qa:ask', { text: 'Elsewhere?' })).question.id;
    const inCall = await Promise.all(Array.from({ length: 4 }, () => harness.seat({ callId })));
    const inOtherCall = await harness.seat({ callId: other.callId });
    const broadcaster = startBroadcaster();

    broadcaster.markTallyChanged(callId, first);
    broadcaster.markTallyChanged(callId, second);
    broadcaster.markTallyChanged(callId, first);
    broadcaster.markTallyChanged(other.callId, otherQuestion);
    for (const socket of inCall) expect(await socket.waitFor('qa:tallies')).toEqual([{ [first]: 2, [second]: 1 }]);
    expect(await inOtherCall.waitFor('qa:tallies')).toEqual([{ [otherQuestion]: 0 }]);

    // A later tick's message arrives after anything the first tick could still have sent: nothing came in between.
    await sendOk(ada!.client, 'qa:vote', { questionId: third });
    broadcaster.markTallyChanged(callId, third);
    broadcaster.markTallyChanged(other.callId, otherQuestion);
    for (const socket of inCall) {
      expect(await socket.waitFor('qa:tallies', 2)).toEqual([{ [first]: 2, [second]: 1 }, { [third]: 1 }]);
    }
    expect(await inOtherCall.waitFor('qa:tallies', 2)).toEqual([{ [otherQuestion]: 0 }, { [otherQuestion]: 0 }]);
  });

  it('sends one reactions message per socket per tick: reactions for an item the agenda moved to within the tick wait for the next', async () => {
    const { callId } = await startCall(harness, []);
    const [first, second] = (await loadPublicCall(harness.database, callId))!.call.sections.flatMap((section) => section.items.map((item) => item.id));
    const listener = await harness.seat({ callId });
    // The ticks are driven by hand, one flush each.
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    onTestFinished(() => void vi.useRealTimers());
    const broadcaster = startBroadcaster();

    broadcaster.addReaction(callId, first!, '👍');
    broadcaster.addReaction(callId, first!, '👍');
    broadcaster.addReaction(callId, second!, '🎉');
    await broadcaster.flushReactions();
    await listener.catchUp();
    expect(listener.received('reactions')).toEqual([{ itemId: first, counts: { '👍': 2 } }]);

    broadcaster.addReaction(callId, second!, '🎉');
    await broadcaster.flushReactions();
    await listener.catchUp();
    expect(listener.received('reactions')).toEqual([
      { itemId: first, counts: { '👍': 2 } },
      { itemId: second, counts: { '🎉': 2 } },
    ]);
    expect(await listReactionCounts(harness.database, callId)).toEqual({ [first!]: { '👍': 2 }, [second!]: { '🎉': 2 } });
  });

  it('sends a hidden question to the moderators and its asker, not to other attendees', async () => {
    const { callId, host, attendees } = await startCall(harness, ['Ada', 'Bo'], { qaModerated: true });
    const [ada, bo] = attendees;
    const asked = (await sendOk(ada!.client, 'qa:ask', { text: 'May I ask this?' })).question;
    expect(asked.state).toBe('pending');
    const stored = await findQuestion(harness.database, callId, asked.id);
    const moderator = await harness.seat({ callId, role: 'host', participantId: host.participant.id });
    const scribe = await harness.seat({ callId, role: 'scribe' });
    const asker = await harness.seat({ callId, participantId: ada!.participant.id });
    const otherAttendee = await harness.seat({ callId, participantId: bo!.participant.id });
    const broadcaster = startBroadcaster();

    broadcaster.sendHiddenQuestion(callId, stored!.question, stored!.authorId);
    broadcaster.sendHiddenQuestion(callId, { ...stored!.question, state: 'dismissed' }, null);
    await harness.catchUp();

    expect(moderator.received('qa:pending').map((question) => question.state)).toEqual(['pending', 'dismissed']);
    expect(scribe.received('qa:pending').map((question) => question.state)).toEqual(['pending', 'dismissed']);
    expect(asker.received('qa:pending')).toEqual([stored!.question]);
    expect(otherAttendee.eventNames).toEqual([]);
  });

  it('sends participant changes to the list watchers, each changed participant their own entry, and removals as ids', async () => {
    const { callId, host, attendees } = await startCall(harness, ['Ada', 'Bo', 'Cy']);
    const [ada, bo, cy] = attendees;
    await updateParticipantFlags(harness.database, callId, ada!.participant.id, { handRaisedAt: new Date() });
    await updateParticipantFlags(harness.database, callId, cy!.participant.id, { removedAt: new Date() });
    const presence = new PresenceTracker();
    presence.connect(callId, ada!.participant.id);
    const watcher = await harness.seat({ callId, role: 'host', participantId: host.participant.id, watchesParticipants: true });
    const adaSocket = await harness.seat({ callId, participantId: ada!.participant.id });
    const boSocket = await harness.seat({ callId, participantId: bo!.participant.id });
    const quiet = await harness.seat({ callId });
    const broadcaster = startBroadcaster(presence);

    broadcaster.markParticipantChanged(callId, ada!.participant.id);
    broadcaster.markParticipantChanged(callId, cy!.participant.id);
    // The presence figures go to the whole call after the participant changes, in the same tick.
    for (const socket of [watcher, adaSocket, boSocket, quiet]) {
      expect(await socket.waitFor('call:presence')).toEqual([{ participantCount: 3, onlineCount: 1 }]);
    }

    const [changes] = watcher.received('participants:changed');
    expect(changes).toEqual([
      { participant: expect.objectContaining({ id: ada!.participant.id, displayName: 'Ada', isOnline: true, handRaisedAt: expect.any(String) }) },
      { removedId: cy!.participant.id },
    ]);
    expect(watcher.eventNames).toEqual(['participants:changed', 'call:presence']);
    expect(adaSocket.received('participant:self')).toEqual([expect.objectContaining({ id: ada!.participant.id, handRaisedAt: expect.any(String) })]);
    expect(adaSocket.eventNames).toEqual(['participant:self', 'call:presence']);
    expect(boSocket.eventNames).toEqual(['call:presence']);
    expect(quiet.eventNames).toEqual(['call:presence']);
  });

  it('runs one call’s exclusive work in order while another call’s runs alongside', async () => {
    const broadcaster = startBroadcaster();
    const log: string[] = [];
    const gate = deferred();
    const first = broadcaster.exclusive('call-a', async () => {
      log.push('a1 started');
      await gate.promise;
      log.push('a1 done');
      throw new Error('a1 failed');
    });
    const second = broadcaster.exclusive('call-a', async () => {
      log.push('a2');
      return 'a2';
    });
    const alongside = broadcaster.exclusive('call-b', async () => {
      log.push('b');
      return 'b';
    });

    expect(await alongside).toBe('b');
    // call-b ran to its end while call-a's first work held its turn; the second still waits behind it.
    expect(log).toEqual(['a1 started', 'b']);
    gate.resolve();
    await expect(first).rejects.toThrow('a1 failed');
    expect(await second).toBe('a2');
    expect(log).toEqual(['a1 started', 'b', 'a1 done', 'a2']);
  });

  it('stretches the tick after a slow flush, within its ceiling, and shrinks it back once the flushes are quick', async () => {
    const { callId, host } = await startCall(harness, []);
    const { question } = await sendOk(host.client, 'qa:ask', { text: 'Slow?' });
    const listener = await harness.seat({ callId });
    const broadcaster = startBroadcaster();
    expect(broadcaster.tickMs).toBe(TICK_MS);
    // A join read holding the call's turn for 400 ms makes the tick that flushes the tally take 250–400 ms.
    const joinUnderWay = deferred();
    void broadcaster.exclusive(callId, () => joinUnderWay.promise);
    broadcaster.markTallyChanged(callId, question.id);
    await new Promise((resolve) => setTimeout(resolve, 400));
    joinUnderWay.resolve();

    await vi.waitFor(() => expect(broadcaster.tickMs).toBeGreaterThanOrEqual(2 * 200), { timeout: 2000, interval: 2 });
    expect(broadcaster.tickMs).toBeLessThanOrEqual(MAX_TICK_MS);
    expect(await listener.waitFor('qa:tallies')).toEqual([{ [question.id]: 0 }]);
    await vi.waitFor(() => expect(broadcaster.tickMs).toBe(TICK_MS), { timeout: 3000, interval: 10 });
  });

  // With two ticks, the first waits for the call's turn and the second starts (with nothing to send) beside it.
  it.each([1, 2])('stop() resolves only after every tick under way has sent its tallies (%i ticks started)', async (ticks) => {
    const { callId, host } = await startCall(harness, []);
    const { question } = await sendOk(host.client, 'qa:ask', { text: 'Still sent?' });
    const listener = await harness.seat({ callId });
    // The ticks are driven by hand so they are known to be under way when stop() is called.
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    onTestFinished(() => void vi.useRealTimers());
    const broadcaster = startBroadcaster();
    const joinUnderWay = deferred();
    const order: string[] = [];
    // A join read holding the call's turn keeps the first tick's tally flush waiting.
    void broadcaster.exclusive(callId, () => joinUnderWay.promise);
    broadcaster.markTallyChanged(callId, question.id);
    for (let tick = 0; tick < ticks; tick += 1) vi.advanceTimersByTime(TICK_MS);

    const stopped = broadcaster.stop().then(() => order.push('stopped'));
    await new Promise((resolve) => setImmediate(resolve));
    order.push('join read done');
    joinUnderWay.resolve();
    await stopped;

    expect(order).toEqual(['join read done', 'stopped']);
    expect(await listener.waitFor('qa:tallies')).toEqual([{ [question.id]: 0 }]);
  });
});
