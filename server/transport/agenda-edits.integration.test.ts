import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PublicCall } from '@/lib/protocol';
import { createCall, joinPayload, send, sendOk, startTestServer } from '../testing/test-server';

let server: Awaited<ReturnType<typeof startTestServer>>;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

async function storedCall(slug: string): Promise<PublicCall> {
  return ((await (await fetch(`${server.url}/api/calls/${slug}`)).json()) as { call: PublicCall }).call;
}
const outline = (call: PublicCall) => call.sections.map((section) => `${section.title}: ${section.items.map((item) => item.title).join(', ')}`);

async function setUp() {
  const created = await createCall(server.url);
  const host = server.connect();
  const attendee = server.connect();
  const { snapshot } = await sendOk(host, 'call:join', joinPayload(created.slug, { key: created.keys.host }));
  await sendOk(attendee, 'call:join', joinPayload(created.slug));
  let latest = snapshot.call;
  attendee.on('call:event', ({ event }) => {
    if (event.type === 'agenda.updated') latest = { ...latest, sections: event.sections };
    if (event.type === 'timer.changed') latest = { ...latest, ...event };
  });
  return { created, host, attendee, snapshot, seen: () => latest };
}

describe('editing the agenda live', () => {
  it('adds, renames, moves and deletes; attendees see each edit and it is stored', async () => {
    const { created, host, snapshot, seen } = await setUp();
    const [welcome, spotlight] = snapshot.call.sections;
    const { id: sectionId } = await sendOk(host, 'agenda:addSection', { title: 'Status update: ARM64', index: 2 });
    const { id: itemId } = await sendOk(host, 'agenda:addItem', { sectionId, title: 'CI agents', presenter: 'Ravi', plannedMinutes: 5 });
    await sendOk(host, 'agenda:updateSection', { sectionId: spotlight!.id, title: 'Spotlight: releases' });
    await sendOk(host, 'agenda:moveItem', { itemId: spotlight!.items[1]!.id, toSectionId: welcome!.id, toIndex: 0 });
    await sendOk(host, 'agenda:deleteItem', { itemId: welcome!.items[0]!.id });
    await sendOk(host, 'agenda:updateItem', { itemId, notes: 'Two new machines' });

    const expected = ['Welcome: Demo', 'Spotlight: releases: Release cadence', 'Status update: ARM64: CI agents', 'Q&A: Open floor'];
    await expect.poll(() => outline(seen())).toEqual(expected);
    expect(outline(await storedCall(created.slug))).toEqual(expected);
    await server.restart();
    const afterRestart = await storedCall(created.slug);
    expect(outline(afterRestart)).toEqual(expected);
    expect(afterRestart.sections[2]!.items[0]).toMatchObject({ presenter: 'Ravi', plannedMinutes: 5, notes: 'Two new machines' });
  });

  it('reorders sections', async () => {
    const { created, host, snapshot } = await setUp();
    await sendOk(host, 'agenda:moveSection', { sectionId: snapshot.call.sections[2]!.id, toIndex: 0 });
    expect((await storedCall(created.slug)).sections.map((section) => section.title)).toEqual(['Q&A', 'Welcome', 'Spotlight: release process']);
  });

  it('refuses edits from attendees and unknown ids, changing nothing', async () => {
    const { created, attendee, host, snapshot } = await setUp();
    const before = await storedCall(created.slug);
    expect(await send(attendee, 'agenda:deleteSection', { sectionId: snapshot.call.sections[0]!.id })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await send(host, 'agenda:deleteItem', { itemId: 'nope' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await send(host, 'agenda:addItem', { sectionId: snapshot.call.sections[0]!.id, title: '' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_payload' },
    });
    expect(await storedCall(created.slug)).toEqual(before);
  });

  it('moves the live call on when its current item is deleted', async () => {
    const { created, host, snapshot } = await setUp();
    await sendOk(host, 'call:start', {});
    await sendOk(host, 'agenda:deleteItem', { itemId: snapshot.call.sections[0]!.items[0]!.id });
    expect((await storedCall(created.slug)).currentItemId).toBe(snapshot.call.sections[1]!.items[0]!.id);
  });
});

describe('item timer', () => {
  it('pauses, resumes, extends and resets for everyone', async () => {
    const { created, host, attendee, seen } = await setUp();
    expect(await send(host, 'timer:pause', {})).toMatchObject({ ok: false, error: { code: 'invalid_state' } });
    await sendOk(host, 'call:start', {});
    await sendOk(host, 'timer:pause', {});
    await expect.poll(() => seen().timerPausedAt).not.toBeNull();
    await sendOk(host, 'timer:extend', { minutes: 5 });
    await expect.poll(() => seen().timerExtraSeconds).toBe(300);
    expect(await storedCall(created.slug)).toMatchObject({ timerExtraSeconds: 300, timerPausedAt: seen().timerPausedAt });
    await sendOk(host, 'timer:resume', {});
    await expect.poll(() => seen().timerPausedAt).toBeNull();
    await sendOk(host, 'timer:reset', {});
    await expect.poll(() => seen().timerExtraSeconds).toBe(0);
    expect(await send(attendee, 'timer:extend', { minutes: 5 })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await send(host, 'timer:extend', { minutes: 0 })).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
  });
});
