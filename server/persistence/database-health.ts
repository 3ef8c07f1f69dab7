import type { Database } from './database';

export type DatabaseHealthState = 'ok' | 'unavailable';

export const DATABASE_UNAVAILABLE_MESSAGE = "The server cannot reach its database right now. Nothing was saved; try again in a moment.";
/** Seconds an HTTP client is asked to wait (Retry-After) while the database is unreachable. */
export const DATABASE_RETRY_AFTER_SECONDS = 2;

/** Prisma's codes for "cannot reach / lost / timed out waiting for" the database. */
const PRISMA_CODES = new Set(['P1001', 'P1002', 'P1008', 'P1017', 'P2024']);
/** Socket errors, and PostgreSQL's connection-exception (08xxx) and shutdown (57P0x) SQLSTATEs. */
const DRIVER_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  '08000',
  '08001',
  '08003',
  '08004',
  '08006',
  '57P01',
  '57P02',
  '57P03',
]);
/** Driver-adapter error kinds (meta.driverAdapterError.cause.kind) that mean the connection is gone. */
const ADAPTER_KINDS = new Set(['DatabaseNotReachable', 'ConnectionClosed', 'SocketTimeout', 'DatabaseUnavailable']);
const MESSAGES =
  /connection terminated|connection closed|can't reach database server|server has closed the connection|timeout exceeded when trying to connect|connection timeout|connection refused|connection reset/i;

/**
 * Whether an error means the database cannot be reached right now (rather than a bug or a bad query).
 * pg throws plain `Error('Connection terminated unexpectedly')` when a live connection is cut, and Prisma wraps
 * a refused connection as P2010 with `meta.driverAdapterError.cause.kind === 'DatabaseNotReachable'`; both count.
 */
export function isDatabaseUnavailableError(error: unknown, depth = 0): boolean {
  if (depth > 6 || typeof error !== 'object' || error === null) return false;
  const record = error as Record<string, unknown>;
  for (const key of ['code', 'errorCode', 'kind']) {
    const value = record[key];
    if (typeof value === 'string' && (PRISMA_CODES.has(value) || DRIVER_CODES.has(value) || ADAPTER_KINDS.has(value))) return true;
  }
  if (typeof record.message === 'string' && MESSAGES.test(record.message)) return true;
  const meta = record.meta as Record<string, unknown> | undefined;
  const nested = [record.cause, meta?.driverAdapterError, ...(Array.isArray(record.errors) ? record.errors : [])];
  return nested.some((inner) => isDatabaseUnavailableError(inner, depth + 1));
}

/** Who hears about outages: the realtime layer tells the calls' rooms (`server/realtime/health-notices.ts`). */
export type DatabaseHealthListener = {
  /** The first unreachable failure of a command for this call. */
  unavailable(callId: string): void;
  /** The database answers again; the calls that were told it was unavailable. */
  recovered(callIds: string[]): void;
};

/**
 * Tracks whether the database is reachable. The first unreachable failure for a call is reported once to the
 * listener; a `SELECT 1` probe then runs every couple of seconds until it succeeds, when every call that was told
 * hears it recovered and probing stops.
 */
export class DatabaseHealth {
  #state: DatabaseHealthState = 'ok';
  readonly #toldCalls = new Set<string>();
  #timer: ReturnType<typeof setInterval> | undefined;
  #probing = false;
  #lastFailureAt = 0;

  constructor(
    private readonly database: Database,
    private readonly listener: DatabaseHealthListener,
    private readonly probeIntervalMs = 2_000,
  ) {}

  get state(): DatabaseHealthState {
    return this.#state;
  }

  /** Records that a database operation failed because the database is unreachable (for `callId`'s command, if any). */
  reportUnavailable(callId?: string): void {
    this.#state = 'unavailable';
    this.#lastFailureAt = performance.now();
    if (callId !== undefined && !this.#toldCalls.has(callId)) {
      this.#toldCalls.add(callId);
      this.listener.unavailable(callId);
    }
    this.#timer ??= setInterval(() => void this.#probe(), this.probeIntervalMs);
    this.#timer.unref?.();
  }

  stop(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
  }

  async #probe(): Promise<void> {
    if (this.#probing) return;
    this.#probing = true;
    const startedAt = performance.now();
    try {
      await this.database.$queryRawUnsafe('SELECT 1');
    } catch {
      return;
    } finally {
      this.#probing = false;
    }
    // A command that failed while the probe ran outranks it: keep probing.
    if (this.#lastFailureAt > startedAt) return;
    this.stop();
    this.#state = 'ok';
    const callIds = [...this.#toldCalls];
    this.#toldCalls.clear();
    this.listener.recovered(callIds);
  }
}
