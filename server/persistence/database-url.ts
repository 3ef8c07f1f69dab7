import path from 'node:path';
import { fileURLToPath } from 'node:url';

export type DatabaseProvider = 'sqlite' | 'postgresql';

export type DatabaseTarget =
  | { provider: 'sqlite'; filePath: string }
  | { provider: 'postgresql'; url: string };

/**
 * Picks the provider from DATABASE_URL. `file:` URLs are SQLite files (relative
 * paths resolve against process.cwd(), query parameters are ignored);
 * `postgres://` and `postgresql://` URLs are PostgreSQL.
 */
export function resolveDatabaseProvider(databaseUrl: string): DatabaseTarget {
  const url = databaseUrl.trim();
  if (url.startsWith('file:')) {
    const withoutQuery = url.split('?')[0] ?? url;
    const filePath = withoutQuery.startsWith('file://')
      ? fileURLToPath(withoutQuery)
      : withoutQuery.slice('file:'.length);
    if (filePath === '') throw new Error(`DATABASE_URL "${databaseUrl}" has no file path after "file:".`);
    return { provider: 'sqlite', filePath: path.resolve(process.cwd(), filePath) };
  }
  if (url.startsWith('postgres://') || url.startsWith('postgresql://')) {
    return { provider: 'postgresql', url };
  }
  throw new Error(
    `Unsupported DATABASE_URL "${redact(databaseUrl)}": ` +
      'expected file:<path> (SQLite) or postgres[ql]://... (PostgreSQL).',
  );
}

function redact(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
}
