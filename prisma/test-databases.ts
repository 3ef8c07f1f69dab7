import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';
import { type SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import Database from 'better-sqlite3';
import pg from 'pg';

/** A throw-away database for one test. */
export interface TestDatabase {
  url: string;
  query(sql: string): Promise<Record<string, unknown>[]>;
  execute(sql: string): Promise<void>;
  adapterFactory(): SqlMigrationAwareDriverAdapterFactory;
  drop(): Promise<void>;
}

export const postgresAdminUrl =
  process.env.ROUNDTABLE_TEST_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

/** A SQLite file in a directory that does not exist yet, so the migrator has to create it. */
export async function createSqliteDatabase(): Promise<TestDatabase> {
  const dir = await mkdtemp(path.join(tmpdir(), 'roundtable-migrations-'));
  const file = path.join(dir, 'nested', 'test.db');
  const withDb = <T>(run: (db: Database.Database) => T): T => {
    mkdirSync(path.dirname(file), { recursive: true });
    const db = new Database(file);
    try {
      return run(db);
    } finally {
      db.close();
    }
  };
  return {
    url: `file:${file}`,
    query: async (sql) => withDb((db) => db.prepare<[], Record<string, unknown>>(sql).all()),
    execute: async (sql) => withDb((db) => void db.exec(sql)),
    adapterFactory: () => new PrismaBetterSqlite3({ url: file }),
    drop: () => rm(dir, { recursive: true, force: true }),
  };
}

/** A freshly created, randomly named PostgreSQL database. */
export async function createPostgresDatabase(): Promise<TestDatabase> {
  const name = `roundtable_test_${randomBytes(6).toString('hex')}`;
  await withClient(postgresAdminUrl, (client) => client.query(`CREATE DATABASE "${name}"`));
  const url = new URL(postgresAdminUrl);
  url.pathname = `/${name}`;
  const connectionString = url.toString();
  return {
    url: connectionString,
    query: (sql) =>
      withClient(connectionString, async (client) => (await client.query<Record<string, unknown>>(sql)).rows),
    execute: (sql) => withClient(connectionString, async (client) => void (await client.query(sql))),
    adapterFactory: () => new PrismaPg(catalogFriendlyPool(connectionString), { disposeExternalPool: true }),
    // FORCE: the schema engine's pool may still hold a connection.
    drop: () =>
      withClient(postgresAdminUrl, async (client) => {
        await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      }),
  };
}

/**
 * adapter-pg 7.10 has no mapping for PostgreSQL's internal "char" type (OID 18), which the
 * schema engine reads from pg_catalog when it describes a live database; it is plain text.
 */
function catalogFriendlyPool(connectionString: string): pg.Pool {
  const pool = new pg.Pool({ connectionString });
  const query = pool.query.bind(pool);
  pool.query = (async (config: pg.QueryConfig) => {
    const result = await query(config);
    for (const field of result.fields) if (field.dataTypeID === 18) field.dataTypeID = 25;
    return result;
  }) as typeof pool.query;
  return pool;
}

/** Why PostgreSQL cannot be used, or null when it can. */
export async function postgresUnavailableReason(): Promise<string | null> {
  try {
    await withClient(postgresAdminUrl, (client) => client.query('SELECT 1'));
    return null;
  } catch (error) {
    if (!(error instanceof Error)) return String(error);
    return error.message || ('code' in error ? String(error.code) : error.name);
  }
}

async function withClient<T>(connectionString: string, run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString, connectionTimeoutMillis: 3_000 });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}
