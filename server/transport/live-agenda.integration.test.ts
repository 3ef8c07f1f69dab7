import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { SequencedEvent } from '@/lib/protocol';
import { createCall, joinPayload, nextEvent, send, sendOk, startTestServer, type TestClient } from '../testing/test-server';

let server: Awaited<ReturnType<typeof startTestServer>>;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

async function publicState(slug: string) {
  return (await (await fetch(`${server.url}/api/calls/${slug}`)).json()) as {
    sequence: number;
    call: { status: string; currentItemId: string | null; sections: { items: { id: string; title: string }[] }[] };
  };
}

async function setUpCall() {
  const created = await createCall(server.url);
  const host = server.connect();
  const attendees = [server.connect(), server.connect()];
  const hostJoin = await sendOk(host, 'call:join', joinPayload(created.slug, { key: created.keys.host }));
  const itemIds = hostJoin.snapshot.call.sections.flatMap((section) => section.items.map((item) => item.id));
  for (const [index, attendee] of attendees.entries()) {
    await sendOk(attendee, 'call:join', joinPayload(created.slug));
    await sendOk(attendee, 'participant:checkIn', { displayName: `Attendee ${index + 1}` });
  }
  return { created, host, attendees, hostJoin, itemIds };
}

function collect(client: TestClient): SequencedEvent[] {
  const events: SequencedEvent[] = [];
  client.on('call:event', (event) => events.push(event));
  return events;
}

