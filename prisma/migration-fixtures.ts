import { cp, mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type DatabaseProvider } from '../server/persistence/database-url';
import { migrationsDirectory } from '../server/persistence/migrator';
import { type SchemaEngine } from '../scripts/schema-engine';

type MigrationList = Parameters<SchemaEngine['diagnoseMigrationHistory']>[0]['migrationsList'];

export async function migrationNames(migrationsDir: string): Promise<string[]> {
  return (await readdir(migrationsDir, { withFileTypes: true }))
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort((a, b) => a.localeCompare(b));
}

/** A temp copy of the provider's real migrations plus extra `{ folder: script }` ones. */
export async function migrationsWith(provider: DatabaseProvider, extra: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'roundtable-migrations-dir-'));
  await cp(migrationsDirectory(provider), dir, { recursive: true });
  for (const [name, script] of Object.entries(extra)) {
    await mkdir(path.join(dir, name));
    await writeFile(path.join(dir, name, 'migration.sql'), script);
  }
  return dir;
}

/** The migrations folder as the Prisma CLI hands it to its schema engine. */
export async function prismaMigrationList(migrationsDir: string): Promise<MigrationList> {
  const lockfile = path.join(migrationsDir, 'migration_lock.toml');
  return {
    baseDir: migrationsDir,
    lockfile: { path: 'migration_lock.toml', content: await readFile(lockfile, 'utf8').catch(() => null) },
    shadowDbInitScript: '',
    migrationDirectories: await Promise.all(
      (await migrationNames(migrationsDir)).map(async (name) => {
        const script = await readFile(path.join(migrationsDir, name, 'migration.sql'), 'utf8');
        return { path: name, migrationFile: { path: 'migration.sql', content: { tag: 'ok' as const, value: script } } };
      }),
    ),
  };
}
