import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checksumMatches, checksumOf, readMigrations } from './migration-files';

describe('migration files', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'roundtable-migration-files-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  const addMigration = async (name: string, script: string) => {
    await mkdir(path.join(dir, name));
    await writeFile(path.join(dir, name, 'migration.sql'), script);
  };

  it('reads every folder in name order and ignores plain files, like Prisma', async () => {
    await addMigration('20260102000000_second', 'SELECT 2;');
    await addMigration('20260101000000_first', 'SELECT 1;');
    await writeFile(path.join(dir, 'migration_lock.toml'), 'provider = "sqlite"\n');

    const migrations = await readMigrations(dir);

    expect(migrations.map((migration) => migration.name)).toEqual(['20260101000000_first', '20260102000000_second']);
    expect(migrations[0]?.checksum).toBe(checksumOf('SELECT 1;'));
  });

  it('uses the lowercase sha256 hex of the file bytes', () => {
    expect(checksumOf('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('treats a line-ending-only change as unchanged, and any other edit as changed', () => {
    const script = 'SELECT 1;\r\nSELECT 2;\r\n';
    const migration = { name: 'm', script, checksum: checksumOf(script) };
    expect(checksumMatches(migration, checksumOf('SELECT 1;\nSELECT 2;\n'))).toBe(true);
    expect(checksumMatches(migration, checksumOf('SELECT 1;\nSELECT 3;\n'))).toBe(false);
  });

  it('fails clearly on a folder without migration.sql, and treats a missing directory as no migrations', async () => {
    await mkdir(path.join(dir, '20260101000000_empty'));
    await expect(readMigrations(dir)).rejects.toThrow(/20260101000000_empty has no migration.sql/);
    expect(await readMigrations(path.join(dir, 'absent'))).toEqual([]);
  });
});
