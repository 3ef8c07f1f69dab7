// The server under test: the real server (`startServer`) in production mode, configured from the environment as
// server/main.ts does, but without the Next.js pages: the bench measures the socket and API path. Compiled to
// JavaScript and started by scripts/bench/run.ts, which lifts the per-IP limits through the environment; it
// reports metrics over IPC only.
import { startServer } from '../../server/app';
import { readEnvironment } from '../../server/env';
import { closeOnSignals, serverOptionsFrom, shutdownOptionsFrom } from '../../server/start-options';
import { ServerMetrics, serveMetricsOverIpc } from './server-metrics';
import { tuneV8ForServing } from '../../server/v8-tuning';

tuneV8ForServing();

const metrics = new ServerMetrics();
const environment = readEnvironment();
const server = await startServer({ ...serverOptionsFrom(environment), host: '127.0.0.1' });
serveMetricsOverIpc(metrics);
// The vote-checks scenario turns the vote rule and the burst signal off and on between its rounds (same process).
process.on('message', (message: { type?: string; isEnabled?: boolean }) => {
  if (message.type !== 'voteChecks' || typeof message.isEnabled !== 'boolean') return;
  server.voteChecks.isEnabled = message.isEnabled;
  process.send?.({ type: 'voteChecks', isEnabled: message.isEnabled });
});
process.send?.({ type: 'ready', port: server.port });
closeOnSignals(server, shutdownOptionsFrom(environment));
