// `npm run db:backup -- <file> [--force]`: an online backup of the SQLite database named by DATABASE_URL, taken
// while the server runs. PostgreSQL deployments use pg_dump instead.
import { parseArgs } from 'node:util';
import { resolveDatabaseProvider } from '../server/persistence/database-url';
import { backupSqlite } from '../server/persistence/sqlite-backup';

const databaseUrl = process.env.DATABASE_URL || 'file:./data/roundtable.db';

try {
  const { values, positionals } = parseArgs({ options: { force: { type: 'boolean', default: false } }, allowPositionals: true });
  const [file] = positionals;
  if (file === undefined || positionals.length > 1) throw new Error('Usage: npm run db:backup -- <backup file> [--force]');
  const target = resolveDatabaseProvider(databaseUrl);
  if (target.provider === 'postgresql') {
    throw new Error(
      'DATABASE_URL is a PostgreSQL database; back it up with PostgreSQL\'s own tools:\n' +
        '  pg_dump --format=custom --file=roundtable.dump "$DATABASE_URL"\n' +
        'and restore it into a stopped instance with:\n' +
        '  pg_restore --clean --if-exists --no-owner --dbname="$DATABASE_URL" roundtable.dump',
    );
  }
  console.log(`Backing up ${target.filePath} to ${file}`);
  const { totalPages, bytes } = await backupSqlite(target.filePath, file, {
    force: values.force,
    onProgress: ({ totalPages, remainingPages }) => console.log(`  ${totalPages - remainingPages}/${totalPages} pages`),
  });
  console.log(`Backup complete: ${file} (${totalPages} pages, ${bytes} bytes).`);
} catch (error) {
  console.error(`Backup failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
