// The baseline: a bare Socket.IO server with the same options as ours, broadcasting whatever payload a driver
// sends to every connected client.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import { ServerMetrics, serveMetricsOverIpc } from './server-metrics';

const metrics = new ServerMetrics();
const httpServer = createServer();
const io = new Server(httpServer, { maxHttpBufferSize: 256 * 1024, pingInterval: 10_000, pingTimeout: 8_000, serveClient: false });
io.on('connection', (socket) => {
  socket.on('broadcast', (payload: unknown, ack: unknown) => {
    io.emit('event', { sentAt: Date.now(), payload });
    if (typeof ack === 'function') ack({ ok: true });
  });
});
await new Promise<void>((resolve) => httpServer.listen({ port: 0, host: '127.0.0.1', backlog: 4096 }, resolve));
serveMetricsOverIpc(metrics);
process.send?.({ type: 'ready', port: (httpServer.address() as AddressInfo).port });

process.once('SIGTERM', () => {
  io.close(() => process.exit(0));
});
