import type { Database } from './database';

export type StoredMinutesUpdate = { id: number; update: Uint8Array };
export type StoredMinutesSnapshot = { id: number; createdAt: Date; state: Uint8Array; lastUpdateId: number };

/**
 * Update ids are handed out when a row is inserted, and on PostgreSQL two nodes may commit them out of order.
 * Reading (and keeping) this many ids before a watermark catches a late one; applying an update twice is harmless.
 */
export const MINUTES_LOOKBACK = 100;

export async function appendMinutesUpdate(database: Database, callId: string, update: Uint8Array): Promise<number> {
  const row = await database.minutesUpdate.create({ data: { callId, update: new Uint8Array(update) }, select: { id: true } });
  return row.id;
}

/** Updates stored after `afterId` minus the look-back, oldest first. */
export async function listMinutesUpdatesSince(database: Database, callId: string, afterId: number): Promise<StoredMinutesUpdate[]> {
  return database.minutesUpdate.findMany({
    where: { callId, id: { gt: afterId - MINUTES_LOOKBACK } },
    orderBy: { id: 'asc' },
    select: { id: true, update: true },
  });
}

/** The newest snapshot's id and watermark, without its state. */
export async function findLatestMinutesSnapshotHeader(database: Database, callId: string): Promise<{ id: number; lastUpdateId: number } | null> {
  return database.minutesSnapshot.findFirst({ where: { callId }, orderBy: { id: 'desc' }, select: { id: true, lastUpdateId: true } });
}

export async function findMinutesSnapshot(database: Database, callId: string, id: number): Promise<StoredMinutesSnapshot | null> {
  return database.minutesSnapshot.findFirst({ where: { callId, id }, select: { id: true, createdAt: true, state: true, lastUpdateId: true } });
}

export async function listMinutesSnapshots(database: Database, callId: string): Promise<{ id: number; createdAt: Date }[]> {
  return database.minutesSnapshot.findMany({ where: { callId }, orderBy: { id: 'desc' }, select: { id: true, createdAt: true } });
}

/** Stores the whole state as of `lastUpdateId` and drops the updates it makes redundant (snapshots stay, for history). */
export async function insertMinutesSnapshot(database: Database, callId: string, state: Uint8Array, lastUpdateId: number): Promise<number> {
  return database.$transaction(async (transaction) => {
    const row = await transaction.minutesSnapshot.create({ data: { callId, state: new Uint8Array(state), lastUpdateId }, select: { id: true } });
    await transaction.minutesUpdate.deleteMany({ where: { callId, id: { lte: lastUpdateId - MINUTES_LOOKBACK } } });
    return row.id;
  });
}
