import { randomBytes } from 'node:crypto';
import { createClient } from 'redis';
import { io as connectSocket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CALL_DELETED_MESSAGE } from '@/lib/protocol';
import { createPostgresDatabase, type TestDatabase } from '../prisma/test-databases';
import { applyMigrations } from './persistence/migrator';
import { startNode, stopNode, type ClusterNode } from './testing/cluster-nodes';
import { checkServices, redisTestUrl } from './testing/services';
import { createCall, joinPayload, send, sendOk, type TestClient } from './testing/test-server';

const services = await checkServices('Deleting a call on two nodes (PostgreSQL and Redis)', { postgres: true, redis: true });

describe.skipIf(services.shouldSkip)('deleting a call served by two nodes', () => {
  const prefix = `roundtable-test-${randomBytes(6).toString('hex')}`;
  const clients: TestClient[] = [];
  let database: TestDatabase | undefined;
  let nodes: ClusterNode[] = [];

  function connect(url: string): TestClient {
    const client: TestClient = connectSocket(url, { transports: ['websocket'], reconnectionDelay: 50, reconnectionDelayMax: 300 });
    clients.push(client);
    return client;
  }

  beforeAll(async () => {
    services.assertServices();
    database = await createPostgresDatabase();
    await applyMigrations(database.url);
    const environment = {
      DATABASE_URL: database.url,
      REDIS_URL: redisTestUrl,
      REDIS_PREFIX: prefix,
      RATE_LIMIT_API_PER_MINUTE: '100000',
      RATE_LIMIT_CONNECTIONS_PER_10S: '100000',
    };
    nodes = await Promise.all([startNode(environment), startNode(environment)]);
  }, 60_000);

  afterAll(async () => {
    for (const client of clients) client.disconnect();
    await Promise.all(nodes.map((node) => stopNode(node)));
    await database?.drop();
    const redis = createClient({ url: redisTestUrl });
    redis.on('error', () => undefined);
    await redis.connect().catch(() => undefined);
    if (redis.isOpen) {
      const keys: string[] = [];
      for await (const batch of redis.scanIterator({ MATCH: `${prefix}*`, COUNT: 500 })) keys.push(...batch);
      if (keys.length > 0) await redis.del(keys);
      await redis.close();
    }
  });

  it('tells and disconnects the attendees on the other node, which then serves nothing of it', async () => {
    const [first, second] = nodes as [ClusterNode, ClusterNode];
    const created = await createCall(first.url);
    const attendee = connect(second.url);
    await sendOk(attendee, 'call:join', joinPayload(created.slug));
    await sendOk(attendee, 'participant:checkIn', { displayName: 'Ada Lovelace' });
    // The second node has read (and cached) the call.
    expect((await fetch(`${second.url}/api/calls/${created.slug}/minutes.md`)).status).toBe(200);

    const told = new Promise((resolve) => attendee.once('call:deleted', resolve));
    const disconnected = new Promise((resolve) => attendee.once('disconnect', resolve));
    const response = await fetch(`${first.url}/api/calls/${created.slug}`, { method: 'DELETE', headers: { authorization: `Bearer ${created.keys.host}` } });
    expect(response.status).toBe(200);
    expect(await told).toEqual({ message: CALL_DELETED_MESSAGE });
    expect(await disconnected).toBe('io server disconnect');

    for (const path of ['', '/minutes.md', `/attendees.csv?key=${created.keys.host}`]) {
      expect((await fetch(`${second.url}/api/calls/${created.slug}${path}`)).status, path).toBe(404);
    }
    const rejoin = connect(second.url);
    const join = await send(rejoin, 'call:join', joinPayload(created.slug));
    expect(join.ok ? null : join.error.code).toBe('not_found');
  });
});
