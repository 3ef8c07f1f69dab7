import { readdir, readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { migrationsPath, schemaPath, toPostgresSchema } from './prisma-schemas';

describe('prisma/postgresql/schema.prisma', () => {
  it('is exactly what scripts/sync-postgres-schema.ts generates from the SQLite schema', async () => {
    const expected = toPostgresSchema(await readFile(schemaPath('sqlite'), 'utf8'));
    const committed = await readFile(schemaPath('postgresql'), 'utf8');
    expect(committed, 'run `npm run db:generate` to regenerate it').toBe(expected);
  });

  it('differs from the SQLite schema only in the provider and the client output', async () => {
    const sqlite = (await readFile(schemaPath('sqlite'), 'utf8')).split('\n');
    const postgres = (await readFile(schemaPath('postgresql'), 'utf8')).split('\n');
    const changed = postgres.filter((line, index) => line !== sqlite[index]).map((line) => line.trim());
    expect(postgres).toHaveLength(sqlite.length);
    expect(changed).toEqual([
      expect.stringMatching(/^output\s+= "\.\.\/\.\.\/server\/persistence\/generated\/postgresql"$/),
      'provider = "postgresql"',
    ]);
  });
});

describe('toPostgresSchema', () => {
  const schema = [
    'generator client {',
    '  provider = "prisma-client"',
    '  output   = "../../server/persistence/generated/sqlite"',
    '}',
    'datasource db {',
    '  provider = "sqlite"',
    '}',
    '',
  ].join('\n');

  it('is deterministic', () => {
    expect(toPostgresSchema(schema)).toBe(toPostgresSchema(schema));
  });

  it('refuses a schema whose provider or output line it cannot find exactly once', () => {
    expect(() => toPostgresSchema(schema.replace('"sqlite"', '"mysql"'))).toThrow(/provider = "sqlite"/);
    expect(() => toPostgresSchema(schema.replace('generated/sqlite', 'elsewhere'))).toThrow(/output/);
    expect(() => toPostgresSchema(`${schema}\ndatasource other {\n  provider = "sqlite"\n}\n`)).toThrow(/found 2/);
  });
});

describe('migration folders', () => {
  it('hold the same migrations, in lockstep, for SQLite and PostgreSQL', async () => {
    const folders = async (provider: 'sqlite' | 'postgresql') =>
      (await readdir(migrationsPath(provider), { withFileTypes: true }))
        .filter((entry) => entry.isDirectory())
        .map((entry) => entry.name)
        .sort();
    const sqlite = await folders('sqlite');
    expect(sqlite.length).toBeGreaterThan(0);
    expect(await folders('postgresql')).toEqual(sqlite);
  });
});
