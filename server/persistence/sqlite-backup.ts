import { existsSync } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import Database from 'better-sqlite3';
import { migrationsDirectory, readMigrations } from './migration-files';
import { applyMigrations } from './migrator';

export type BackupProgress = { totalPages: number; remainingPages: number };

/**
 * Pages copied per step of SQLite's online backup. Each step reads one consistent snapshot (WAL readers do not
 * block the server's writes); a write between steps restarts the copy, so steps are large enough that a busy
 * server's database of a few megabytes is copied in one.
 */
const PAGES_PER_STEP = 4096;

/**
 * Copies the SQLite database at `sourcePath` into a new file at `destinationPath` with SQLite's online backup
 * API, while servers keep using it. The copy is written beside the destination and renamed into place, so a
 * failed backup leaves no half-written file. Refuses an existing destination unless `force`.
 */
export async function backupSqlite(
  sourcePath: string,
  destinationPath: string,
  options: { force?: boolean; onProgress?: (progress: BackupProgress) => void } = {},
): Promise<{ totalPages: number; bytes: number }> {
  if (!existsSync(sourcePath)) throw new Error(`There is no SQLite database at ${sourcePath}.`);
  if (path.resolve(sourcePath) === path.resolve(destinationPath)) throw new Error('The backup file cannot be the database itself.');
  if (existsSync(destinationPath) && !options.force) throw new Error(`${destinationPath} already exists; pass --force to overwrite it.`);
  const partial = `${destinationPath}.partial-${process.pid}`;
  const source = new Database(sourcePath, { readonly: true, fileMustExist: true, timeout: 10_000 });
  try {
    const result = await source.backup(partial, {
      progress: (progress) => {
        options.onProgress?.(progress);
        return PAGES_PER_STEP;
      },
    });
    options.onProgress?.({ totalPages: result.totalPages, remainingPages: 0 });
    await rename(partial, destinationPath);
    return { totalPages: result.totalPages, bytes: (await stat(destinationPath)).size };
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  } finally {
    source.close();
  }
}

/**
 * Checks that `file` is a sound Roundtable database this version can run: SQLite, `PRAGMA integrity_check` ok,
 * with Prisma's migrations table, and no migration applied that this version does not know (a newer version's).
 * Returns its applied migrations.
 */
export async function inspectBackup(file: string): Promise<{ appliedMigrations: string[] }> {
  if (!existsSync(file)) throw new Error(`There is no file ${file}.`);
  const known = new Set((await readMigrations(migrationsDirectory('sqlite'))).map((migration) => migration.name));
  let database: Database.Database;
  try {
    database = new Database(file, { readonly: true, fileMustExist: true });
    database.pragma('schema_version');
  } catch (error) {
    throw new Error(`${file} is not a SQLite database (${messageOf(error)}).`);
  }
  try {
    let report: string[];
    try {
      report = (database.pragma('integrity_check', { simple: false }) as { integrity_check: string }[]).map((row) => row.integrity_check);
    } catch (error) {
      report = [messageOf(error)];
    }
    if (report.join() !== 'ok') throw new Error(`${file} failed SQLite's integrity check:\n  ${report.slice(0, 10).join('\n  ')}`);
    const tables = new Set(database.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all().map(String));
    if (!tables.has('_prisma_migrations') || !tables.has('Call')) throw new Error(`${file} is a SQLite database, but not a Roundtable database.`);
    const applied = database
      .prepare('SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY migration_name')
      .pluck()
      .all()
      .map(String);
    const unknown = applied.filter((name) => !known.has(name));
    if (unknown.length > 0) {
      throw new Error(`${file} comes from a newer version of Roundtable (migrations this version does not know: ${unknown.join(', ')}); restore it with that version.`);
    }
    return { appliedMigrations: applied };
  } finally {
    database.close();
  }
}

/**
 * Refuses when a server has the database open, and otherwise writes its WAL into the main file.
 * A connection to a WAL database holds a shared lock on the file for as long as it is open (even idle), so an
 * exclusive lock is granted only when no server, migration or other process has it open. The lock is released
 * before the caller replaces the file: a server started in that moment is the operator's to avoid.
 */
function closeUnusedDatabase(filePath: string): void {
  const database = new Database(filePath, { fileMustExist: true, timeout: 0 });
  try {
    database.pragma('locking_mode = EXCLUSIVE');
    try {
      database.exec('BEGIN EXCLUSIVE');
      database.exec('COMMIT');
    } catch (error) {
      if (error instanceof Database.SqliteError && error.code.startsWith('SQLITE_BUSY')) {
        throw new Error(`${filePath} is in use (a Roundtable server or another program has it open); stop the server first.`);
      }
      throw error;
    }
    database.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    database.close();
  }
}

/**
 * Restores `backupFile` into the database at `targetPath`, which no server may be using: checks the backup,
 * keeps the current database as `<name>.before-restore-<timestamp>.db` beside it, copies the backup in (with
 * SQLite's backup API, so nothing of a WAL beside it is missed) and applies the migrations it lacks.
 */
export async function restoreSqlite(
  backupFile: string,
  targetPath: string,
  log: (line: string) => void = () => undefined,
): Promise<{ keptAs: string | null; appliedMigrations: string[] }> {
  if (path.resolve(backupFile) === path.resolve(targetPath)) throw new Error('The backup file is the database itself.');
  const { appliedMigrations } = await inspectBackup(backupFile);
  log(`${backupFile} is a sound Roundtable database (${appliedMigrations.length} migrations applied).`);
  let keptAs: string | null = null;
  if (existsSync(targetPath)) {
    closeUnusedDatabase(targetPath);
    const timestamp = new Date().toISOString().replace(/\.\d+Z$/, 'Z').replace(/:/g, '-');
    keptAs = path.join(path.dirname(targetPath), `${path.basename(targetPath, '.db')}.before-restore-${timestamp}.db`);
    await rename(targetPath, keptAs);
    log(`Kept the current database as ${keptAs}`);
  }
  await mkdir(path.dirname(targetPath), { recursive: true });
  await Promise.all(['-wal', '-shm', '-journal'].map((suffix) => rm(`${targetPath}${suffix}`, { force: true })));
  await backupSqlite(backupFile, targetPath);
  const { applied } = await applyMigrations(`file:${targetPath}`, { log });
  return { keptAs, appliedMigrations: applied };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
