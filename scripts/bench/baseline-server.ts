// The baseline: a bare Socket.IO server with the same options as ours. It broadcasts whatever payload a driver
// sends to every connected client (`deliveries`), and it is the bare vote equivalent (`vote-storm`): `qa:vote`
// counts in memory and acks `{ ok: true, data: { voteCount } }`, and every 150 ms the counts changed since the last
// tick go to every client as `qa:tallies`, the contract of ours without the database, validation or rooms. It is
// also the bare minutes equivalent (`minutes`): a client that connects with `?role=scribe` is a scribe;
// `minutes:update { update }` is acked at once, and the updates of each tick are merged (Yjs) and sent as one
// `minutes:update` to the scribes every 30 ms and to everyone else every 200 ms, ours' two ticks, without
// storing, applying or checking anything.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import * as Y from 'yjs';
import { ServerMetrics, serveMetricsOverIpc } from './server-metrics';

const TALLY_TICK_MS = 150;
const SCRIBE_TICK_MS = 30;
const READER_TICK_MS = 200;
const SCRIBES = 'scribes';

const metrics = new ServerMetrics();
const httpServer = createServer();
const io = new Server(httpServer, { maxHttpBufferSize: 256 * 1024, pingInterval: 10_000, pingTimeout: 8_000, serveClient: false });
const voteCounts = new Map<string, number>();
let changed = new Set<string>();
const forScribes: Uint8Array[] = [];
const forReaders: Uint8Array[] = [];

io.on('connection', (socket) => {
  if (socket.handshake.query.role === 'scribe') void socket.join(SCRIBES);
  socket.on('broadcast', (payload: unknown, ack: unknown) => {
    io.emit('event', { sentAt: Date.now(), payload });
    if (typeof ack === 'function') ack({ ok: true });
  });
  socket.on('qa:vote', (payload: { questionId: string }, ack: unknown) => {
    const voteCount = (voteCounts.get(payload.questionId) ?? 0) + 1;
    voteCounts.set(payload.questionId, voteCount);
    changed.add(payload.questionId);
    if (typeof ack === 'function') ack({ ok: true, data: { voteCount } });
  });
  socket.on('minutes:update', (payload: { update: Uint8Array }, ack: unknown) => {
    forScribes.push(payload.update);
    forReaders.push(payload.update);
    if (typeof ack === 'function') ack({ ok: true, data: {} });
  });
});

/** Every `tickMs`, what arrived in `pending` since the last tick, merged into one update, goes to `to`. */
function relayEvery(tickMs: number, pending: Uint8Array[], to: ReturnType<typeof io.to>) {
  setInterval(() => {
    const updates = pending.splice(0);
    if (updates.length > 0) to.emit('minutes:update', updates.length === 1 ? updates[0]! : Y.mergeUpdates(updates));
  }, tickMs).unref();
}
relayEvery(SCRIBE_TICK_MS, forScribes, io.to(SCRIBES));
relayEvery(READER_TICK_MS, forReaders, io.except(SCRIBES));

setInterval(() => {
  if (changed.size === 0) return;
  const tallies = Object.fromEntries([...changed].map((questionId) => [questionId, voteCounts.get(questionId)!]));
  changed = new Set();
  io.emit('qa:tallies', tallies);
}, TALLY_TICK_MS).unref();

await new Promise<void>((resolve) => httpServer.listen({ port: 0, host: '127.0.0.1', backlog: 4096 }, resolve));
serveMetricsOverIpc(metrics);
process.send?.({ type: 'ready', port: (httpServer.address() as AddressInfo).port });

process.once('SIGTERM', () => {
  io.close(() => process.exit(0));
});
