import { Socket as NetSocket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, onTestFinished, vi } from 'vitest';
import { startCall, startRealtimeHarness, type RealtimeHarness } from '../testing/realtime-harness';
import { sendOk, type TestClient } from '../testing/test-server';
import { Broadcaster } from './broadcaster';
import { PresenceTracker } from './presence';
import type { RoundtableSocket } from './sockets';

let harness: RealtimeHarness;
beforeAll(async () => {
  harness = await startRealtimeHarness();
});
afterAll(() => harness.close());

const BOUND = 4;

/** The TCP socket under a Node Socket.IO client's websocket: pausing it makes the client stop reading. */
function tcpOf(client: TestClient): NetSocket {
  const transport: unknown = client.io.engine.transport;
  const websocket: unknown = transport && Reflect.get(transport, 'ws');
  const tcp: unknown = websocket && Reflect.get(websocket, '_socket');
  if (!(tcp instanceof NetSocket)) throw new Error('the client has no websocket over TCP');
  return tcp;
}

const bufferedPackets = (socket: RoundtableSocket) => {
  const buffer: unknown = Reflect.get(socket.conn, 'writeBuffer');
  return Array.isArray(buffer) ? buffer.length : 0;
};

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Writes megabytes to a socket whose client stopped reading until the kernel's buffers are full and Engine.IO's fills. */
async function fillThePipe(socket: RoundtableSocket): Promise<void> {
  const chunk = new Uint8Array(1 << 20);
  for (let sent = 0; sent < 256; sent += 1) {
    socket.emit('minutes:update', chunk);
    await pause(5);
    if (!socket.conn.transport.writable && bufferedPackets(socket) > 0) return;
  }
  throw new Error('the pipe never filled');
}

describe('Broadcaster and sockets that fall behind', () => {
  it('skips the tallies and reactions for a socket that stopped reading, never its call events, and sends it the exact counts once it drains', async () => {
    const { callId, host, attendees } = await startCall(harness, ['Ada', 'Bo', 'Cy', 'Di', 'Ed', 'Flo']);
    const ask = async (text: string) => (await sendOk(host.client, 'qa:ask', { text })).question.id;
    const [first, second] = [await ask('First?'), await ask('Second?')];
    const stalled = await harness.seat({ callId });
    const reader = await harness.seat({ callId });
    const broadcaster = new Broadcaster(harness.io, harness.database, new PresenceTracker(), { maxBufferedPackets: BOUND });
    onTestFinished(() => broadcaster.stop());
    const tcp = tcpOf(stalled.client);
    tcp.pause();
    onTestFinished(() => void tcp.resume());
    await fillThePipe(stalled.socket);
    const bufferedBefore = bufferedPackets(stalled.socket);

    let ticks = 0;
    for (const [index, attendee] of attendees.entries()) {
      await sendOk(attendee.client, 'qa:vote', { questionId: first });
      if (index % 2 === 0) await sendOk(attendee.client, 'qa:vote', { questionId: second });
      broadcaster.markTallyChanged(callId, first);
      broadcaster.markTallyChanged(callId, second);
      broadcaster.sendEvents(callId, index + 1, [{ type: 'agenda.current', currentItemId: null, itemStartedAt: null }]);
      broadcaster.addReaction(callId, null, '👍');
      ticks += 1;
      await reader.waitFor('qa:tallies', ticks);
    }
    broadcaster.markPresenceChanged(callId);
    await reader.waitFor('call:presence');

    // Every call event waits in the buffer; of the tallies, only those sent before it reached the bound.
    expect(bufferedPackets(stalled.socket)).toBeLessThanOrEqual(Math.max(bufferedBefore, BOUND) + attendees.length);
    tcp.resume();
    await stalled.waitFor('call:presence', 1, 10_000);
    const tallies = await stalled.waitFor('qa:tallies');
    expect(Object.assign({}, ...tallies)).toEqual({ [first]: 6, [second]: 3 });
    expect(tallies.length).toBeLessThan(ticks);
    expect(stalled.received('call:event').map((event) => event.sequence)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(reader.received('qa:tallies').at(-1)).toEqual({ [first]: 6, [second]: 3 });
    // Reactions are counts per tick: the socket behind gets the sum of those it missed.
    const thumbs = (client: typeof stalled) => client.received('reactions').reduce((sum, burst) => sum + (burst.counts['👍'] ?? 0), 0);
    await vi.waitFor(() => expect(thumbs(stalled)).toBe(attendees.length));
    expect(thumbs(reader)).toBe(attendees.length);
    expect(stalled.received('reactions').length).toBeLessThan(reader.received('reactions').length);
  });
});
