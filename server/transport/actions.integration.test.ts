import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callReadSchema, seriesActionsSchema, type CallActions, type PublicAction } from '@/lib/protocol';
import { actionLine } from '@/lib/markdown/actions-export';
import { createdCallSchema } from '@/lib/protocol/schedule';
import { MinutesClient } from '../testing/minutes-client';
import { callWithHost, checkedIn, createCall, joinPayload, sampleCall, send, sendOk, startTestServer, type TestClient } from '../testing/test-server';

let server: Awaited<ReturnType<typeof startTestServer>>;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

/** The last `actions:update` a socket received. */
function watchActions(client: TestClient): { last: CallActions | null } {
  const seen: { last: CallActions | null } = { last: null };
  client.on('actions:update', (actions) => {
    seen.last = actions;
  });
  return seen;
}

const summary = (actions: PublicAction[]) => actions.map(({ text, owner, due, isDone, isCarriedOver }) => ({ text, owner, due, isDone, isCarriedOver }));

async function joinedActions(slug: string, key?: string): Promise<CallActions> {
  const client = server.connect();
  const { actions } = await sendOk(client, 'call:join', joinPayload(slug, { key }));
  client.disconnect();
  return actions;
}

/** Appends `text` to the minutes as a scribe typing it. */
async function append(scribe: MinutesClient, text: string): Promise<void> {
  expect(await scribe.push(scribe.edit((minutes) => minutes.insert(minutes.length, text)))).toBe(true);
}

/** Ticks the checkbox of the line holding `words`. */
async function tick(scribe: MinutesClient, words: string): Promise<void> {
  const update = scribe.edit((minutes) => {
    const lineStart = minutes.toString().lastIndexOf('\n', minutes.toString().indexOf(words)) + 1;
    const box = minutes.toString().indexOf('[ ]', lineStart);
    minutes.delete(box + 1, 1);
    minutes.insert(box + 1, 'x');
  });
  expect(await scribe.push(update)).toBe(true);
}

async function planNext(slug: string, key: string) {
  const response = await fetch(`${server.url}/api/calls/${slug}/next`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ key }) });
  expect(response.status).toBe(201);
  const created = createdCallSchema.parse(await response.json());
  return { ...created, key: new URL(created.hostUrl).hash.replace('#key=', '') };
}

async function readCall(slug: string) {
  return callReadSchema.parse(await (await fetch(`${server.url}/api/calls/${slug}`)).json());
}

async function seriesActions(seriesId: string, state: 'open' | 'done') {
  const response = await fetch(`${server.url}/api/series/${seriesId}/actions?state=${state}`);
  expect(response.status).toBe(200);
  return seriesActionsSchema.parse(await response.json());
}

