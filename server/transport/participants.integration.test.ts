import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ParticipantChange, ParticipantView } from '@/lib/protocol';
import { createCall, joinPayload, nextEvent, send, sendOk, startTestServer, type TestClient } from '../testing/test-server';

let server: Awaited<ReturnType<typeof startTestServer>>;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

async function checkIn(slug: string, name: string) {
  const client = server.connect();
  await sendOk(client, 'call:join', joinPayload(slug));
  const { token, participant } = await sendOk(client, 'participant:checkIn', { displayName: name, affiliation: `${name} Org` });
  return Object.assign(client, { token, participantId: participant.id });
}

async function setUp() {
  const created = await createCall(server.url);
  const host = server.connect();
  await sendOk(host, 'call:join', joinPayload(created.slug, { key: created.keys.host }));
  return { created, host };
}

/** Follows the participants list the way a browser does: a list, then the merged changes. */
async function follow(client: TestClient) {
  const list = new Map<string, ParticipantView>();
  for (const participant of (await sendOk(client, 'participants:list', {})).participants) list.set(participant.id, participant);
  client.on('participants:changed', (changes: ParticipantChange[]) => {
    for (const change of changes) {
      if ('removedId' in change) list.delete(change.removedId);
      else list.set(change.participant.id, change.participant);
    }
  });
  return list;
}

const online = (list: Map<string, ParticipantView>) => [...list.values()].filter((participant) => participant.isOnline).map((participant) => participant.displayName).sort();

describe('presence', () => {
  it('shows who is here, counts several tabs once, and shows who left', async () => {
    const { created, host } = await setUp();
    const ada = await checkIn(created.slug, 'Ada');
    const list = await follow(host);
    const grace = await checkIn(created.slug, 'Grace');
    const secondTab = server.connect();
    await sendOk(secondTab, 'call:join', joinPayload(created.slug, { token: ada.token }));
    await expect.poll(() => online(list)).toEqual(['Ada', 'Grace']);
    const presence = await sendOk(server.connect(), 'call:join', joinPayload(created.slug));
    expect(presence.snapshot.presence).toEqual({ participantCount: 2, onlineCount: 2 });

    // Closing one of Ada's two tabs keeps her online. Cy, with one tab, closes after her: once the list shows
    // Cy offline, the server has handled both disconnects and sent what they changed.
    const cy = await checkIn(created.slug, 'Cy');
    await expect.poll(() => list.get(cy.participantId)?.isOnline).toBe(true);
    ada.disconnect();
    cy.disconnect();
    await expect.poll(() => list.get(cy.participantId)?.isOnline).toBe(false);
    expect(online(list)).toEqual(['Ada', 'Grace']);
    secondTab.disconnect();
    await expect.poll(() => online(list)).toEqual(['Grace']);
    expect(list.get(ada.participantId)?.displayName).toBe('Ada');
    grace.disconnect();
  });

  it('sends live list changes only to sockets showing the list', async () => {
    const { created } = await setUp();
    const quiet = server.connect();
    await sendOk(quiet, 'call:join', joinPayload(created.slug));
    const watching = server.connect();
    await sendOk(watching, 'call:join', joinPayload(created.slug));
    await follow(watching);
    let quietChanges = 0;
    quiet.on('participants:changed', () => (quietChanges += 1));
    const seen = nextEvent(watching, 'participants:changed');
    await checkIn(created.slug, 'Ada');
    expect((await seen).map((change) => ('participant' in change ? change.participant.displayName : ''))).toContain('Ada');

    await sendOk(watching, 'participants:unfollow', {});
    let watchingChanges = 0;
    watching.on('participants:changed', () => (watchingChanges += 1));
    const observer = server.connect();
    await sendOk(observer, 'call:join', joinPayload(created.slug));
    const observed = await follow(observer);
    const bo = await checkIn(created.slug, 'Bo');
    // Once a follower sees Bo, the change went out; an ack asked for afterwards reaches each socket behind it.
    await expect.poll(() => observed.has(bo.participantId)).toBe(true);
    await Promise.all([sendOk(watching, 'participants:unfollow', {}), sendOk(quiet, 'participants:unfollow', {})]);
    expect([quietChanges, watchingChanges]).toEqual([0, 0]);
  });

  it('comes back online after a server restart', async () => {
    const { created } = await setUp();
    const ada = await checkIn(created.slug, 'Ada');
    const reconnected = new Promise<void>((resolve) => ada.once('connect', () => resolve()));
    await server.restart();
    await reconnected;
    await sendOk(ada, 'call:join', joinPayload(created.slug, { token: ada.token }));
    const watcher = server.connect();
    await sendOk(watcher, 'call:join', joinPayload(created.slug));
    expect(online(await follow(watcher))).toEqual(['Ada']);
  });
});

