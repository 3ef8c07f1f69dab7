import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { minutesText } from '@/lib/minutes';
import { CommandError, toBytes, type MinutesBinary } from '@/lib/protocol';
import { startCall, startRealtimeHarness, type RealtimeHarness, type SeatedClient } from '../testing/realtime-harness';
import type { MinutesOptions } from './minutes-docs';
import { MinutesRooms } from './minutes-rooms';

let harness: RealtimeHarness;
beforeAll(async () => {
  harness = await startRealtimeHarness();
});
afterAll(() => harness.close());

function startRooms(options?: MinutesOptions): MinutesRooms {
  const rooms = new MinutesRooms(harness.io, harness.database, options);
  onTestFinished(() => rooms.close());
  return rooms;
}

/** A call with two scribes' sockets (the moderator room) and two readers' (the call room only). */
async function startMinutesCall() {
  const { callId } = await startCall(harness, []);
  const writers = [await harness.seat({ callId, role: 'host' }), await harness.seat({ callId, role: 'scribe' })];
  const readers = [await harness.seat({ callId }), await harness.seat({ callId })];
  return { callId, writers, readers };
}

/** Applies a local edit to a scribe's doc and returns it as the update a browser would send. */
function edit(doc: Y.Doc, change: (text: Y.Text) => void): Uint8Array {
  const before = Y.encodeStateVector(doc);
  doc.transact(() => change(minutesText(doc)));
  return Y.encodeStateAsUpdate(doc, before);
}

/** The text a client shows after applying the updates it received. */
function textOf(updates: MinutesBinary[]): string {
  const doc = new Y.Doc();
  for (const update of updates) Y.applyUpdate(doc, toBytes(update));
  return minutesText(doc).toString();
}

const storedRows = (callId: string) => harness.database.minutesUpdate.count({ where: { callId } });

/** What a second node, loading the call's minutes from the database, reads. */
async function storedText(callId: string): Promise<string> {
  const otherNode = new MinutesRooms(harness.io, harness.database);
  try {
    return await otherNode.textOf(callId);
  } finally {
    await otherNode.close();
  }
}

/** Waits until `client` received `count` updates, and returns the text they make. */
async function textReceived(client: SeatedClient, count: number): Promise<string> {
  return textOf(await client.waitFor('minutes:update', count));
}

