import { createHash } from 'node:crypto';
import { appendFile, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type DatabaseProvider } from '../server/persistence/database-url';
import { applyMigrations, migrationsDirectory } from '../server/persistence/migrator';
import { schemaPath } from '../scripts/prisma-schemas';
import { datamodel, diffScript, liveDatabase, withSchemaEngine } from '../scripts/schema-engine';
import { migrationNames, migrationsWith, prismaMigrationList } from './migration-fixtures';
import {
  createPostgresDatabase,
  createSqliteDatabase,
  postgresAdminUrl,
  postgresUnavailableReason,
  type TestDatabase,
} from './test-databases';

// What Prisma's own CREATE TABLE produces for each provider.
const PRISMA_MIGRATIONS_COLUMNS: Record<DatabaseProvider, string[]> = {
  sqlite: [
    'id TEXT NOT NULL',
    'checksum TEXT NOT NULL',
    'finished_at DATETIME',
    'migration_name TEXT NOT NULL',
    'logs TEXT',
    'rolled_back_at DATETIME',
    'started_at DATETIME NOT NULL',
    'applied_steps_count INTEGER UNSIGNED NOT NULL',
  ],
  postgresql: [
    'id character varying(36) NOT NULL',
    'checksum character varying(64) NOT NULL',
    'finished_at timestamp with time zone',
    'migration_name character varying(255) NOT NULL',
    'logs text',
    'rolled_back_at timestamp with time zone',
    'started_at timestamp with time zone NOT NULL',
    'applied_steps_count integer NOT NULL',
  ],
};

const COLUMNS_QUERY: Record<DatabaseProvider, string> = {
  sqlite: `SELECT name || ' ' || type || CASE WHEN "notnull" = 1 THEN ' NOT NULL' ELSE '' END AS "column"
           FROM pragma_table_info('_prisma_migrations') ORDER BY cid`,
  postgresql: `SELECT column_name || ' ' || data_type
                 || COALESCE('(' || character_maximum_length || ')', '')
                 || CASE WHEN is_nullable = 'NO' THEN ' NOT NULL' ELSE '' END AS "column"
               FROM information_schema.columns
               WHERE table_schema = 'public' AND table_name = '_prisma_migrations' ORDER BY ordinal_position`,
};

const postgresProblem = await postgresUnavailableReason();
const requireServices = process.env.ROUNDTABLE_REQUIRE_SERVICES === '1';
if (postgresProblem !== null && !requireServices) {
  console.warn(
    `\n⚠ SKIPPING PostgreSQL migration tests: cannot reach ${new URL(postgresAdminUrl).host} (${postgresProblem}). ` +
      'Set ROUNDTABLE_REQUIRE_SERVICES=1 to make this a failure.\n',
  );
}

describe('SQLite migrations', () => {
  const current = defineMigrationTests('sqlite', createSqliteDatabase);

  it('stores timestamps as unix milliseconds, as Prisma does on SQLite', async () => {
    await applyMigrations(current().url);
    const [row] = await current().query('SELECT started_at, finished_at FROM _prisma_migrations');
    expect(row?.started_at).toEqual(expect.any(Number));
    expect(row?.finished_at).toEqual(expect.any(Number));
  });
});

describe.skipIf(postgresProblem !== null && !requireServices)('PostgreSQL migrations', () => {
  beforeAll(() => {
    if (postgresProblem !== null) {
      throw new Error(`PostgreSQL is required (ROUNDTABLE_REQUIRE_SERVICES=1) but unreachable: ${postgresProblem}`);
    }
  });

  const current = defineMigrationTests('postgresql', createPostgresDatabase);

  it("serialises concurrent runs with Prisma's advisory lock", async () => {
    const runs = await Promise.all([applyMigrations(current().url), applyMigrations(current().url)]);

    const all = await migrationNames(migrationsDirectory('postgresql'));
    expect(runs.map((run) => run.applied).sort()).toEqual([[], all]);
  });

  it('rolls a failing script back as a whole (one implicit transaction)', async () => {
    const migrationsDir = await migrationsWith('postgresql', {
      '29990101000000_broken': 'CREATE TABLE "Partial" (id INTEGER);\nSELECT * FROM "does_not_exist";\n',
    });
    try {
      await expect(applyMigrations(current().url, { migrationsDir })).rejects.toThrow(/29990101000000_broken/);
      expect(await current().query(`SELECT to_regclass('"Partial"') AS "table"`)).toEqual([{ table: null }]);
    } finally {
      await rm(migrationsDir, { recursive: true, force: true });
    }
  });
});