describe('intro round and raised hands', () => {
  it('runs the intro in check-in order with skips, later and late arrivals', async () => {
    const { created, host } = await setUp();
    const [ada, bo, cy] = [await checkIn(created.slug, 'Ada'), await checkIn(created.slug, 'Bo'), await checkIn(created.slug, 'Cy')];
    const event = nextEvent(ada, 'call:event');
    await sendOk(host, 'intro:start', { order: 'checkIn' });
    expect((await event).event).toEqual({ type: 'intro.updated', intro: { status: 'running', order: [ada.participantId, bo.participantId, cy.participantId], currentIndex: 0 } });

    await sendOk(ada, 'intro:later', {});
    await sendOk(bo, 'intro:skip', {});
    const di = await checkIn(created.slug, 'Di');
    await sendOk(host, 'intro:reorder', { participantIds: [di.participantId, ada.participantId] });
    let intro = (await sendOk(server.connect(), 'call:join', joinPayload(created.slug))).snapshot.call.intro;
    expect(intro).toEqual({ status: 'running', order: [cy.participantId, di.participantId, ada.participantId], currentIndex: 0 });

    await sendOk(host, 'intro:next', {});
    await sendOk(host, 'intro:next', {});
    await sendOk(host, 'intro:next', {});
    intro = (await sendOk(server.connect(), 'call:join', joinPayload(created.slug))).snapshot.call.intro;
    expect(intro?.status).toBe('done');
  });

  it('keeps raised hands in order and lets the host lower them', async () => {
    const { created, host } = await setUp();
    const [ada, bo] = [await checkIn(created.slug, 'Ada'), await checkIn(created.slug, 'Bo')];
    await sendOk(bo, 'hand:raise', {});
    await sendOk(ada, 'hand:raise', {});
    const raised = (await sendOk(host, 'participants:list', {})).participants
      .filter((participant) => participant.handRaisedAt)
      .sort((a, b) => a.handRaisedAt!.localeCompare(b.handRaisedAt!))
      .map((participant) => participant.displayName);
    expect(raised).toEqual(['Bo', 'Ada']);
    expect(await send(ada, 'hand:lower', { participantId: bo.participantId })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const boHears: (string | null)[] = [];
    bo.on('participant:self', (self) => boHears.push(self.handRaisedAt));
    await sendOk(host, 'hand:lower', { participantId: bo.participantId });
    // Bo learns that the host lowered the hand, without showing the list.
    await expect.poll(() => boHears.at(-1)).toBeNull();
    const after = (await sendOk(host, 'participants:list', {})).participants.filter((participant) => participant.handRaisedAt);
    expect(after.map((participant) => participant.displayName)).toEqual(['Ada']);
  });

  it('refuses host-only actions to attendees', async () => {
    const { created } = await setUp();
    const ada = await checkIn(created.slug, 'Ada');
    const bo = await checkIn(created.slug, 'Bo');
    for (const [name, payload] of [
      ['intro:start', {}],
      ['intro:next', {}],
      ['intro:end', {}],
      ['participant:setTeam', { participantId: bo.participantId, isTeam: true }],
      ['participant:remove', { participantId: bo.participantId, block: true }],
    ] as const) {
      expect(await send(ada, name, payload)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    expect(await send(ada, 'intro:skip', { participantId: bo.participantId })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect((await sendOk(ada, 'participants:list', {})).participants).toHaveLength(2);
  });

  it('removes and blocks a participant; their questions stay; their token cannot rejoin', async () => {
    const { created, host } = await setUp();
    const troll = await checkIn(created.slug, 'Troll');
    await sendOk(troll, 'qa:ask', { text: 'A question that stays' });
    const list = await follow(host);
    const notice = nextEvent(troll, 'participant:removed');
    await sendOk(host, 'participant:remove', { participantId: troll.participantId, block: true });
    expect((await notice).message).toMatch(/removed you/);
    await expect.poll(() => list.has(troll.participantId)).toBe(false);
    const again = server.connect();
    expect(await send(again, 'call:join', joinPayload(created.slug, { token: troll.token }))).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const questions = (await sendOk(server.connect(), 'call:join', joinPayload(created.slug))).snapshot.questions;
    expect(questions.map((question) => question.text)).toEqual(['A question that stays']);
    const json = JSON.stringify(await sendOk(host, 'participants:list', {}));
    expect(json).not.toContain(troll.token);
  });
});

describe('attendance record', () => {
  it('gives the host a CSV of who checked in, in intro order, and refuses anyone else', async () => {
    const { created, host } = await setUp();
    await checkIn(created.slug, 'Ada, PhD');
    await checkIn(created.slug, 'Bo');
    await sendOk(host, 'intro:start', {});
    const url = `${server.url}/api/calls/${created.slug}/attendees.csv`;
    const response = await fetch(url, { headers: { authorization: `Bearer ${created.keys.host}` } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/csv');
    const lines = (await response.text()).trim().split('\r\n');
    expect(lines[0]).toBe('name,affiliation,pronouns,what brings them,role,team,checked in at (UTC),intro order');
    expect(lines.slice(1).map((line) => [line.split(',')[0], line.split(',').at(-1)])).toEqual([
      ['"Ada', '1'],
      ['Bo', '2'],
    ]);
    expect(lines[1]).toMatch(/^"Ada, PhD","Ada, PhD Org"/);
    for (const headers of [new Headers(), new Headers({ authorization: `Bearer ${created.keys.scribe}` })]) {
      const refused = await fetch(url, { headers });
      expect(refused.status).toBe(403);
      expect((await refused.json()).error.code).toBe('forbidden');
    }
    expect((await fetch(`${url}?key=${created.keys.host}`)).status).toBe(200);
  });
});
