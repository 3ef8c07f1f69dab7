import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { minutesText } from '@/lib/minutes';
import { toBytes } from '@/lib/protocol';
import { containsUpdate, MinutesClient, seededRandom } from '../testing/minutes-client';
import { createCall, joinPayload, nextEvent, send, sendOk, startTestServer } from '../testing/test-server';

let server: Awaited<ReturnType<typeof startTestServer>>;
beforeAll(async () => {
  server = await startTestServer({ minutes: { compactEvery: 4 } });
});
afterAll(() => server.close());

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function setUp(scribeCount: number) {
  const created = await createCall(server.url);
  const scribes = Array.from({ length: scribeCount }, () => new MinutesClient(server.connect(), created.slug, created.keys.scribe));
  await Promise.all(scribes.map((scribe) => scribe.ready()));
  return { created, scribes };
}

/** The server's minutes as a newcomer reads them. */
async function serverDoc(slug: string, key?: string): Promise<Y.Doc> {
  const reader = server.connect();
  await sendOk(reader, 'call:join', joinPayload(slug, { key }));
  const doc = new Y.Doc();
  const answer = await sendOk(reader, 'minutes:sync', { stateVector: Y.encodeStateVector(doc) });
  Y.applyUpdate(doc, toBytes(answer.update));
  reader.disconnect();
  return doc;
}

async function expectConverged(slug: string, scribes: MinutesClient[]) {
  for (const scribe of scribes) await scribe.ready();
  await Promise.all(scribes.map((scribe) => scribe.sync()));
  const expected = minutesText(await serverDoc(slug)).toString();
  await expect.poll(() => scribes.map((scribe) => scribe.text)).toEqual(scribes.map(() => expected));
  return expected;
}

async function typeRandomly(scribe: MinutesClient, seed: number, rounds: number, tag: string, onRound?: (round: number) => Promise<void>) {
  const random = seededRandom(seed);
  for (let round = 0; round < rounds; round += 1) {
    const update = scribe.randomEdit(random, tag);
    if (scribe.isReady) await scribe.push(update);
    await onRound?.(round);
    await pause(Math.floor(random() * 6));
  }
}

