import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { type MigrationRecord, type MigrationStore } from './migration-store';
import { parseMigrationRecord } from './migration-record';

// Prisma's own DDL for SQLite; its timestamps are stored as unix milliseconds.
const CREATE_TABLE = `CREATE TABLE "_prisma_migrations" (
    "id"                    TEXT PRIMARY KEY NOT NULL,
    "checksum"              TEXT NOT NULL,
    "finished_at"           DATETIME,
    "migration_name"        TEXT NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        DATETIME,
    "started_at"            DATETIME NOT NULL DEFAULT current_timestamp,
    "applied_steps_count"   INTEGER UNSIGNED NOT NULL DEFAULT 0
)`;

export function openSqliteMigrationStore(filePath: string): MigrationStore {
  mkdirSync(path.dirname(filePath), { recursive: true });
  const db = new Database(filePath);

  const tableNames = (): string[] =>
    db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'")
      .pluck()
      .all()
      .map(String);

  return {
    async initialize() {
      const tables = tableNames();
      if (tables.includes('_prisma_migrations')) return;
      if (tables.length > 0) {
        throw new Error(
          `The database ${filePath} is not empty (tables: ${tables.join(', ')}) but has no _prisma_migrations table; ` +
            'refusing to migrate it (Prisma P3005). Baseline it or use an empty database.',
        );
      }
      db.exec(CREATE_TABLE);
    },
    async listMigrations(): Promise<MigrationRecord[]> {
      const rows: unknown[] = db.prepare('SELECT * FROM "_prisma_migrations" ORDER BY "started_at" ASC').all();
      return rows.map(parseMigrationRecord);
    },
    async recordStarted({ id, migrationName, checksum, startedAt }) {
      db.prepare(
        'INSERT INTO "_prisma_migrations" ("id", "checksum", "started_at", "migration_name") VALUES (?, ?, ?, ?)',
      ).run(id, checksum, startedAt.getTime(), migrationName);
    },
    async runScript(script) {
      // No transaction around it: Prisma's SQLite scripts toggle PRAGMA foreign_keys, which is a no-op inside one.
      db.exec(script);
    },
    async recordFinished(id, finishedAt) {
      db.prepare(
        'UPDATE "_prisma_migrations" SET "applied_steps_count" = "applied_steps_count" + 1, "finished_at" = ? ' +
          'WHERE "id" = ?',
      ).run(finishedAt.getTime(), id);
    },
    async recordFailed(id, logs) {
      db.prepare('UPDATE "_prisma_migrations" SET "logs" = ? WHERE "id" = ?').run(logs, id);
    },
    async close() {
      db.close();
    },
  };
}
