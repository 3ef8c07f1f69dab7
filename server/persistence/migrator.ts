import { randomUUID } from 'node:crypto';
import { resolveDatabaseProvider } from './database-url';
import { checksumMatches, migrationsDirectory, readMigrations, type MigrationFile } from './migration-files';
import { type MigrationRecord, type MigrationStore } from './migration-store';
import { openPostgresMigrationStore } from './postgres-migration-store';
import { openSqliteMigrationStore } from './sqlite-migration-store';

export { resolveDatabaseProvider, type DatabaseProvider, type DatabaseTarget } from './database-url';
export { migrationsDirectory } from './migration-files';

export interface ApplyMigrationsOptions {
  log?: (line: string) => void;
  /** Defaults to prisma/<provider>/migrations in this repository. */
  migrationsDir?: string;
}

/**
 * Applies pending Prisma-format migrations and records them in `_prisma_migrations`
 * exactly as `prisma migrate deploy` would, so either tool can take over later.
 */
export async function applyMigrations(
  databaseUrl: string,
  options: ApplyMigrationsOptions = {},
): Promise<{ applied: string[] }> {
  const log = options.log ?? (() => undefined);
  const target = resolveDatabaseProvider(databaseUrl);
  const migrations = await readMigrations(options.migrationsDir ?? migrationsDirectory(target.provider));
  const store =
    target.provider === 'sqlite'
      ? openSqliteMigrationStore(target.filePath)
      : await openPostgresMigrationStore(target.url);
  try {
    await store.initialize();
    const records = await store.listMigrations();
    assertNoFailedMigration(records);
    const appliedRecords = records.filter((record) => record.finishedAt !== null && record.rolledBackAt === null);
    assertUnchanged(migrations, appliedRecords);
    warnAboutUnknown(migrations, appliedRecords, log);

    const appliedNames = new Set(appliedRecords.map((record) => record.migrationName));
    const applied: string[] = [];
    for (const migration of migrations.filter((m) => !appliedNames.has(m.name))) {
      await applyOne(store, migration);
      applied.push(migration.name);
      log(`Applied migration ${migration.name}`);
    }
    return { applied };
  } finally {
    await store.close();
  }
}

async function applyOne(store: MigrationStore, migration: MigrationFile): Promise<void> {
  const id = randomUUID();
  await store.recordStarted({ id, migrationName: migration.name, checksum: migration.checksum, startedAt: new Date() });
  try {
    await store.runScript(migration.script);
  } catch (error) {
    const logs = describeDatabaseError(migration.name, error);
    await store.recordFailed(id, logs);
    throw new Error(
      `Migration ${migration.name} failed to apply; it stays recorded as failed (finished_at NULL) in ` +
        `_prisma_migrations and blocks further migrations until resolved.\n\n${logs}`,
    );
  }
  await store.recordFinished(id, new Date());
}

function assertNoFailedMigration(records: MigrationRecord[]): void {
  const failed = records.filter((record) => record.finishedAt === null && record.rolledBackAt === null);
  if (failed.length === 0) return;
  const details = failed
    .map((record) => {
      const started = record.startedAt.toISOString();
      return `- ${record.migrationName} (started ${started}):\n${indent(record.logs ?? '(no logs)')}`;
    })
    .join('\n');
  throw new Error(
    'Found failed migrations in the database; new migrations will not be applied (Prisma P3009).\n' +
      `${details}\n` +
      'Repair the database by hand, then set rolled_back_at on the failed _prisma_migrations row ' +
      '(what `prisma migrate resolve --rolled-back <name>` does) to retry it, and run the migration again.',
  );
}

function assertUnchanged(migrations: MigrationFile[], appliedRecords: MigrationRecord[]): void {
  const edited = appliedRecords.filter((record) => {
    const file = migrations.find((migration) => migration.name === record.migrationName);
    return file !== undefined && !checksumMatches(file, record.checksum);
  });
  if (edited.length === 0) return;
  throw new Error(
    `Already-applied migration(s) were modified since they were applied: ${edited.map((r) => r.migrationName).join(', ')}.\n` +
      'Their migration.sql checksum no longer matches _prisma_migrations. Restore the original files ' +
      'and put the change in a new migration.',
  );
}

function warnAboutUnknown(migrations: MigrationFile[], appliedRecords: MigrationRecord[], log: (line: string) => void) {
  const local = new Set(migrations.map((migration) => migration.name));
  for (const record of appliedRecords) {
    if (!local.has(record.migrationName)) {
      log(`Warning: migration ${record.migrationName} is applied in the database but missing from the migrations folder.`);
    }
  }
}

function describeDatabaseError(migrationName: string, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const code = error instanceof Error && 'code' in error ? String(error.code) : undefined;
  return [`Migration name: ${migrationName}`, code && `Database error code: ${code}`, `Database error:\n${message}`]
    .filter(Boolean)
    .join('\n\n');
}

function indent(text: string): string {
  return text.replace(/^/gm, '    ');
}
