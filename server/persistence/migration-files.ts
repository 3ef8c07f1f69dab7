import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DatabaseProvider } from './database-url';

const prismaDir = fileURLToPath(new URL('../../prisma/', import.meta.url));

/** prisma/<provider>/migrations in this repository (or beside dist/server/ in a build). */
export function migrationsDirectory(provider: DatabaseProvider): string {
  return path.join(prismaDir, provider, 'migrations');
}

export interface MigrationFile {
  name: string;
  script: string;
  checksum: string;
}

/** Lowercase sha256 hex of the script bytes, as Prisma stores it. */
export function checksumOf(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * Prisma also accepts a script whose line endings were changed by git
 * (autocrlf), so a checkout on another OS does not look like an edit.
 */
export function checksumMatches(migration: MigrationFile, storedChecksum: string): boolean {
  if (migration.checksum === storedChecksum) return true;
  const lf = migration.script.replace(/\r\n/g, '\n');
  return checksumOf(lf) === storedChecksum || checksumOf(lf.replace(/\n/g, '\r\n')) === storedChecksum;
}

/**
 * Reads migrations the way Prisma does: every sub-directory is a migration
 * holding migration.sql, applied in name order; plain files are ignored.
 */
export async function readMigrations(migrationsDir: string): Promise<MigrationFile[]> {
  let entries;
  try {
    entries = await readdir(migrationsDir, { withFileTypes: true });
  } catch (error) {
    if (isMissingFile(error)) return [];
    throw error;
  }
  const names = entries.filter((entry) => entry.isDirectory()).map((entry) => entry.name)
    .sort((a, b) => a.localeCompare(b));
  return Promise.all(
    names.map(async (name) => {
      const file = path.join(migrationsDir, name, 'migration.sql');
      let bytes: Buffer;
      try {
        bytes = await readFile(file);
      } catch (error) {
        if (isMissingFile(error)) throw new Error(`Migration folder ${name} has no migration.sql (${file}).`);
        throw error;
      }
      return { name, script: bytes.toString('utf8'), checksum: checksumOf(bytes) };
    }),
  );
}

function isMissingFile(error: unknown): boolean {
  return error instanceof Error && 'code' in error && error.code === 'ENOENT';
}