/** The tests both providers must pass; returns the database of the running test for extra ones. */
function defineMigrationTests(
  provider: DatabaseProvider,
  createDatabase: () => Promise<TestDatabase>,
): () => TestDatabase {
  let database: TestDatabase;
  let schema: string;
  const tempDirs: string[] = [];

  beforeEach(async () => {
    database = await createDatabase();
    schema = await readFile(schemaPath(provider), 'utf8');
  });
  afterEach(async () => {
    await database.drop();
    await Promise.all(tempDirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
  });

  const diffLiveDatabaseTo = (datamodelText: string) =>
    withSchemaEngine(database.adapterFactory(), (engine) =>
      diffScript(engine, liveDatabase(schema), datamodel(datamodelText)),
    );
  const noFilters = { externalTables: [], externalEnums: [] };
  const diagnoseWithPrisma = async (migrationsDir = migrationsDirectory(provider)) => {
    const migrationsList = await prismaMigrationList(migrationsDir);
    return withSchemaEngine(database.adapterFactory(), (engine) =>
      engine.diagnoseMigrationHistory({ migrationsList, optInToShadowDatabase: false, filters: noFilters }),
    );
  };
  const rows = () =>
    database.query('SELECT * FROM _prisma_migrations ORDER BY started_at, migration_name');
  const customMigrations = async (extra: Record<string, string>) => {
    const dir = await migrationsWith(provider, extra);
    tempDirs.push(dir);
    return dir;
  };

  it('migrates an empty database to exactly schema.prisma (no drift)', async () => {
    const { applied } = await applyMigrations(database.url);

    expect(applied).toEqual(await migrationNames(migrationsDirectory(provider)));
    expect(await diffLiveDatabaseTo(schema)).toBeNull();
  });

  it('has a drift check that really compares against the live database', async () => {
    await applyMigrations(database.url);

    const withExtraColumn = schema.replace('model Series {\n', 'model Series {\n  extra String?\n');
    expect(await diffLiveDatabaseTo(withExtraColumn)).toMatch(/ALTER TABLE "Series" ADD COLUMN\s+"extra" TEXT;/);

    await database.execute('DROP INDEX "Call_startsAt_idx"');
    expect(await diffLiveDatabaseTo(schema)).toContain('CREATE INDEX "Call_startsAt_idx"');
  });

  it('applies nothing the second time and records rows the way Prisma does', async () => {
    await applyMigrations(database.url);
    const second = await applyMigrations(database.url);

    expect(second.applied).toEqual([]);
    const names = await migrationNames(migrationsDirectory(provider));
    const recorded = await rows();
    expect(recorded.map((row) => row.migration_name)).toEqual(names);
    for (const row of recorded) {
      const folder = path.join(migrationsDirectory(provider), String(row.migration_name));
      const file = await readFile(path.join(folder, 'migration.sql'));
      expect(row).toMatchObject({
        id: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/),
        checksum: createHash('sha256').update(file).digest('hex'),
        logs: null,
        rolled_back_at: null,
        applied_steps_count: 1,
      });
      expect(row.finished_at).not.toBeNull();
      expect(Number(row.finished_at) >= Number(row.started_at)).toBe(true);
    }
    const columns = await database.query(COLUMNS_QUERY[provider]);
    expect(columns.map((column) => column.column)).toEqual(PRISMA_MIGRATIONS_COLUMNS[provider]);
  });

  it("leaves a history Prisma's own engine finds in sync, so `prisma migrate deploy` would do nothing", async () => {
    await applyMigrations(database.url);

    expect(await diagnoseWithPrisma()).toEqual({
      editedMigrationNames: [],
      failedMigrationNames: [],
      hasMigrationsTable: true,
      history: null,
    });
    const migrationsList = await prismaMigrationList(migrationsDirectory(provider));
    const deploy = await withSchemaEngine(database.adapterFactory(), (engine) =>
      engine.applyMigrations({ migrationsList, filters: noFilters }),
    );
    expect(deploy.appliedMigrationNames).toEqual([]);
  });

  it('records a failing migration with its logs and finished_at NULL, and blocks later runs', async () => {
    const migrationsDir = await customMigrations({
      '29990101000000_broken': 'CREATE TABLE "Fine" (id INTEGER);\nSELECT * FROM "does_not_exist";\n',
      '29990102000000_after': 'CREATE TABLE "After" (id INTEGER);\n',
    });

    await expect(applyMigrations(database.url, { migrationsDir })).rejects.toThrow(
      /Migration 29990101000000_broken failed to apply[\s\S]*does_not_exist/,
    );

    const broken = (await rows()).find((row) => row.migration_name === '29990101000000_broken');
    expect(broken).toMatchObject({ finished_at: null, rolled_back_at: null, applied_steps_count: 0 });
    expect(String(broken?.logs)).toContain('does_not_exist');
    expect((await rows()).map((row) => row.migration_name)).not.toContain('29990102000000_after');
    expect((await diagnoseWithPrisma(migrationsDir)).failedMigrationNames).toEqual(['29990101000000_broken']);

    await expect(applyMigrations(database.url, { migrationsDir })).rejects.toThrow(
      /failed migrations in the database[\s\S]*29990101000000_broken/,
    );
    expect((await rows()).map((row) => row.migration_name)).not.toContain('29990102000000_after');
  });

  it('refuses to continue when an applied migration was edited afterwards', async () => {
    const migrationsDir = await customMigrations({});
    await applyMigrations(database.url, { migrationsDir });
    const [first] = await migrationNames(migrationsDirectory(provider));
    await appendFile(path.join(migrationsDir, String(first), 'migration.sql'), '\n-- edited later\n');

    await expect(applyMigrations(database.url, { migrationsDir })).rejects.toThrow(
      new RegExp(`modified since they were applied: ${first}`),
    );
    expect((await diagnoseWithPrisma(migrationsDir)).editedMigrationNames).toEqual([first]);
  });

  it('refuses a non-empty database that has no _prisma_migrations table', async () => {
    await database.execute('CREATE TABLE "Legacy" (id INTEGER)');

    await expect(applyMigrations(database.url)).rejects.toThrow(/not empty \(tables: Legacy\)/);
  });

  return () => database;
}
