import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { chunksOf } from '@/lib/chunks';
import { resolveDatabaseProvider } from './database-url';
import { PrismaClient as PostgresPrismaClient } from './generated/postgresql/client';
import { PrismaClient } from './generated/sqlite/client';

export type Database = InstanceType<typeof PrismaClient>;
export type Transaction = Omit<Database, '$connect' | '$disconnect' | '$on' | '$transaction' | '$extends'>;

const POOL_SIZE = 10;

/** Opens the database named by DATABASE_URL: a `file:` URL (SQLite) or a `postgres[ql]://` URL (PostgreSQL). */
export async function openDatabase(databaseUrl: string): Promise<Database> {
  const target = resolveDatabaseProvider(databaseUrl);
  if (target.provider === 'postgresql') return openPostgres(target.url);
  const adapter = new PrismaBetterSqlite3({ url: target.filePath, timeout: 10_000 });
  const database = new PrismaClient({ adapter });
  await database.$queryRawUnsafe('PRAGMA journal_mode = WAL');
  await database.$queryRawUnsafe('PRAGMA synchronous = NORMAL');
  await database.$queryRawUnsafe('PRAGMA foreign_keys = ON');
  return database;
}

async function openPostgres(url: string): Promise<Database> {
  // Loaded only here: a SQLite deployment does not hold the PostgreSQL driver in memory.
  const [{ default: pg }, { PrismaPg }] = await Promise.all([import('pg'), import('@prisma/adapter-pg')]);
  const pool = new pg.Pool({ connectionString: url, max: POOL_SIZE, connectionTimeoutMillis: 5_000 });
  // An idle connection dropped by a database restart must not crash the process; the pool reconnects.
  pool.on('error', (error) => console.error('database: idle connection lost', error.message));
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