describe('action items from the minutes', () => {
  it('two scribes adding and ticking items at once: the panel event, the record and a newcomer’s join agree', async () => {
    const { created } = await callWithHost(server);
    const attendee = await checkedIn(server, created.slug, 'Ada');
    const panel = watchActions(attendee);
    const [first, second] = [new MinutesClient(server.connect(), created.slug, created.keys.scribe), new MinutesClient(server.connect(), created.slug, created.keys.scribe)];
    await Promise.all([first.ready(), second.ready()]);

    await append(first, '## Release cadence\n\n');
    await second.ready();
    await expect.poll(() => second.text).toContain('Release cadence');
    await Promise.all([
      append(first, '- [ ] @Hugo Write the release notes (due 2026-12-20)\n'),
      append(second, 'Decision: Release every four weeks\n- [ ] @Kai Update the docs\n'),
    ]);
    await expect.poll(() => first.text === second.text && first.text.includes('Update the docs') && first.text.includes('Write the release notes')).toBe(true);
    await Promise.all([tick(first, 'Update the docs'), append(second, '- [ ] Ask the infra team\n')]);

    const expected = [
      { text: 'Write the release notes', owner: 'Hugo', due: '2026-12-20', isDone: false, isCarriedOver: false },
      { text: 'Update the docs', owner: 'Kai', due: null, isDone: true, isCarriedOver: false },
      { text: 'Ask the infra team', owner: null, due: null, isDone: false, isCarriedOver: false },
    ];
    const orderOf = (actions: PublicAction[]) => [...summary(actions)].sort((a, b) => a.text.localeCompare(b.text));
    const sorted = [...expected].sort((a, b) => a.text.localeCompare(b.text));
    await expect.poll(() => orderOf(panel.last?.actions ?? []), { timeout: 5000 }).toEqual(sorted);
    const cadence = (await readCall(created.slug)).call.sections[1]!.items[0]!;
    expect(panel.last!.actions.every((action) => action.itemId === cadence.id)).toBe(true);
    expect(panel.last!.decisions.map(({ text, itemId }) => ({ text, itemId }))).toEqual([{ text: 'Release every four weeks', itemId: cadence.id }]);

    const joined = await joinedActions(created.slug);
    expect(joined).toEqual(panel.last);
    const record = await (await fetch(`${server.url}/api/calls/${created.slug}/minutes.md`)).text();
    const recordPart = record.slice(record.indexOf('## Action items'));
    for (const action of joined.actions) expect(recordPart).toContain(actionLine(action, created.slug));
    expect(record).toContain('## Decisions\n\n- Release every four weeks');
    const checklist = await fetch(`${server.url}/api/calls/${created.slug}/actions.md`);
    expect(checklist.headers.get('content-type')).toContain('text/markdown');
    const checklistText = await checklist.text();
    for (const action of joined.actions) expect(checklistText).toContain(actionLine(action, created.slug));
    expect(checklistText).toContain('Release every four weeks');
  });

  it('reads the minutes at most every 300 ms while a scribe types, and once after the last change', async () => {
    const { created, host } = await callWithHost(server);
    let events = 0;
    const panel = watchActions(host);
    host.on('actions:update', () => {
      events += 1;
    });
    const scribe = new MinutesClient(server.connect(), created.slug, created.keys.scribe);
    await scribe.ready();
    const started = Date.now();
    for (let index = 0; index < 20; index += 1) {
      await append(scribe, `- [ ] Item ${index}\n`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    const typing = Date.now() - started;
    await expect.poll(() => panel.last?.actions.length).toBe(20);
    // One read per 300 ms of typing, the last after it; never one per keystroke (20 here).
    expect(events).toBeLessThanOrEqual(Math.ceil(typing / 300) + 2);
    expect(events).toBeLessThan(20);
  });

  it('action:update from the host sets the owner, the due date and done in the minutes; an attendee is refused', async () => {
    const { created, host } = await callWithHost(server);
    const panel = watchActions(host);
    const scribe = new MinutesClient(server.connect(), created.slug, created.keys.scribe);
    await scribe.ready();
    await append(scribe, 'Notes.\n- [ ] Ask the infra team\n');
    await expect.poll(() => panel.last?.actions.length ?? 0).toBe(1);
    const [action] = panel.last!.actions;

    const attendee = await checkedIn(server, created.slug, 'Ada');
    const refused = await send(attendee, 'action:update', { actionId: action!.id, isDone: true });
    expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await send(host, 'action:update', { actionId: 'nosuchaction', isDone: true })).toMatchObject({ ok: false, error: { code: 'not_found' } });

    await sendOk(host, 'action:update', { actionId: action!.id, owner: 'Ada', due: '2026-12-20', isDone: true });
    await expect.poll(() => scribe.text).toContain('- [x] @Ada Ask the infra team (due 2026-12-20)');
    expect(summary(panel.last!.actions)).toEqual([{ text: 'Ask the infra team', owner: 'Ada', due: '2026-12-20', isDone: true, isCarriedOver: false }]);
    expect(panel.last!.actions[0]!.id).toBe(action!.id);

    await sendOk(host, 'action:update', { actionId: action!.id, owner: null, isDone: false });
    await expect.poll(() => summary(panel.last!.actions)).toEqual([{ text: 'Ask the infra team', owner: null, due: '2026-12-20', isDone: false, isCarriedOver: false }]);
    expect(scribe.text).toContain('- [ ] Ask the infra team (due 2026-12-20)');
  });

  it('carries open items into the next calls of the series, and closing one in a later call closes it for the series', async () => {
    const { created, host } = await callWithHost(server);
    const scribe = new MinutesClient(server.connect(), created.slug, created.keys.scribe);
    await scribe.ready();
    const panel = watchActions(host);
    await append(scribe, '## Demo\n\n- [ ] @Hugo Write the release notes\n- [x] @Kai Tag the release\n');
    await expect.poll(() => panel.last?.actions.length ?? 0).toBe(2);

    const second = await planNext(created.slug, created.keys.host);
    const { call: secondCall, seriesId } = await readCall(second.slug);
    expect(seriesId).toEqual(expect.any(String));
    expect((await readCall(created.slug)).seriesId).toBe(seriesId);
    const review = secondCall.sections[0]!.items[0]!;
    expect(review.title).toBe('Review action items');
    const day = sampleCall.startsAt!.slice(0, 10);
    expect(review.notes).toBe(`- @Hugo Write the release notes (from ${sampleCall.title}, ${day})`);
    expect(secondCall.sections[0]!.items[1]!.title).toBe('Intro round');

    const secondHost = server.connect();
    const joined = await sendOk(secondHost, 'call:join', joinPayload(second.slug, { key: second.key }));
    expect(summary(joined.actions.actions)).toEqual([{ text: 'Write the release notes', owner: 'Hugo', due: null, isDone: false, isCarriedOver: true }]);
    const carried = joined.actions.actions[0]!;
    expect(carried.call).toEqual({ slug: created.slug, title: sampleCall.title, startsAt: expect.any(String) });
    expect(await send(secondHost, 'action:update', { actionId: carried.id, owner: 'Ada' })).toMatchObject({ ok: false, error: { code: 'invalid_state' } });
    const secondRecord = await (await fetch(`${server.url}/api/calls/${second.slug}/minutes.md`)).text();
    expect(secondRecord).toContain(actionLine(carried, second.slug));
    expect(actionLine(carried, second.slug)).toContain(`(from ${sampleCall.title}`);

    // The second call does not review it; the third does (its copied review item lists it again) and closes it.
    const third = await planNext(second.slug, second.key);
    const thirdReviews = (await readCall(third.slug)).call.sections[0]!.items.filter((item) => item.title === 'Review action items');
    expect(thirdReviews.map((item) => item.notes)).toEqual([review.notes]);
    const thirdHost = server.connect();
    const thirdPanel = watchActions(thirdHost);
    const inThird = await sendOk(thirdHost, 'call:join', joinPayload(third.slug, { key: third.key }));
    expect(inThird.actions.actions.map((action) => action.id)).toEqual([carried.id]);
    await sendOk(thirdHost, 'action:update', { actionId: carried.id, isDone: true });
    await expect.poll(() => thirdPanel.last?.actions[0]).toMatchObject({ id: carried.id, isDone: true, isCarriedOver: true, closedAt: expect.any(String) });

    const done = await seriesActions(seriesId!, 'done');
    // By owner: Hugo's, then Kai's.
    expect(done.actions.map(({ text, isDone, closedAt }) => ({ text, isDone, isClosed: closedAt !== null }))).toEqual([
      { text: 'Write the release notes', isDone: true, isClosed: true },
      { text: 'Tag the release', isDone: true, isClosed: false },
    ]);
    expect(done.actions[0]!.call.url).toBe(`${server.url}/c/${created.slug}`);
    expect((await seriesActions(seriesId!, 'open')).actions).toEqual([]);
    expect((await joinedActions(second.slug)).actions).toEqual([]);
    const fourth = await planNext(third.slug, third.key);
    expect((await readCall(fourth.slug)).call.sections[0]!.items[0]).toMatchObject({ title: 'Review action items', notes: 'No open action items.' });
  });

  it('lists the items of a past call imported into a series, and answers 404 and 400 where it should', async () => {
    const first = await createCall(server.url);
    const response = await fetch(`${server.url}/api/calls?seriesOf=${first.slug}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${first.keys.host}` },
      body: JSON.stringify({ ...sampleCall, startsAt: '2024-03-07T17:30', minutes: '## Demo\n\nAI (Hugo): Write the release notes\nDecision: Ship it\n' }),
    });
    expect(response.status).toBe(201);
    const imported = createdCallSchema.parse(await response.json());
    const { seriesId } = await readCall(imported.slug);
    const open = await seriesActions(seriesId!, 'open');
    expect(open.actions.map(({ text, owner, call }) => ({ text, owner, slug: call.slug }))).toEqual([{ text: 'Write the release notes', owner: 'Hugo', slug: imported.slug }]);
    expect(open.decisions.map((decision) => decision.text)).toEqual(['Ship it']);
    expect((await joinedActions(first.slug)).actions.map((action) => [action.text, action.isCarriedOver])).toEqual([['Write the release notes', true]]);

    expect((await fetch(`${server.url}/api/series/nosuchseries/actions`)).status).toBe(404);
    expect((await fetch(`${server.url}/api/series/${seriesId}/actions?state=closed`)).status).toBe(400);
    expect((await fetch(`${server.url}/api/calls/nosuchcall/actions.md`)).status).toBe(404);
  });
});
