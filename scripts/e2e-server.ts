// Starts the production build on a fresh temporary SQLite database for the browser tests.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startServer } from '../server/app';
import { applyMigrations } from '../server/persistence/migrator';
import { createLogger } from '../server/observability/logger';

const directory = await mkdtemp(path.join(tmpdir(), 'roundtable-e2e-'));
const databaseUrl = `file:${path.join(directory, 'e2e.db')}`;
await applyMigrations(databaseUrl);
const server = await startServer({
  databaseUrl,
  port: Number(process.env.E2E_PORT ?? 3100),
  host: '127.0.0.1',
  next: { dev: false },
  // Every browser of the suite comes from 127.0.0.1.
  rateLimits: { callsPerMinute: 10_000, apiPerMinute: 100_000, connectionsPer10Seconds: 10_000 },
  // The publishing spec stores a token for its own Git server on 127.0.0.1.
  secretKey: 'e2e-secret-key-that-is-only-for-the-browser-tests',
  // Its Git server is on 127.0.0.1 too.
  publishing: { allowPrivateNetwork: true },
  logger: createLogger({ level: 'warn', isPretty: true }),
});
console.log(`e2e server on ${server.url} with ${databaseUrl}`);
