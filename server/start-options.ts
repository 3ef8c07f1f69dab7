import type { RunningServer, ServerOptions } from './app';
import type { Environment } from './env';
import { createLogger } from './observability/logger';

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
    logger: createLogger({ level: environment.LOG_LEVEL, isPretty: environment.NODE_ENV !== 'production' }),
    metrics: { port: environment.METRICS_PORT, host: environment.METRICS_HOST, token: environment.METRICS_TOKEN },
    retention: { days: environment.ROUNDTABLE_RETENTION_DAYS },
    redis: environment.REDIS_URL ? { url: environment.REDIS_URL, prefix: environment.REDIS_PREFIX } : undefined,
    identityLimit: { perAddress: environment.CHECK_INS_PER_ADDRESS, windowMinutes: environment.CHECK_IN_WINDOW_MINUTES },
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

export type ShutdownOptions = { delaySeconds: number; timeoutSeconds: number };

export function shutdownOptionsFrom(environment: Environment): ShutdownOptions {
  return { delaySeconds: environment.SHUTDOWN_DELAY_SECONDS, timeoutSeconds: environment.SHUTDOWN_TIMEOUT_SECONDS };
}

/**
 * Reports not ready at once, keeps serving for `delaySeconds` (the load balancer takes the node out), then closes
 * connections and the database: `exit(0)` once closed, `exit(1)` with a message when closing fails or takes
 * longer than `timeoutSeconds`.
 */
export async function shutDown(
  server: Pick<RunningServer, 'markShuttingDown' | 'close' | 'logger'>,
  { delaySeconds, timeoutSeconds }: ShutdownOptions,
  exit: (code: number) => void,
): Promise<void> {
  server.markShuttingDown();
  await new Promise((resolve) => setTimeout(resolve, delaySeconds * 1000));
  // Not unref'd: it keeps the process alive until the bound even when closing waits on nothing that would.
  const deadline = setTimeout(() => {
    server.logger.error({ timeoutSeconds }, 'shutdown took longer than the bound; exiting anyway');
    exit(1);
  }, timeoutSeconds * 1000);
  try {
    await server.close();
    exit(0);
  } catch (error) {
    server.logger.error({ err: error }, 'shutdown failed');
    exit(1);
  } finally {
    clearTimeout(deadline);
  }
}

/** Shuts down (see `shutDown`) on the first SIGINT or SIGTERM. */
export function closeOnSignals(server: RunningServer, options: ShutdownOptions): void {
  let isClosing = false;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (isClosing) return;
      isClosing = true;
      server.logger.info({ signal, delaySeconds: options.delaySeconds }, 'not ready; closing connections');
      void shutDown(server, options, (code) => process.exit(code));
    });
  }
}
