import { silentLogger, type Logger } from '../observability/logger';
import type { Database } from './database';
import { listCallsPastRetention, removePersonalData } from './privacy.repository';

const DAY_MS = 24 * 60 * 60 * 1000;

export type RetentionOptions = {
  /** ROUNDTABLE_RETENTION_DAYS: attendees' names are removed from calls that ended longer ago; unset keeps them. */
  days?: number;
  /** How often the sweep runs after the one at start (tests shorten it). */
  intervalMs?: number;
  /** Calls read per query; each call is then changed in its own short transaction. */
  batchSize?: number;
  /** The most calls one run changes, so a first run over years of calls does not hold the database for long. */
  maxCallsPerRun?: number;
};

const DEFAULTS = { intervalMs: 60 * 60 * 1000, batchSize: 25, maxCallsPerRun: 500 };

/**
 * Removes attendees' personal data from calls that ended more than `days` ago, at start and then every hour.
 * Idempotent and safe with several nodes: a call is claimed and changed in one transaction, so a second node
 * sweeping at the same moment skips it. A run that reaches `maxCallsPerRun` leaves the rest to the next one.
 */
export class RetentionSweep {
  readonly #options: typeof DEFAULTS & { days?: number };
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<number> | null = null;

  constructor(
    private readonly database: Database,
    options: RetentionOptions = {},
    private readonly logger: Logger = silentLogger,
  ) {
    this.#options = { ...DEFAULTS, ...options };
  }

  start(): void {
    if (this.#options.days === undefined) return;
    void this.run();
    this.#timer = setInterval(() => void this.run(), this.#options.intervalMs);
    this.#timer.unref();
  }

  /** One run (or the one under way); resolves with how many calls it changed, 0 when it failed (logged). */
  run(): Promise<number> {
    this.#running ??= this.#sweep()
      .then((changed) => {
        if (changed > 0) this.logger.info({ calls: changed, days: this.#options.days }, 'retention: removed attendees\' names from old calls');
        return changed;
      })
      .catch((error: unknown) => {
        this.logger.error({ err: error }, 'retention: removing personal data from old calls failed');
        return 0;
      })
      .finally(() => (this.#running = null));
    return this.#running;
  }

  /** Stops the timer and waits for a run under way, so none reaches the database after it closes. */
  async stop(): Promise<void> {
    clearInterval(this.#timer);
    await this.#running;
  }

  async #sweep(): Promise<number> {
    const { days, batchSize, maxCallsPerRun } = this.#options;
    if (days === undefined) return 0;
    const endedBefore = new Date(Date.now() - days * DAY_MS);
    let changed = 0;
    let seen = 0;
    while (seen < maxCallsPerRun) {
      const callIds = await listCallsPastRetention(this.database, endedBefore, Math.min(batchSize, maxCallsPerRun - seen));
      for (const callId of callIds) {
        if (await removePersonalData(this.database, callId, new Date())) changed += 1;
      }
      seen += callIds.length;
      if (callIds.length < batchSize) break;
    }
    return changed;
  }
}
