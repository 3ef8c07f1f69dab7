// Writes prisma/postgresql/schema.prisma from the SQLite schema (part of `npm run db:generate`).
import { syncPostgresSchema } from './prisma-schemas';

if (await syncPostgresSchema()) {
  console.log('Updated prisma/postgresql/schema.prisma from prisma/sqlite/schema.prisma.');
}
