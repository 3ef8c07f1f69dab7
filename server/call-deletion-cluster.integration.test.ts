import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CALL_DELETED_MESSAGE } from '@/lib/protocol';
import { TwoNodeCluster } from './testing/cluster-nodes';
import { checkServices } from './testing/services';
import { createCall, joinPayload, send, sendOk } from './testing/test-server';

const services = await checkServices('Deleting a call on two nodes (PostgreSQL and Redis)', { postgres: true, redis: true });

describe.skipIf(services.shouldSkip)('deleting a call served by two nodes', () => {
  const cluster = new TwoNodeCluster();

  beforeAll(async () => {
    services.assertServices();
    await cluster.start();
  }, 60_000);

  afterAll(() => cluster.close(), 30_000);

  it('tells and disconnects the attendees on the other node, which then serves nothing of it', async () => {
    const [first, second] = cluster.nodes;
    const created = await createCall(first.url);
    const attendee = cluster.connect(second.url);
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
    const rejoin = cluster.connect(second.url);
    const join = await send(rejoin, 'call:join', joinPayload(created.slug));
    expect(join.ok ? null : join.error.code).toBe('not_found');
  });
});
