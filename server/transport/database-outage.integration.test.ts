import { io as connectSocket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPostgresDatabase, type TestDatabase } from '../../prisma/test-databases';
import { startServer, type RunningServer } from '../app';
import { applyMigrations } from '../persistence/migrator';
import { startProxy } from '../testing/cluster-nodes';
import { checkServices } from '../testing/services';
import { createCall, joinPayload, nextEvent, send, sendOk, type TestClient } from '../testing/test-server';

const services = await checkServices('Database outage test (PostgreSQL behind a TCP proxy)', { postgres: true });

describe.skipIf(services.shouldSkip)('the database briefly unreachable', () => {
  const clients: TestClient[] = [];
  let database: TestDatabase | undefined;
  let proxy: Awaited<ReturnType<typeof startProxy>> | undefined;
  let server: RunningServer | undefined;

  function connect(): TestClient {
    const client: TestClient = connectSocket(server!.url, { transports: ['websocket'], reconnectionDelay: 50, reconnectionDelayMax: 200 });
    clients.push(client);
    return client;
  }

  beforeAll(async () => {
    services.assertServices();
    database = await createPostgresDatabase();
    await applyMigrations(database.url);
    const direct = new URL(database.url);
    proxy = await startProxy(Number(direct.port || 5432));
    const throughProxy = new URL(database.url);
    throughProxy.port = new URL(proxy.url).port;
    throughProxy.hostname = '127.0.0.1';
    server = await startServer({
      databaseUrl: throughProxy.toString(),
      port: 0,
      host: '127.0.0.1',
      rateLimits: { callsPerMinute: 100_000, apiPerMinute: 100_000, connectionsPer10Seconds: 100_000 },
    });
  }, 60_000);

  afterAll(async () => {
    for (const client of clients) client.disconnect();
    proxy?.restore();
    await server?.close();
    await proxy?.close();
    await database?.drop();
  });

  it('answers `unavailable`, tells the room, recovers and keeps only acknowledged changes', async () => {
    const created = await createCall(server!.url);
    const host = connect();
    const attendee = connect();
    await sendOk(host, 'call:join', joinPayload(created.slug, { key: created.keys.host }));
    await sendOk(attendee, 'call:join', joinPayload(created.slug));
    const health: unknown[] = [];
    attendee.on('call:health', (payload) => health.push(payload));
    const started = await sendOk(host, 'call:start', {});

    const [before] = await database!.query(`SELECT "sequence", "status", "currentItemId" FROM "Call" WHERE "slug" = '${created.slug}'`);
    expect(before).toMatchObject({ sequence: started.sequence, status: 'live' });
    const firstItemId = before!.currentItemId;
    expect(firstItemId).toEqual(expect.any(String));

    proxy!.cut();
    const toldUnavailable = nextEvent(attendee, 'call:health', 5_000);
    const failed = await send(host, 'agenda:advance', { direction: 'next' });
    expect(failed).toEqual({
      ok: false,
      error: { code: 'unavailable', message: expect.stringMatching(/cannot reach its database.*Nothing was saved/) },
    });
    expect(await toldUnavailable).toEqual({ database: 'unavailable' });
    // A second failure in the same outage does not tell the room again.
    expect((await send(host, 'agenda:advance', { direction: 'next' })).ok).toBe(false);

    const api = await fetch(`${server!.url}/api/calls`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'During the outage', startsAt: '2026-12-03T17:30', timezone: 'UTC', plannedMinutes: 30, sections: [] }),
    });
    expect(api.status).toBe(503);
    expect(api.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(await api.json()).toEqual({ error: { code: 'unavailable', message: expect.stringContaining('Nothing was saved') } });

    const toldOk = nextEvent(attendee, 'call:health', 8_000);
    proxy!.restore();
    expect(await toldOk).toEqual({ database: 'ok' });
    expect(health).toEqual([{ database: 'unavailable' }, { database: 'ok' }]);

    const advanced = await sendOk(host, 'agenda:advance', { direction: 'next' });
    expect(advanced.sequence).toBe(started.sequence + 1);
    const [after] = await database!.query(`SELECT "sequence", "status", "currentItemId" FROM "Call" WHERE "slug" = '${created.slug}'`);
    expect(after).toMatchObject({ sequence: started.sequence + 1, status: 'live' });
    expect(after!.currentItemId).not.toBe(firstItemId);
    const calls = await database!.query(`SELECT count(*)::int AS n FROM "Call"`);
    expect(calls[0]!.n).toBe(1);
  }, 30_000);
});
