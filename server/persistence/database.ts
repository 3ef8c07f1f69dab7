import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaClient } from './generated/sqlite/client';

export type Database = InstanceType<typeof PrismaClient>;
export type Transaction = Omit<Database, '$connect' | '$disconnect' | '$on' | '$transaction' | '$extends'>;

/** Opens the database named by a `file:` URL. */
export async function openDatabase(databaseUrl: string): Promise<Database> {
  const adapter = new PrismaBetterSqlite3({ url: databaseUrl.replace(/^file:/, ''), timeout: 10_000 });
  const database = new PrismaClient({ adapter });
  await database.$queryRawUnsafe('PRAGMA journal_mode = WAL');
  await database.$queryRawUnsafe('PRAGMA synchronous = NORMAL');
  await database.$queryRawUnsafe('PRAGMA foreign_keys = ON');
  return database;
}
