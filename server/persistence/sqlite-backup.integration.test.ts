import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrationNames, migrationsWith } from '../../prisma/migration-fixtures';
import { startTestServer } from '../testing/test-server';
import { migrationsDirectory } from './migration-files';
import { applyMigrations } from './migrator';
import { backupSqlite, restoreSqlite } from './sqlite-backup';

let directory: string;
beforeAll(async () => {
  directory = await mkdtemp(path.join(tmpdir(), 'roundtable-backup-'));
});
afterAll(() => rm(directory, { recursive: true, force: true }));

function countCalls(file: string): number {
  const database = new Database(file, { readonly: true });
  try {
    return Number(database.prepare('SELECT count(*) FROM "Call"').pluck().get());
  } finally {
    database.close();
  }
}

describe('SQLite backup and restore', () => {
  it('refuses to overwrite a file unless forced', async () => {
    const source = path.join(directory, 'overwrite.db');
    await applyMigrations(`file:${source}`);
    const destination = path.join(directory, 'existing.db');
    await writeFile(destination, 'keep me');
    await expect(backupSqlite(source, destination)).rejects.toThrow(/already exists; pass --force/);
    expect(await readFile(destination, 'utf8')).toBe('keep me');
    const progress: { totalPages: number; remainingPages: number }[] = [];
    const { totalPages } = await backupSqlite(source, destination, { force: true, onProgress: (step) => progress.push(step) });
    expect(totalPages).toBeGreaterThan(1);
    expect(progress.at(-1)).toEqual({ totalPages, remainingPages: 0 });
    expect(countCalls(destination)).toBe(0);
  });

  it('refuses while a server uses the database, and leaves it alone', async () => {
    const server = await startTestServer();
    try {
      const backup = path.join(directory, 'in-use-backup.db');
      const live = path.join(server.directory, 'test.db');
      await backupSqlite(live, backup);
      await expect(restoreSqlite(backup, live)).rejects.toThrow(/is in use .*stop the server first/);
      expect(await readdir(server.directory)).not.toContainEqual(expect.stringContaining('before-restore'));
      expect((await fetch(`${server.url}/api/ready`)).status).toBe(200);
    } finally {
      await server.close();
    }
  });

  it('refuses files that are not sound Roundtable databases of this version', async () => {
    const target = path.join(directory, 'untouched.db');
    const garbage = path.join(directory, 'garbage.db');
    await writeFile(garbage, 'not a database at all, just some text that is long enough to look like a file');
    await expect(restoreSqlite(garbage, target)).rejects.toThrow(/is not a SQLite database/);

    const other = path.join(directory, 'other-app.db');
    const otherDatabase = new Database(other);
    otherDatabase.exec('CREATE TABLE notes (text TEXT)');
    otherDatabase.close();
    await expect(restoreSqlite(other, target)).rejects.toThrow(/not a Roundtable database/);

    const newer = path.join(directory, 'newer.db');
    const futureMigrations = await migrationsWith('sqlite', { '29991231000000_from_the_future': 'CREATE TABLE "Future" ("id" TEXT);' });
    await applyMigrations(`file:${newer}`, { migrationsDir: futureMigrations });
    await rm(futureMigrations, { recursive: true, force: true });
    await expect(restoreSqlite(newer, target)).rejects.toThrow(/newer version of Roundtable .*29991231000000_from_the_future/);

    const corrupt = path.join(directory, 'corrupt.db');
    await backupSqlite(newer, corrupt);
    const bytes = await readFile(corrupt);
    // Page 2 onwards are table and index pages: overwrite one with noise, keeping the header intact.
    bytes.fill(0x5a, 4096 * 3, 4096 * 3 + 2048);
    await writeFile(corrupt, bytes);
    await expect(restoreSqlite(corrupt, target)).rejects.toThrow(/corrupt\.db failed SQLite's integrity check:\n  database disk image is malformed/);
    expect(await readdir(directory)).not.toContain('untouched.db');
  });

  it('keeps the current database, restores the backup and applies the migrations it lacks', async () => {
    const all = await migrationNames(migrationsDirectory('sqlite'));
    const older = await mkdtemp(path.join(tmpdir(), 'roundtable-older-migrations-'));
    await cp(migrationsDirectory('sqlite'), older, { recursive: true });
    await rm(path.join(older, all.at(-1)!), { recursive: true });
    const backup = path.join(directory, 'older.db');
    await applyMigrations(`file:${backup}`, { migrationsDir: older });
    await rm(older, { recursive: true, force: true });

    const target = path.join(directory, 'restore-here', 'roundtable.db');
    await applyMigrations(`file:${target}`);
    const current = new Database(target);
    current.pragma('journal_mode = WAL');
    current.exec(`INSERT INTO "Series" ("id", "title") VALUES ('series-before-restore', 'Before')`);
    current.close();

    const lines: string[] = [];
    const { keptAs, appliedMigrations } = await restoreSqlite(backup, target, (line) => lines.push(line));
    expect(appliedMigrations).toEqual([all.at(-1)]);
    expect(keptAs).toMatch(/restore-here\/roundtable\.before-restore-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\dZ\.db$/);
    const kept = new Database(keptAs!, { readonly: true });
    expect(kept.prepare('SELECT "id" FROM "Series"').pluck().all()).toEqual(['series-before-restore']);
    kept.close();
    const restored = new Database(target, { readonly: true });
    expect(restored.prepare('SELECT count(*) FROM "Series"').pluck().get()).toBe(0);
    expect(restored.pragma('integrity_check', { simple: true })).toBe('ok');
    restored.close();
    expect(lines).toContainEqual(expect.stringMatching(/^Applied migration /));
  });
});
