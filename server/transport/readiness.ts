import type { ReadinessCheck, ReadinessReport } from '@/lib/protocol';
import type { DatabaseReadiness } from '../persistence/database-readiness';

/** How long `/api/ready` waits for a dependency: a hung database or Redis is reported, not waited for. */
export const READINESS_TIMEOUT_MS = 2_000;

type Outcome<T> = { ok: true; value: T } | { ok: false; message: string };

/**
 * A dependency's check that never runs twice at once: probes arriving while one still waits (a hung database)
 * wait for that one, up to the timeout, instead of sending another query after it.
 */
function sharedCheck<T>(run: () => Promise<T>, timeoutMs: number): () => Promise<Outcome<T>> {
  let pending: Promise<T> | null = null;
  return async () => {
    pending ??= run().finally(() => {
      pending = null;
    });
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => reject(new Error(`No answer within ${timeoutMs / 1000} s.`)), timeoutMs);
    });
    try {
      return { ok: true, value: await Promise.race([pending, timeout]) };
    } catch (error) {
      return { ok: false, message: error instanceof Error ? error.message : String(error) };
    } finally {
      clearTimeout(timer);
    }
  };
}

/** What a load balancer asks before sending this node traffic (`GET /api/ready`). */
export class Readiness {
  #isShuttingDown = false;
  readonly #database: () => Promise<Outcome<string[]>>;
  readonly #redis: (() => Promise<Outcome<void>>) | null;

  constructor(database: DatabaseReadiness, redis: { ping(): Promise<void> } | null, timeoutMs = READINESS_TIMEOUT_MS) {
    this.#database = sharedCheck(() => database.pendingMigrations(), timeoutMs);
    this.#redis = redis && sharedCheck(() => redis.ping(), timeoutMs);
  }

  /** From now on the node reports not ready, so load balancers stop sending it new clients. */
  markShuttingDown(): void {
    this.#isShuttingDown = true;
  }

  async report(): Promise<ReadinessReport> {
    const [database, redis] = await Promise.all([this.#database(), this.#redis?.()]);
    const checks = {
      database: checkOf(database),
      migrations: migrationsCheck(database),
      ...(redis ? { redis: checkOf(redis) } : {}),
      shutdown: this.#isShuttingDown ? { ok: false, message: 'The server is shutting down.' } : { ok: true },
    };
    return { ready: Object.values(checks).every((check) => check.ok), checks };
  }
}

function checkOf(outcome: Outcome<unknown>): ReadinessCheck {
  return outcome.ok ? { ok: true } : { ok: false, message: outcome.message };
}

function migrationsCheck(database: Outcome<string[]>): ReadinessCheck {
  if (!database.ok) return { ok: false, message: 'Not checked: the database does not answer.' };
  if (database.value.length === 0) return { ok: true };
  return { ok: false, message: `Not applied yet: ${database.value.join(', ')}. Run npm run db:migrate.` };
}
