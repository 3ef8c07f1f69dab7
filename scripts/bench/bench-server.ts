// The server under test: the real server (`startServer`) in production mode, configured from the environment as
// server/main.ts does, but without the Next.js pages: the bench measures the socket and API path. Started by
// scripts/bench/run.ts, which lifts the per-IP limits through the environment; it reports metrics over IPC only.
import { startServer } from '../../server/app';
import { readEnvironment } from '../../server/env';
import { ServerMetrics, serveMetricsOverIpc } from './server-metrics';

const environment = readEnvironment();
const metrics = new ServerMetrics();
const server = await startServer({
  databaseUrl: environment.DATABASE_URL,
  port: environment.PORT,
  host: '127.0.0.1',
  rateLimits: {
    callsPerMinute: environment.RATE_LIMIT_CALLS_PER_MINUTE,
    apiPerMinute: environment.RATE_LIMIT_API_PER_MINUTE,
    connectionsPer10Seconds: environment.RATE_LIMIT_CONNECTIONS_PER_10S,
    commandsPerSecond: environment.RATE_LIMIT_COMMANDS_PER_SECOND,
    commandBurst: environment.RATE_LIMIT_COMMANDS_PER_SECOND * 2,
  },
});
serveMetricsOverIpc(metrics);
process.send?.({ type: 'ready', port: server.port });

process.once('SIGTERM', () => {
  void server.close().then(() => process.exit(0));
});
