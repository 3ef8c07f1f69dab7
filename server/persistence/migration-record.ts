import { type MigrationRecord } from './migration-store';

/** Turns a raw `_prisma_migrations` row from either driver into a typed record. */
export function parseMigrationRecord(row: unknown): MigrationRecord {
  if (typeof row !== 'object' || row === null) throw new Error('Unexpected _prisma_migrations row.');
  const get = (column: string): unknown => (column in row ? Reflect.get(row, column) : undefined);
  const startedAt = toDate(get('started_at'));
  if (startedAt === null) throw new Error('A _prisma_migrations row has no started_at.');
  return {
    id: String(get('id')),
    migrationName: String(get('migration_name')),
    checksum: String(get('checksum')),
    startedAt,
    finishedAt: toDate(get('finished_at')),
    rolledBackAt: toDate(get('rolled_back_at')),
    logs: typeof get('logs') === 'string' ? String(get('logs')) : null,
    appliedStepsCount: Number(get('applied_steps_count')),
  };
}

// SQLite holds unix milliseconds (or text from its current_timestamp default); pg returns Date.
function toDate(value: unknown): Date | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value;
  let date: Date | undefined;
  if (typeof value === 'number' || typeof value === 'bigint') date = new Date(Number(value));
  else if (typeof value === 'string' && /^\d+$/.test(value)) date = new Date(Number(value));
  else if (typeof value === 'string') date = new Date(isSqliteUtcText(value) ? `${value.replace(' ', 'T')}Z` : value);
  if (date === undefined || Number.isNaN(date.getTime())) {
    throw new Error(`Unexpected timestamp in _prisma_migrations: ${String(value)}`);
  }
  return date;
}

// SQLite's current_timestamp text, e.g. "2026-01-02 03:04:05", is UTC without a zone.
function isSqliteUtcText(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d+)?$/.test(value);
}
