import { startServer } from './app';
import { readEnvironment } from './env';

const environment = readEnvironment();
const server = await startServer({
  databaseUrl: environment.DATABASE_URL,
  port: environment.PORT,
  host: environment.HOST,
  publicUrl: environment.PUBLIC_URL,
  next: { dev: environment.NODE_ENV !== 'production' },
  redis: environment.REDIS_URL ? { url: environment.REDIS_URL, prefix: environment.REDIS_PREFIX } : undefined,
  rateLimits: {
    callsPerMinute: environment.RATE_LIMIT_CALLS_PER_MINUTE,
    apiPerMinute: environment.RATE_LIMIT_API_PER_MINUTE,
    connectionsPer10Seconds: environment.RATE_LIMIT_CONNECTIONS_PER_10S,
    commandsPerSecond: environment.RATE_LIMIT_COMMANDS_PER_SECOND,
    commandBurst: environment.RATE_LIMIT_COMMANDS_PER_SECOND * 2,
  },
});

console.log(`Roundtable is running at ${environment.PUBLIC_URL ?? `http://localhost:${server.port}`}`);

let isClosing = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (isClosing) return;
    isClosing = true;
    console.log(`Received ${signal}, closing connections…`);
    void server.close().then(() => process.exit(0));
  });
}
