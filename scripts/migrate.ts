// `npm run db:migrate`: applies pending migrations to DATABASE_URL; run before the app starts.
import { applyMigrations, resolveDatabaseProvider } from '../server/persistence/migrator';

const databaseUrl = process.env.DATABASE_URL || 'file:./data/roundtable.db';

try {
  const target = resolveDatabaseProvider(databaseUrl);
  if (target.provider === 'sqlite') {
    console.log(`Migrating SQLite database ${target.filePath}`);
  } else {
    const url = new URL(target.url);
    console.log(`Migrating PostgreSQL database ${url.host}${url.pathname}`);
  }
  const { applied } = await applyMigrations(databaseUrl, { log: (line) => console.log(line) });
  console.log(
    applied.length === 0
      ? 'Database is up to date; no migrations applied.'
      : `Applied ${applied.length} migration${applied.length === 1 ? '' : 's'}.`,
  );
} catch (error) {
  console.error(`Migration failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
