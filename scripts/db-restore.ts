// `npm run db:restore -- <file>`: replaces the SQLite database named by DATABASE_URL with a backup, once the
// server is stopped. The current database is kept beside it.
import { parseArgs } from 'node:util';
import { resolveDatabaseProvider } from '../server/persistence/database-url';
import { restoreSqlite } from '../server/persistence/sqlite-backup';

const databaseUrl = process.env.DATABASE_URL || 'file:./data/roundtable.db';

try {
  const { positionals } = parseArgs({ allowPositionals: true });
  const [file] = positionals;
  if (file === undefined || positionals.length > 1) throw new Error('Usage: npm run db:restore -- <backup file>');
  const target = resolveDatabaseProvider(databaseUrl);
  if (target.provider === 'postgresql') {
    throw new Error('DATABASE_URL is a PostgreSQL database; restore a pg_dump archive with:\n  pg_restore --clean --if-exists --no-owner --dbname="$DATABASE_URL" roundtable.dump');
  }
  console.log(`Restoring ${file} into ${target.filePath}`);
  const { appliedMigrations } = await restoreSqlite(file, target.filePath, (line) => console.log(line));
  console.log(`Restore complete${appliedMigrations.length > 0 ? `; applied ${appliedMigrations.length} newer migration(s)` : ''}. Start the server.`);
} catch (error) {
  console.error(`Restore failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
