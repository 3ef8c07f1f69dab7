import type { Database } from './database';

/** Returns the stored value for `key`, storing `create()`'s value first if there is none (first writer wins). */
export async function getOrCreateSetting(database: Database, key: string, create: () => string): Promise<string> {
  const existing = await database.serverSetting.findUnique({ where: { key } });
  if (existing) return existing.value;
  await database.serverSetting.createMany({ data: [{ key, value: create() }] }).catch(() => undefined);
  const stored = await database.serverSetting.findUniqueOrThrow({ where: { key } });
  return stored.value;
}
