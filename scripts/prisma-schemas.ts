import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type DatabaseProvider } from '../server/persistence/database-url';

export const PROVIDERS: readonly DatabaseProvider[] = ['sqlite', 'postgresql'];

export const prismaDir = fileURLToPath(new URL('../prisma/', import.meta.url));

export function schemaPath(provider: DatabaseProvider, root = prismaDir): string {
  return path.join(root, provider, 'schema.prisma');
}

export function migrationsPath(provider: DatabaseProvider, root = prismaDir): string {
  return path.join(root, provider, 'migrations');
}

/**
 * The PostgreSQL schema is the SQLite one with only the datasource provider and the
 * client output folder changed; anything else would let the two drift apart.
 */
export function toPostgresSchema(sqliteSchema: string): string {
  const withProvider = replaceOnce(
    sqliteSchema,
    /^(\s*provider\s*=\s*)"sqlite"/m,
    '$1"postgresql"',
    'provider = "sqlite"',
  );
  return replaceOnce(
    withProvider,
    /^(\s*output\s*=\s*")\.\.\/\.\.\/server\/persistence\/generated\/sqlite"/m,
    '$1../../server/persistence/generated/postgresql"',
    'output = "../../server/persistence/generated/sqlite"',
  );
}

/** Rewrites the PostgreSQL schema from the SQLite one; returns whether the file changed. */
export async function syncPostgresSchema(root = prismaDir): Promise<boolean> {
  const target = schemaPath('postgresql', root);
  const expected = toPostgresSchema(await readFile(schemaPath('sqlite', root), 'utf8'));
  const current = await readFile(target, 'utf8').catch(() => null);
  if (current === expected) return false;
  await mkdir(path.dirname(target), { recursive: true });
  await writeFile(target, expected);
  return true;
}

/** A schema with no models: the starting point of the first migration. */
export function emptySchema(provider: DatabaseProvider): string {
  return `datasource db {\n  provider = "${provider}"\n}\n`;
}

function replaceOnce(text: string, pattern: RegExp, replacement: string, description: string): string {
  const matches = text.match(new RegExp(pattern.source, `${pattern.flags}g`)) ?? [];
  if (matches.length !== 1) {
    throw new Error(`Expected exactly one \`${description}\` line in the SQLite schema, found ${matches.length}.`);
  }
  return text.replace(pattern, replacement);
}
