import type { ReadinessCheck, ReadinessReport } from '@/lib/protocol';
import type { DatabaseReadiness } from '../persistence/database-readiness';

/** How long `/api/ready` waits for a dependency: a hung database or Redis is reported, not waited for. */
export const READINESS_TIMEOUT_MS = 2_000;

type Check = () => Promise<ReadinessCheck>;

/**
 * A dependency's check that never runs twice at once: probes arriving while one still waits (a hung database)
 * wait for that one, up to the timeout, instead of sending another query after it.
 */
function sharedCheck(run: () => Promise<void>, timeoutMs: number): Check {
  let pending: Promise<void> | null = null;
  return async () => {
    pending ??= run().finally(() => {
      pending = null;
    });
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => reject(new Error(`No answer within ${timeoutMs / 1000} s.`)), timeoutMs);
    });
    try {
      await Promise.race([pending, timeout]);
      return { ok: true };
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
  readonly #database: Check;
  readonly #redis: Check | null;

  constructor(
    private readonly database: DatabaseReadiness,
    redis: { ping(): Promise<void> } | null,
    timeoutMs = READINESS_TIMEOUT_MS,
  ) {
    this.#database = sharedCheck(() => database.checkDatabase(), timeoutMs);
    this.#redis = redis && sharedCheck(() => redis.ping(), timeoutMs);
  }

  /** From now on the node reports not ready, so load balancers stop sending it new clients. */
  markShuttingDown(): void {
    this.#isShuttingDown = true;
  }

  async report(): Promise<ReadinessReport> {
    const [database, redis] = await Promise.all([this.#database(), this.#redis?.()]);
    const migrations = database.ok ? await this.#migrations() : { ok: false, message: 'Not checked: the database does not answer.' };
    const shutdown: ReadinessCheck = this.#isShuttingDown ? { ok: false, message: 'The server is shutting down.' } : { ok: true };
    const checks = { database, migrations, ...(redis ? { redis } : {}), shutdown };
    return { ready: Object.values(checks).every((check) => check.ok), checks };
  }

  async #migrations(): Promise<ReadinessCheck> {
    const pending = await this.database.pendingMigrations();
    if (pending.length === 0) return { ok: true };
    return { ok: false, message: `Not applied yet: ${pending.join(', ')}. Run npm run db:migrate.` };
  }
}
