import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { type DatabaseProvider } from '../server/persistence/database-url';
import {
  emptySchema,
  migrationsPath,
  prismaDir,
  PROVIDERS,
  schemaPath,
  syncPostgresSchema,
} from './prisma-schemas';
import { datamodel, diffScript, offlineAdapterFactory, withSchemaEngine } from './schema-engine';

/**
 * The datamodel the newest migration was generated from. Prisma only treats
 * sub-directories of migrations/ as migrations and this file is not `.prisma`,
 * so neither `migrate deploy` nor folder-based schema loading picks it up.
 */
export const SNAPSHOT_FILE = 'schema-at-last-migration.snapshot';
const SNAPSHOT_HEADER =
  '// Copy of ../schema.prisma as of the newest migration, written by `npm run db:migration`. Do not edit.\n';
const EMPTY_MIGRATION = '-- This is an empty migration.\n';
const NAME_PATTERN = /^[a-z0-9]+(?:_[a-z0-9]+)*$/;

export type GenerateMigrationResult =
  | { status: 'unchanged' }
  | { status: 'created'; folderName: string; files: string[] };

export interface GenerateMigrationOptions {
  name: string | undefined;
  now?: Date;
  /** The prisma/ directory; tests point it at a copy. */
  root?: string;
}

/** Writes `<timestamp>_<name>/migration.sql` for every provider, diffing the snapshot against schema.prisma. */
export async function generateMigration(options: GenerateMigrationOptions): Promise<GenerateMigrationResult> {
  const name = validateName(options.name);
  const root = options.root ?? prismaDir;
  await syncPostgresSchema(root);

  const plans: MigrationPlan[] = [];
  for (const provider of PROVIDERS) plans.push(await planMigration(provider, root));
  if (plans.every((plan) => plan.script === null)) return { status: 'unchanged' };

  const folderName = `${timestamp(options.now ?? new Date())}_${name}`;
  for (const plan of plans) await assertSortsLast(plan.migrationsDir, folderName);

  const files: string[] = [];
  for (const plan of plans) {
    const folder = path.join(plan.migrationsDir, folderName);
    await mkdir(folder, { recursive: true });
    const file = path.join(folder, 'migration.sql');
    // Keep both histories in lockstep even if one provider sees no change.
    await writeFile(file, plan.script ?? EMPTY_MIGRATION);
    await writeFile(path.join(plan.migrationsDir, 'migration_lock.toml'), lockFile(plan.provider));
    await writeFile(path.join(plan.migrationsDir, SNAPSHOT_FILE), SNAPSHOT_HEADER + plan.schema);
    files.push(file);
  }
  return { status: 'created', folderName, files };
}

interface MigrationPlan {
  provider: DatabaseProvider;
  migrationsDir: string;
  schema: string;
  script: string | null;
}

async function planMigration(provider: DatabaseProvider, root: string): Promise<MigrationPlan> {
  const migrationsDir = migrationsPath(provider, root);
  const schema = await readFile(schemaPath(provider, root), 'utf8');
  const previous = await readPreviousSchema(provider, migrationsDir);
  const script = await withSchemaEngine(offlineAdapterFactory(provider), (engine) =>
    diffScript(engine, datamodel(previous), datamodel(schema)),
  );
  return { provider, migrationsDir, schema, script };
}

async function readPreviousSchema(provider: DatabaseProvider, migrationsDir: string): Promise<string> {
  const snapshot = await readFile(path.join(migrationsDir, SNAPSHOT_FILE), 'utf8').catch(() => null);
  if (snapshot !== null) return snapshot;
  if ((await migrationFolders(migrationsDir)).length > 0) {
    throw new Error(
      `${path.join(migrationsDir, SNAPSHOT_FILE)} is missing although migrations exist; ` +
        'restore it from version control (it records the schema the newest migration produced).',
    );
  }
  return emptySchema(provider);
}

function validateName(name: string | undefined): string {
  if (name === undefined || name.trim() === '') {
    throw new Error('Missing migration name. Usage: npm run db:migration -- <name>   (e.g. add_call_tags)');
  }
  if (!NAME_PATTERN.test(name) || name.length > 200) {
    throw new Error(
      `Invalid migration name "${name}": use snake_case (lowercase letters, digits and single underscores, ` +
        'at most 200 characters), e.g. add_call_tags.',
    );
  }
  return name;
}

async function assertSortsLast(migrationsDir: string, folderName: string): Promise<void> {
  const newest = (await migrationFolders(migrationsDir)).at(-1);
  if (newest !== undefined && newest.localeCompare(folderName) >= 0) {
    throw new Error(
      `New migration ${folderName} would not sort after the newest one (${newest}); wait a second or check the clock.`,
    );
  }
}

async function migrationFolders(migrationsDir: string): Promise<string[]> {
  const entries = await readdir(migrationsDir, { withFileTypes: true }).catch(() => []);
  return entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort((a, b) => a.localeCompare(b));
}

// Prisma's format: UTC yyyyMMddHHmmss.
function timestamp(date: Date): string {
  return date.toISOString().replace(/[-:T]/g, '').slice(0, 14);
}

// Byte-for-byte what Prisma writes.
function lockFile(provider: DatabaseProvider): string {
  return (
    '# Please do not edit this file manually\n' +
    '# It should be added in your version-control system (e.g., Git)\n' +
    `provider = "${provider}"\n`
  );
}
