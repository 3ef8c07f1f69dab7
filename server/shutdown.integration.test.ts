import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { io as connectSocket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyMigrations } from './persistence/migrator';
import { startNode, startProxy, stopNode, type ClusterNode } from './testing/cluster-nodes';
import { createCall, joinPayload, sendOk, type TestClient } from './testing/test-server';

/** Two server processes on one SQLite file behind a stand-in load balancer; the first one gets SIGTERM. */
describe('graceful shutdown on SIGTERM', () => {
  const clients: TestClient[] = [];
  let directory: string;
  let nodes: ClusterNode[] = [];
  let proxy: Awaited<ReturnType<typeof startProxy>>;

  function connect(): TestClient {
    const client: TestClient = connectSocket(proxy.url, { transports: ['websocket'], reconnectionDelay: 50, reconnectionDelayMax: 200 });
    clients.push(client);
    return client;
  }

  beforeAll(async () => {
    directory = await mkdtemp(path.join(tmpdir(), 'roundtable-shutdown-'));
    const databaseUrl = `file:${path.join(directory, 'shared.db')}`;
    await applyMigrations(databaseUrl);
    const environment = { DATABASE_URL: databaseUrl, SHUTDOWN_DELAY_SECONDS: '2', SHUTDOWN_TIMEOUT_SECONDS: '10', LOG_LEVEL: 'info' };
    nodes = await Promise.all([startNode(environment), startNode(environment)]);
    proxy = await startProxy(nodes[0]!.port);
  }, 60_000);

  afterAll(async () => {
    for (const client of clients) client.disconnect();
    await Promise.all(nodes.map((node) => stopNode(node)));
    await proxy?.close();
    await rm(directory, { recursive: true, force: true });
  });

  it('reports not ready during the delay, keeps the acknowledged vote, lets clients reconnect elsewhere and exits 0', async () => {
    const [first, second] = nodes as [ClusterNode, ClusterNode];
    const created = await createCall(proxy.url);
    const host = connect();
    await sendOk(host, 'call:join', joinPayload(created.slug, { key: created.keys.host }));
    await sendOk(host, 'participant:checkIn', { displayName: 'Kai' });
    const { question } = await sendOk(host, 'qa:ask', { text: 'Will the LTS line move to Java 21?' });
    const attendee = connect();
    await sendOk(attendee, 'call:join', joinPayload(created.slug));
    const { token } = await sendOk(attendee, 'participant:checkIn', { displayName: 'Ada' });
    const disconnected = new Promise<string>((resolve) => attendee.once('disconnect', resolve));

    expect(await sendOk(attendee, 'qa:vote', { questionId: question.id })).toEqual({ voteCount: 1 });
    const exited = new Promise<number | null>((resolve) => first.process.once('exit', resolve));
    first.process.kill('SIGTERM');

    // During the delay the node still serves (its sockets stay connected) but tells the load balancer to go.
    const during = await fetch(`${first.url}/api/ready`);
    expect(during.status).toBe(503);
    expect(await during.json()).toMatchObject({ ready: false, checks: { database: { ok: true }, shutdown: { ok: false, message: 'The server is shutting down.' } } });
    expect((await fetch(`${first.url}/api/health`)).status).toBe(200);
    expect(attendee.connected).toBe(true);
    proxy.retarget(second.port);

    // Its transport closes (not a server-side disconnect), so the client reconnects, and lands on the other node.
    expect(await disconnected).toBe('transport close');
    await expect(fetch(`${first.url}/api/health`)).rejects.toThrow();
    await new Promise<void>((resolve) => (attendee.connected ? resolve() : attendee.once('connect', () => resolve())));
    const rejoined = await sendOk(attendee, 'call:join', joinPayload(created.slug, { token }));
    expect(rejoined.myVotes).toEqual([question.id]);
    expect(rejoined.snapshot.questions).toEqual([expect.objectContaining({ id: question.id, voteCount: 1 })]);

    expect(await exited).toBe(0);
    expect(first.output.join('')).toMatch(/not ready; closing connections/);
    const database = new Database(path.join(directory, 'shared.db'), { readonly: true });
    try {
      expect(database.prepare('SELECT "questionId", "participantId" FROM "Vote"').all()).toEqual([{ questionId: question.id, participantId: expect.any(String) }]);
    } finally {
      database.close();
    }
    expect((await fetch(`${second.url}/api/ready`)).status).toBe(200);
  }, 60_000);
});
