import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { chunksOf } from '@/lib/chunks';
import { resolveDatabaseProvider } from './database-url';
import { silentLogger, type Logger } from '../observability/logger';
import { PrismaClient as PostgresPrismaClient } from './generated/postgresql/client';
import { PrismaClient } from './generated/sqlite/client';

export type Database = InstanceType<typeof PrismaClient>;
export type Transaction = Omit<Database, '$connect' | '$disconnect' | '$on' | '$transaction' | '$extends'>;

const POOL_SIZE = 10;

/** Who hears of the database: the log (a lost connection), and a timer of each query (the metrics). */
export type DatabaseObservers = { logger?: Logger; recordQuery?: (model: string | undefined, operation: string, seconds: number) => void };

/** Opens the database named by DATABASE_URL: a `file:` URL (SQLite) or a `postgres[ql]://` URL (PostgreSQL). */
export async function openDatabase(databaseUrl: string, observers: DatabaseObservers = {}): Promise<Database> {
  const target = resolveDatabaseProvider(databaseUrl);
  const database = target.provider === 'postgresql' ? await openPostgres(target.url, observers.logger ?? silentLogger) : await openSqlite(target.filePath);
  return observers.recordQuery ? timed(database, observers.recordQuery) : database;
}

async function openSqlite(filePath: string): Promise<Database> {
  const adapter = new PrismaBetterSqlite3({ url: filePath, timeout: 10_000 });
  const database = new PrismaClient({ adapter });
  await database.$queryRawUnsafe('PRAGMA journal_mode = WAL');
  await database.$queryRawUnsafe('PRAGMA synchronous = NORMAL');
  await database.$queryRawUnsafe('PRAGMA foreign_keys = ON');
  return database;
}

/** Times every query, inside transactions too, from the repository's call to its result (driver and database). */
function timed(database: Database, recordQuery: NonNullable<DatabaseObservers['recordQuery']>): Database {
  const extended = database.$extends({
    query: {
      async $allOperations({ model, operation, args, query }) {
        const startedAt = performance.now();
        try {
          return await query(args);
        } finally {
          recordQuery(model, operation, (performance.now() - startedAt) / 1000);
        }
      },
    },
  });
  // The extended client has the same methods; its type is a generic rebuilt from the extension, not the class.
  return extended as unknown as Database;
}

async function openPostgres(url: string, logger: Logger): Promise<Database> {
  // Loaded only here: a SQLite deployment does not hold the PostgreSQL driver in memory.
  const [{ default: pg }, { PrismaPg }] = await Promise.all([import('pg'), import('@prisma/adapter-pg')]);
  const pool = new pg.Pool({ connectionString: url, max: POOL_SIZE, connectionTimeoutMillis: 5_000 });
  // An idle connection dropped by a database restart must not crash the process; the pool reconnects.
  pool.on('error', (error) => logger.error({ reason: error.message }, 'database: idle connection lost'));
  const database = new PostgresPrismaClient({ adapter: new PrismaPg(pool, { disposeExternalPool: true }) });
  await database.$connect();
  // Both schemas are generated from one file and differ only in the provider line (scripts/schemas.test.ts),
  // so the two clients have the same API; repositories are typed against the SQLite one.
  return database as unknown as Database;
}

/** The most ids one `in (...)` list carries; longer lists are read in chunks (SQLite limits bound parameters). */
export const MAX_IDS_PER_QUERY = 500;

/** `values` in lists of at most `size`, one statement's worth each. */
/** `ids` in lists of at most MAX_IDS_PER_QUERY, one query's worth each. */
export function chunksOfIds(ids: string[]): string[][] {
  return chunksOf(ids, MAX_IDS_PER_QUERY);
}