describe('MinutesRooms', () => {
  it('stores the updates of one writer tick as one row, sends one message to each scribe and one merge to each reader', async () => {
    const { callId, writers, readers } = await startMinutesCall();
    const rooms = startRooms();
    const doc = new Y.Doc();
    const hello = edit(doc, (text) => text.insert(0, 'Hello'));
    const world = edit(doc, (text) => text.insert(5, ' world'));

    await Promise.all([rooms.applyUpdate(callId, hello), rooms.applyUpdate(callId, world)]);

    expect(await storedRows(callId)).toBe(1);
    for (const writer of writers) expect(await textReceived(writer, 1)).toBe('Hello world');
    for (const reader of readers) expect(await textReceived(reader, 1)).toBe('Hello world');

    await rooms.applyUpdate(callId, edit(doc, (text) => text.insert(11, '!')));
    expect(await storedRows(callId)).toBe(2);
    for (const reader of readers) expect(await textReceived(reader, 2)).toBe('Hello world!');
    // Closing waits for every relay under way; then each socket has had all it will get.
    await rooms.close();
    await harness.catchUp();
    for (const socket of [...writers, ...readers]) expect(socket.eventNames).toEqual(['minutes:update', 'minutes:update']);
    expect(await storedText(callId)).toBe('Hello world!');
  });

  it('resolves applyUpdate once the update is stored, so another node reads it', async () => {
    const { callId } = await startMinutesCall();
    const rooms = startRooms();

    await rooms.applyUpdate(callId, edit(new Y.Doc(), (text) => text.insert(0, 'Decided: ship it')));

    expect(await storedRows(callId)).toBe(1);
    expect(await storedText(callId)).toBe('Decided: ship it');
  });

  it('refuses an unreadable update as invalid_payload, storing and relaying nothing', async () => {
    const { callId, writers } = await startMinutesCall();
    const rooms = startRooms();

    const refusal: unknown = await rooms.applyUpdate(callId, new Uint8Array([255, 255, 255])).catch((error: unknown) => error);

    expect(refusal).toBeInstanceOf(CommandError);
    expect(refusal).toMatchObject({ code: 'invalid_payload' });
    expect(await storedRows(callId)).toBe(0);
    // A readable update sent afterwards is the first and only thing the scribes get.
    await rooms.applyUpdate(callId, edit(new Y.Doc(), (text) => text.insert(0, 'Readable')));
    for (const writer of writers) expect(await textReceived(writer, 1)).toBe('Readable');
    await harness.catchUp();
    for (const writer of writers) expect(writer.eventNames).toEqual(['minutes:update']);
    expect(await storedRows(callId)).toBe(1);
  });

  it('restores a snapshot through the same path: stored, relayed to scribes and readers, text back to the snapshot’s', async () => {
    const { callId, writers, readers } = await startMinutesCall();
    // Every stored change is compacted into a snapshot, so the first version gets one of its own.
    const rooms = startRooms({ compactEvery: 1 });
    const doc = new Y.Doc();
    await rooms.applyUpdate(callId, edit(doc, (text) => text.insert(0, 'First version')));
    await expect.poll(() => rooms.history(callId), { timeout: 5000 }).toHaveLength(1);
    const [firstVersion] = await rooms.history(callId);
    await rooms.applyUpdate(callId, edit(doc, (text) => text.insert(0, 'Rewritten, no longer the ')));
    for (const writer of writers) expect(await textReceived(writer, 2)).toBe('Rewritten, no longer the First version');
    for (const reader of readers) {
      await expect.poll(() => textOf(reader.received('minutes:update')), { timeout: 5000 }).toBe('Rewritten, no longer the First version');
    }
    const readersHad = readers.map((reader) => reader.received('minutes:update').length);
    const rowsBefore = await storedRows(callId);

    await rooms.restore(callId, firstVersion!.id);

    expect(await storedRows(callId)).toBe(rowsBefore + 1);
    for (const writer of writers) expect(await textReceived(writer, 3)).toBe('First version');
    for (const [index, reader] of readers.entries()) expect(await textReceived(reader, readersHad[index]! + 1)).toBe('First version');
    expect(await rooms.textOf(callId)).toBe('First version');
    await rooms.close();
    await harness.catchUp();
    for (const writer of writers) expect(writer.received('minutes:update')).toHaveLength(3);
    for (const [index, reader] of readers.entries()) expect(reader.received('minutes:update')).toHaveLength(readersHad[index]! + 1);
    expect(await storedText(callId)).toBe('First version');
  });

  it('stores and relays, on close, the updates still waiting for their tick', async () => {
    const { callId, writers, readers } = await startMinutesCall();
    const rooms = startRooms();
    let isAcknowledged = false;
    const waiting = rooms.applyUpdate(callId, edit(new Y.Doc(), (text) => text.insert(0, 'Last words'))).then(() => (isAcknowledged = true));

    await rooms.close();

    expect(isAcknowledged).toBe(true);
    await waiting;
    expect(await storedRows(callId)).toBe(1);
    for (const socket of [...writers, ...readers]) expect(await textReceived(socket, 1)).toBe('Last words');
    expect(await storedText(callId)).toBe('Last words');
  });

  it('relays cursors to the other scribes only, and their removal when a scribe disconnects', async () => {
    const { callId, writers, readers } = await startMinutesCall();
    const [ada, bo] = writers;
    const rooms = startRooms();
    ada!.socket.on('disconnect', () => rooms.handleDisconnect(ada!.socket));
    const cursor = (name: string) => {
      const awareness = new Awareness(new Y.Doc());
      awareness.setLocalStateField('user', { name });
      onTestFinished(() => awareness.destroy());
      return { clientId: awareness.clientID, update: encodeAwarenessUpdate(awareness, [awareness.clientID]) };
    };
    // What Bo's editor knows of the others' cursors.
    const seenByBo = new Awareness(new Y.Doc());
    onTestFinished(() => seenByBo.destroy());
    const adaCursor = cursor('Ada');
    const boCursor = cursor('Bo');

    await rooms.applyAwareness(ada!.socket, callId, adaCursor.update);
    const [fromAda] = await bo!.waitFor('minutes:awareness');
    applyAwarenessUpdate(seenByBo, toBytes(fromAda!), 'server');
    expect(seenByBo.getStates().get(adaCursor.clientId)).toEqual({ user: { name: 'Ada' } });

    await rooms.applyAwareness(bo!.socket, callId, boCursor.update);
    // Ada's first cursor message is Bo's: her own, sent before it, never came back to her.
    const [toAda] = await ada!.waitFor('minutes:awareness');
    const seenByAda = new Awareness(new Y.Doc());
    onTestFinished(() => seenByAda.destroy());
    applyAwarenessUpdate(seenByAda, toBytes(toAda!), 'server');
    expect(seenByAda.getStates().get(boCursor.clientId)).toEqual({ user: { name: 'Bo' } });
    expect(seenByAda.getStates().has(adaCursor.clientId)).toBe(false);

    ada!.client.disconnect();
    const [, removal] = await bo!.waitFor('minutes:awareness', 2);
    applyAwarenessUpdate(seenByBo, toBytes(removal!), 'server');
    expect(seenByBo.getStates().has(adaCursor.clientId)).toBe(false);
    await harness.catchUp();
    expect(bo!.eventNames).toEqual(['minutes:awareness', 'minutes:awareness']);
    for (const reader of readers) expect(reader.eventNames).toEqual([]);
  });
});
