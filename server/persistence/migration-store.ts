/** One row of Prisma's `_prisma_migrations` table. */
export interface MigrationRecord {
  id: string;
  migrationName: string;
  checksum: string;
  startedAt: Date;
  finishedAt: Date | null;
  rolledBackAt: Date | null;
  logs: string | null;
  appliedStepsCount: number;
}

/**
 * The database side of the migrator: Prisma's bookkeeping table plus a way to
 * run a whole migration script. One implementation per provider.
 */
export interface MigrationStore {
  /** Creates `_prisma_migrations` if missing; refuses a non-empty database without it, like Prisma (P3005). */
  initialize(): Promise<void>;
  listMigrations(): Promise<MigrationRecord[]>;
  recordStarted(record: { id: string; migrationName: string; checksum: string; startedAt: Date }): Promise<void>;
  runScript(script: string): Promise<void>;
  recordFinished(id: string, finishedAt: Date): Promise<void>;
  recordFailed(id: string, logs: string): Promise<void>;
  close(): Promise<void>;
}
