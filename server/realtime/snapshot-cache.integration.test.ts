import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCallSchema } from '@/lib/protocol';
import { buildNewCall } from '../domain/call-factory';
import { commitCallChange, insertCall } from '../persistence/calls.repository';
import { openDatabase, type Database } from '../persistence/database';
import { applyMigrations } from '../persistence/migrator';
import { SnapshotCache } from './snapshot-cache';

let directory: string;
let database: Database;
beforeAll(async () => {
  directory = await mkdtemp(path.join(tmpdir(), 'roundtable-snapshots-'));
  const url = `file:${path.join(directory, 'snapshots.db')}`;
  await applyMigrations(url);
  database = await openDatabase(url);
});
afterAll(async () => {
  await database.$disconnect();
  await rm(directory, { recursive: true, force: true });
});

describe('SnapshotCache', () => {
  it('serves a recently checked entry without reading, and reads again once it is older than asked', async () => {
    const call = buildNewCall(createCallSchema.parse({ title: 'Cached call', startsAt: '2026-12-03T17:30', timezone: 'Europe/Berlin', sections: [{ title: 'Q&A' }] }));
    await insertCall(database, call);
    const snapshots = new SnapshotCache(database);
    const first = (await snapshots.get(call.id))!;
    // Another node changes the call.
    await commitCallChange(database, call.id, first.sequence, { patch: { qaOpen: false }, eventCount: 1 });

    expect(await snapshots.recent(call.id, 60_000)).toBe(first);
    await new Promise((resolve) => setTimeout(resolve, 5));
    const fresh = (await snapshots.recent(call.id, 1))!;
    expect(fresh.sequence).toBe(first.sequence + 1);
    expect(fresh.call.qaOpen).toBe(false);
    expect(await snapshots.recent(call.id, 60_000)).toBe(fresh);
    expect(await snapshots.recent('missing', 60_000)).toBeNull();
  });
});
