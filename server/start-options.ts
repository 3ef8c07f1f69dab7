import type { RunningServer, ServerOptions } from './app';
import type { Environment } from './env';

/** Server options from the parsed environment, shared by every entry point (app, test nodes, bench). */
export function serverOptionsFrom(environment: Environment): ServerOptions {
  return {
    databaseUrl: environment.DATABASE_URL,
    port: environment.PORT,
    host: environment.HOST,
    publicUrl: environment.PUBLIC_URL,
    secretKey: environment.ROUNDTABLE_SECRET_KEY,
    publishing: { localRepositoryRoots: environment.ROUNDTABLE_LOCAL_REPOSITORIES, allowPrivateNetwork: environment.ROUNDTABLE_ALLOW_PRIVATE_NETWORK },
    webhooks: { allowPrivateNetwork: environment.ROUNDTABLE_ALLOW_PRIVATE_NETWORK },
    retention: { days: environment.ROUNDTABLE_RETENTION_DAYS },
    redis: environment.REDIS_URL ? { url: environment.REDIS_URL, prefix: environment.REDIS_PREFIX } : undefined,
    rateLimits: {
      callsPerMinute: environment.RATE_LIMIT_CALLS_PER_MINUTE,
      apiPerMinute: environment.RATE_LIMIT_API_PER_MINUTE,
      connectionsPer10Seconds: environment.RATE_LIMIT_CONNECTIONS_PER_10S,
      commandsPerSecond: environment.RATE_LIMIT_COMMANDS_PER_SECOND,
      commandBurst: environment.RATE_LIMIT_COMMANDS_PER_SECOND * 2,
      trustedProxies: environment.TRUST_PROXY,
    },
  };
}

/** Closes connections and the database cleanly on SIGINT/SIGTERM, once. */
export function closeOnSignals(server: RunningServer): void {
  let isClosing = false;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (isClosing) return;
      isClosing = true;
      console.log(`Received ${signal}, closing connections…`);
      void server.close().then(() => process.exit(0));
    });
  }
}