describe('shared minutes', () => {
  it('three scribes editing at once converge on the server’s text', async () => {
    const { created, scribes } = await setUp(3);
    await Promise.all(scribes.map((scribe, index) => typeRandomly(scribe, 1000 + index, 25, 'abc'[index]!)));

    const text = await expectConverged(created.slug, scribes);
    expect(text.length).toBeGreaterThan(20);
    const stored = await serverDoc(created.slug);
    for (const scribe of scribes) for (const update of scribe.acked) expect(containsUpdate(stored, update)).toBe(true);
  });

  it('loses nothing acknowledged across a server restart in the middle of editing', async () => {
    const { created, scribes } = await setUp(3);
    let restarted: Promise<void> | undefined;
    await Promise.all(
      scribes.map((scribe, index) =>
        typeRandomly(scribe, 2000 + index, 20, 'xyz'[index]!, async (round) => {
          if (index === 0 && round === 8) restarted = server.restart();
        }),
      ),
    );
    await restarted;

    const text = await expectConverged(created.slug, scribes);
    expect(text.length).toBeGreaterThan(20);
    const stored = await serverDoc(created.slug);
    expect(scribes.every((scribe) => scribe.acked.length > 0)).toBe(true);
    for (const scribe of scribes) for (const update of scribe.acked) expect(containsUpdate(stored, update)).toBe(true);
  });

  it('merges edits a scribe made while offline', async () => {
    const { created, scribes } = await setUp(2);
    const [ada, grace] = scribes as [MinutesClient, MinutesClient];
    await ada.push(ada.edit((text) => text.insert(0, '1. Release\n')));
    await expect.poll(() => grace.text).toBe('1. Release\n');

    ada.client.disconnect();
    ada.edit((text) => text.insert(text.length, '   - offline note\n'));
    await grace.push(grace.edit((text) => text.insert(0, '# Minutes\n')));
    expect(minutesText(await serverDoc(created.slug)).toString()).not.toContain('offline note');

    ada.client.connect();
    const text = await expectConverged(created.slug, scribes);
    expect(text).toBe('# Minutes\n1. Release\n   - offline note\n');
  });

  it('puts the minutes into the call record', async () => {
    const { created, scribes } = await setUp(1);
    await scribes[0]!.push(scribes[0]!.edit((text) => text.insert(0, '## Release\n\n1. Cadence\n')));
    const record = await (await fetch(`${server.url}/api/calls/${created.slug}/minutes.md`)).text();
    expect(record).toMatch(/# Call Minutes\n[\s\S]*## Release\n\n1\. Cadence\n\n## Q&A/);
  });

  it('refuses an attendee’s update and changes nothing', async () => {
    const { created, scribes } = await setUp(1);
    await scribes[0]!.push(scribes[0]!.edit((text) => text.insert(0, 'Decisions:\n')));
    const attendee = server.connect();
    await sendOk(attendee, 'call:join', joinPayload(created.slug));
    const attendeeDoc = new Y.Doc();
    Y.applyUpdate(attendeeDoc, toBytes((await sendOk(attendee, 'minutes:sync', { stateVector: Y.encodeStateVector(attendeeDoc) })).update));
    expect(minutesText(attendeeDoc).toString()).toBe('Decisions:\n');

    const before = Y.encodeStateVector(attendeeDoc);
    minutesText(attendeeDoc).insert(0, 'Forged ');
    const forged = Y.encodeStateAsUpdate(attendeeDoc, before);
    expect(await send(attendee, 'minutes:update', { update: forged })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await send(attendee, 'minutes:awareness', { update: new Uint8Array([0]) })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(minutesText(await serverDoc(created.slug)).toString()).toBe('Decisions:\n');
  });

  it('rejects a malformed update and keeps the document intact', async () => {
    const { created, scribes } = await setUp(1);
    const scribe = scribes[0]!;
    await scribe.push(scribe.edit((text) => text.insert(0, 'Intact')));
    for (const update of [new Uint8Array([1, 5, 255, 255, 255, 3, 9]), new Uint8Array([7])]) {
      expect(await send(scribe.client, 'minutes:update', { update })).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
    }
    expect(await send(scribe.client, 'minutes:update', { update: 'not binary' })).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
    expect(await send(scribe.client, 'minutes:update', { update: new Uint8Array(250 * 1024) })).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
    expect(minutesText(await serverDoc(created.slug)).toString()).toBe('Intact');
    expect(await scribe.push(scribe.edit((text) => text.insert(6, '!')))).toBe(true);
    expect(minutesText(await serverDoc(created.slug)).toString()).toBe('Intact!');
  });

  it('relays where scribes are to the other scribes and clears it when one leaves', async () => {
    const { scribes } = await setUp(2);
    const [ada, grace] = scribes as [MinutesClient, MinutesClient];
    const { Awareness, encodeAwarenessUpdate, applyAwarenessUpdate } = await import('y-protocols/awareness');
    const adaAwareness = new Awareness(ada.doc);
    adaAwareness.setLocalStateField('user', { name: 'Ada', color: '#0f766e' });
    const graceView = new Awareness(grace.doc);

    const relayed = nextEvent(grace.client, 'minutes:awareness');
    await sendOk(ada.client, 'minutes:awareness', { update: encodeAwarenessUpdate(adaAwareness, [ada.doc.clientID]) });
    applyAwarenessUpdate(graceView, toBytes(await relayed), 'server');
    expect(graceView.getStates().get(ada.doc.clientID)).toMatchObject({ user: { name: 'Ada' } });

    const cleared = nextEvent(grace.client, 'minutes:awareness');
    ada.client.disconnect();
    applyAwarenessUpdate(graceView, toBytes(await cleared), 'server');
    expect(graceView.getStates().has(ada.doc.clientID)).toBe(false);
    adaAwareness.destroy();
    graceView.destroy();
  });

  it('shows the host earlier versions and restores one as a new change', async () => {
    const { created, scribes } = await setUp(1);
    const scribe = scribes[0]!;
    const host = server.connect();
    await sendOk(host, 'call:join', joinPayload(created.slug, { key: created.keys.host }));

    for (const word of ['1. Budget', ' approved', '\n2. Venue', ' open']) await scribe.push(scribe.edit((text) => text.insert(text.length, word)));
    await expect.poll(async () => (await sendOk(host, 'minutes:history', {})).snapshots.length).toBe(1);
    const first = (await sendOk(host, 'minutes:history', {})).snapshots[0]!;
    expect(new Date(first.createdAt).getTime()).toBeGreaterThan(Date.now() - 60_000);
    expect((await sendOk(host, 'minutes:snapshot', { snapshotId: first.id })).text).toBe('1. Budget approved\n2. Venue open');

    await scribe.push(scribe.edit((text) => text.delete(0, text.length)));
    await scribe.push(scribe.edit((text) => text.insert(0, 'Oops, all gone')));
    expect(await send(scribe.client, 'minutes:restore', { snapshotId: first.id })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await send(scribe.client, 'minutes:history', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });

    await sendOk(host, 'minutes:restore', { snapshotId: first.id });
    await expect.poll(() => scribe.text).toBe('1. Budget approved\n2. Venue open');
    expect(minutesText(await serverDoc(created.slug)).toString()).toBe('1. Budget approved\n2. Venue open');
    const history = (await sendOk(host, 'minutes:history', {})).snapshots;
    expect(history.map((snapshot) => snapshot.id)).toContain(first.id);
    expect(history.length).toBeGreaterThan(1);
    expect(await send(host, 'minutes:snapshot', { snapshotId: 999_999 })).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });
});
