import { open, stat } from 'node:fs/promises';
import type { Database } from './database';
import { resolveDatabaseProvider, type DatabaseTarget } from './database-url';
import { migrationsDirectory, readMigrations } from './migration-files';

/** The first bytes of every SQLite database file. */
const SQLITE_HEADER = 'SQLite format 3\0';

export type DatabaseReadiness = {
  /** Resolves with the migrations of this version the database has not applied; rejects with why it does not answer. */
  pendingMigrations(): Promise<string[]>;
};

/**
 * What `/api/ready` asks of the database: one query, and for SQLite whether the file the server opened is still
 * the file at the configured path. An open SQLite handle keeps working on a file that was deleted, renamed or
 * replaced, and root reads any file whatever its mode, so the query alone would not notice a broken file.
 */
export async function createDatabaseReadiness(database: Database, databaseUrl: string): Promise<DatabaseReadiness> {
  const target = resolveDatabaseProvider(databaseUrl);
  const expected = (await readMigrations(migrationsDirectory(target.provider))).map((migration) => migration.name);
  const checkFile = target.provider === 'sqlite' ? await sqliteFileCheck(target) : async () => undefined;
  return {
    async pendingMigrations() {
      await checkFile();
      const rows = await database.$queryRawUnsafe<{ name: string }[]>(
        'SELECT migration_name AS name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL',
      );
      const applied = new Set(rows.map((row) => row.name));
      return expected.filter((name) => !applied.has(name));
    },
  };
}

async function sqliteFileCheck(target: Extract<DatabaseTarget, { provider: 'sqlite' }>) {
  const { filePath } = target;
  const opened = await stat(filePath);
  return async () => {
    const current = await stat(filePath).catch((error: unknown) => {
      throw new Error(isCode(error, 'ENOENT') ? `The database file ${filePath} is missing.` : `Cannot read ${filePath}: ${messageOf(error)}`);
    });
    if (current.ino !== opened.ino || current.dev !== opened.dev) {
      throw new Error(`The database file ${filePath} was replaced by another file since the server opened it; restart the server.`);
    }
    const header = Buffer.alloc(SQLITE_HEADER.length);
    try {
      const file = await open(filePath, 'r');
      try {
        await file.read(header, 0, header.length, 0);
      } finally {
        await file.close();
      }
    } catch (error) {
      throw new Error(`Cannot read ${filePath}: ${messageOf(error)}`);
    }
    if (header.toString('latin1') !== SQLITE_HEADER) throw new Error(`${filePath} is no longer a SQLite database file.`);
  };
}

function isCode(error: unknown, code: string): boolean {
  return error instanceof Error && 'code' in error && error.code === code;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
