// The baseline: a bare Socket.IO server with the same options as ours. It broadcasts whatever payload a driver
// sends to every connected client (`deliveries`), and it is the bare vote equivalent (`vote-storm`): `qa:vote`
// counts in memory and acks `{ ok: true, data: { voteCount } }`, and every 150 ms the counts changed since the last
// tick go to every client as `qa:tallies`, the contract of ours without the database, validation or rooms.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import { ServerMetrics, serveMetricsOverIpc } from './server-metrics';

const TALLY_TICK_MS = 150;

const metrics = new ServerMetrics();
const httpServer = createServer();
const io = new Server(httpServer, { maxHttpBufferSize: 256 * 1024, pingInterval: 10_000, pingTimeout: 8_000, serveClient: false });
const voteCounts = new Map<string, number>();
let changed = new Set<string>();

io.on('connection', (socket) => {
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
});

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
