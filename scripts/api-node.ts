// One node without the Next.js pages (API + Socket.IO), configured like server/main.ts; the multi-node tests
// start several. Prints "listening on <port>" once it accepts connections.
import { startServer } from '../server/app';
import { readEnvironment } from '../server/env';

const environment = readEnvironment();
const server = await startServer({
  databaseUrl: environment.DATABASE_URL,
  port: environment.PORT,
  host: environment.HOST,
  publicUrl: environment.PUBLIC_URL,
  redis: environment.REDIS_URL ? { url: environment.REDIS_URL, prefix: environment.REDIS_PREFIX, presenceTtlMs: 4_000 } : undefined,
  rateLimits: {
    callsPerMinute: environment.RATE_LIMIT_CALLS_PER_MINUTE,
    apiPerMinute: environment.RATE_LIMIT_API_PER_MINUTE,
    connectionsPer10Seconds: environment.RATE_LIMIT_CONNECTIONS_PER_10S,
    commandsPerSecond: environment.RATE_LIMIT_COMMANDS_PER_SECOND,
    commandBurst: environment.RATE_LIMIT_COMMANDS_PER_SECOND * 2,
  },
});
console.log(`listening on ${server.port}`);

process.once('SIGTERM', () => void server.close().then(() => process.exit(0)));