describe('live agenda', () => {
  it('gives the host the host role and attendees the attendee role', async () => {
    const { hostJoin, created } = await setUpCall();
    expect(hostJoin.role).toBe('host');
    const lurker = server.connect();
    expect((await sendOk(lurker, 'call:join', joinPayload(created.slug))).role).toBe('attendee');
  });

  it('sends every move of the host to every attendee, in sequence', async () => {
    const { host, attendees, hostJoin, itemIds } = await setUpCall();
    const received = attendees.map(collect);

    await sendOk(host, 'call:start', {});
    await sendOk(host, 'agenda:advance', { direction: 'next' });
    await sendOk(host, 'agenda:jump', { itemId: itemIds[3] });
    await sendOk(host, 'agenda:advance', { direction: 'previous' });
    await expect.poll(() => received.map((events) => events.length)).toEqual([5, 5]);

    for (const events of received) {
      expect(events.map((item) => item.sequence)).toEqual([1, 2, 3, 4, 5].map((step) => hostJoin.snapshot.sequence + step));
      expect(events[0]?.event).toMatchObject({ type: 'call.status', status: 'live' });
      const moves = events.filter((item) => item.event.type === 'agenda.current').map((item) => item.event);
      expect(moves.map((move) => (move.type === 'agenda.current' ? move.currentItemId : null))).toEqual([
        itemIds[0],
        itemIds[1],
        itemIds[3],
        itemIds[2],
      ]);
    }
  });

  it('refuses a forged host command from an attendee and changes nothing', async () => {
    const { created, host, attendees } = await setUpCall();
    await sendOk(host, 'call:start', {});
    const before = await publicState(created.slug);

    const attendee = attendees[0]!;
    for (const [name, payload] of [
      ['agenda:advance', { direction: 'next' }],
      ['agenda:jump', { itemId: before.call.sections[2]!.items[0]!.id }],
      ['call:end', {}],
    ] as const) {
      const response = await send(attendee, name, payload);
      expect(response).toEqual({ ok: false, error: { code: 'forbidden', message: 'Only the host can do that.' } });
    }
    expect(await publicState(created.slug)).toEqual(before);
  });

  it('refuses a wrong key, a wrong protocol version, bad payloads and commands before joining', async () => {
    const { created } = await setUpCall();
    const client = server.connect();
    expect(await send(client, 'agenda:advance', { direction: 'next' })).toMatchObject({ ok: false, error: { code: 'not_joined' } });
    expect(await send(client, 'call:join', joinPayload(created.slug, { key: 'x'.repeat(43) }))).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect(await send(client, 'call:join', { ...joinPayload(created.slug), protocolVersion: 999 })).toMatchObject({
      ok: false,
      error: { code: 'protocol_mismatch' },
    });
    expect(await send(client, 'call:join', { slug: 42 })).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
    expect(await send(client, 'call:join', joinPayload('nosuchcall'))).toMatchObject({ ok: false, error: { code: 'not_found' } });
    await sendOk(client, 'call:join', joinPayload(created.slug));
    expect(await send(client, 'participant:checkIn', { displayName: '   ' })).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
    const unknown = await client.timeout(2000).emitWithAck('admin:dropDatabase' as 'call:start', {});
    expect(unknown).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
  });

  it('rejects moves past the ends of the agenda without changing the current item', async () => {
    const { created, host, itemIds } = await setUpCall();
    await sendOk(host, 'call:start', {});
    expect(await send(host, 'agenda:advance', { direction: 'previous' })).toMatchObject({ ok: false, error: { code: 'invalid_state' } });
    await sendOk(host, 'agenda:jump', { itemId: itemIds.at(-1) });
    expect(await send(host, 'agenda:advance', { direction: 'next' })).toMatchObject({ ok: false, error: { code: 'invalid_state' } });
    expect((await publicState(created.slug)).call.currentItemId).toBe(itemIds.at(-1));
  });

  it('recognises a checked-in participant again from their token, as on a reload or in a second tab', async () => {
    const { created } = await setUpCall();
    const firstTab = server.connect();
    await sendOk(firstTab, 'call:join', joinPayload(created.slug));
    const { token, participant } = await sendOk(firstTab, 'participant:checkIn', { displayName: 'Ada', affiliation: 'Jenkins' });
    const secondTab = server.connect();
    const rejoined = await sendOk(secondTab, 'call:join', joinPayload(created.slug, { token }));
    expect(rejoined.participant).toEqual(participant);
    const forged = await sendOk(server.connect(), 'call:join', joinPayload(created.slug, { token: token.slice(0, -2) + 'xx' }));
    expect(forged.participant).toBeNull();
  });

  it('keeps the live state across a server restart and lets clients resync', async () => {
    const { created, host, attendees, itemIds } = await setUpCall();
    await sendOk(host, 'call:start', {});
    await sendOk(host, 'agenda:advance', { direction: 'next' });
    const before = await publicState(created.slug);

    const attendee = attendees[0]!;
    const reconnected = [attendee, host].map((client) => new Promise<void>((resolve) => client.once('connect', () => resolve())));
    await server.restart();
    await Promise.all(reconnected);
    const rejoined = await sendOk(attendee, 'call:join', joinPayload(created.slug));
    expect(rejoined.snapshot.sequence).toBe(before.sequence);
    expect(rejoined.snapshot.call.currentItemId).toBe(itemIds[1]);

    await sendOk(host, 'call:join', joinPayload(created.slug, { key: created.keys.host }));
    const next = nextEvent(attendee, 'call:event');
    await sendOk(host, 'agenda:advance', { direction: 'next' });
    expect(await next).toEqual({
      sequence: before.sequence + 1,
      event: expect.objectContaining({ type: 'agenda.current', currentItemId: itemIds[2] }),
    });
  });
});

describe('long-polling clients', () => {
  it('join and follow the call without WebSocket (some networks block it)', async () => {
    const { io } = await import('socket.io-client');
    const created = await createCall(server.url);
    const errors = vi.spyOn(console, 'error');
    const polling: TestClient = io(server.url, { transports: ['polling'], upgrade: false });
    try {
      const joined = await sendOk(polling, 'call:join', joinPayload(created.slug));
      expect(joined.snapshot.call.status).toBe('scheduled');
      const host = server.connect();
      await sendOk(host, 'call:join', joinPayload(created.slug, { key: created.keys.host }));
      const event = nextEvent(polling, 'call:event');
      await sendOk(host, 'call:start', {});
      expect((await event).event).toMatchObject({ type: 'call.status', status: 'live' });
      // Socket.IO answers polling requests itself; nothing else may try to answer them too.
      expect(errors).not.toHaveBeenCalled();
    } finally {
      polling.disconnect();
      errors.mockRestore();
    }
  });
});
