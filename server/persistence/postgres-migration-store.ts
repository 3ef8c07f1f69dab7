import pg from 'pg';
import { type MigrationRecord, type MigrationStore } from './migration-store';
import { parseMigrationRecord } from './migration-record';

// Same key and timeout as Prisma, so our migrator and `prisma migrate deploy` exclude each other.
const ADVISORY_LOCK_KEY = 72707369;
const LOCK_TIMEOUT_MS = 10_000;

// Prisma's own DDL for PostgreSQL.
const CREATE_TABLE = `CREATE TABLE _prisma_migrations (
    id                      VARCHAR(36) PRIMARY KEY NOT NULL,
    checksum                VARCHAR(64) NOT NULL,
    finished_at             TIMESTAMPTZ,
    migration_name          VARCHAR(255) NOT NULL,
    logs                    TEXT,
    rolled_back_at          TIMESTAMPTZ,
    started_at              TIMESTAMPTZ NOT NULL DEFAULT now(),
    applied_steps_count     INTEGER NOT NULL DEFAULT 0
)`;

/** Connects, takes Prisma's advisory lock and works in the URL's `?schema=` (default public), as Prisma does. */
export async function openPostgresMigrationStore(databaseUrl: string): Promise<MigrationStore> {
  const url = new URL(databaseUrl);
  const schema = url.searchParams.get('schema') ?? 'public';
  url.searchParams.delete('schema');
  const client = new pg.Client({ connectionString: url.toString() });
  // A dropped connection also rejects the running query; unheard, the 'error' event would crash the process.
  client.on('error', () => undefined);
  await client.connect();
  try {
    await client.query(`SET lock_timeout = ${LOCK_TIMEOUT_MS}`);
    await client.query('SELECT pg_advisory_lock($1)', [ADVISORY_LOCK_KEY]);
    await client.query('RESET lock_timeout');
  } catch (error) {
    await client.end();
    if (!isLockTimeout(error)) throw error;
    throw new Error(
      `Timed out after ${LOCK_TIMEOUT_MS} ms waiting for the migration lock ` +
        `(pg_advisory_lock(${ADVISORY_LOCK_KEY})); is another migration running?`,
    );
  }
  await client.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdentifier(schema)}`);
  await client.query(`SET search_path TO ${quoteIdentifier(schema)}`);

  return {
    async initialize() {
      const { rows } = await client.query<{ table_name: string }>(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = $1 AND table_type = 'BASE TABLE'",
        [schema],
      );
      const tables = rows.map((row) => row.table_name);
      if (tables.includes('_prisma_migrations')) return;
      if (tables.length > 0) {
        throw new Error(
          `The schema "${schema}" is not empty (tables: ${tables.join(', ')}) but has no _prisma_migrations table; ` +
            'refusing to migrate it (Prisma P3005). Baseline it or use an empty database.',
        );
      }
      await client.query(CREATE_TABLE);
    },
    async listMigrations(): Promise<MigrationRecord[]> {
      const { rows } = await client.query<Record<string, unknown>>(
        'SELECT * FROM _prisma_migrations ORDER BY started_at ASC',
      );
      return rows.map(parseMigrationRecord);
    },
    async recordStarted({ id, migrationName, checksum, startedAt }) {
      await client.query(
        'INSERT INTO _prisma_migrations (id, checksum, started_at, migration_name) VALUES ($1, $2, $3, $4)',
        [id, checksum, startedAt, migrationName],
      );
    },
    async runScript(script) {
      // Without parameters pg uses the simple query protocol, which accepts many statements.
      try {
        await client.query(script);
      } catch (error) {
        // A script with its own BEGIN would leave the session in an aborted transaction.
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      }
    },
    async recordFinished(id, finishedAt) {
      await client.query(
        'UPDATE _prisma_migrations SET applied_steps_count = applied_steps_count + 1, finished_at = $1 WHERE id = $2',
        [finishedAt, id],
      );
    },
    async recordFailed(id, logs) {
      await client.query('UPDATE _prisma_migrations SET logs = $1 WHERE id = $2', [logs, id]);
    },
    async close() {
      try {
        await client.query('SELECT pg_advisory_unlock($1)', [ADVISORY_LOCK_KEY]);
      } finally {
        await client.end();
      }
    },
  };
}

function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

function isLockTimeout(error: unknown): boolean {
  return error instanceof Error && 'code' in error && error.code === '55P03';
}
