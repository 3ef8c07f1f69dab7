import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callListSchema } from '@/lib/protocol/schedule';
import { callReadSchema, httpErrorBodySchema, importedSeriesSchema, type PublicCall } from '@/lib/protocol';
import { MinutesClient } from '../../testing/minutes-client';
import { checkedIn, createCall, joinPayload, sampleCall, sendOk, startTestServer } from '../../testing/test-server';

type TestServer = Awaited<ReturnType<typeof startTestServer>>;
let a: TestServer;
let b: TestServer;
beforeAll(async () => {
  [a, b] = await Promise.all([startTestServer(), startTestServer()]);
});
afterAll(() => Promise.all([a.close(), b.close()]));

const keyOf = (url: string) => new URL(url).hash.replace('#key=', '');

async function readCall(server: TestServer, slug: string) {
  return callReadSchema.parse(await (await fetch(`${server.url}/api/calls/${slug}`)).json());
}

async function record(server: TestServer, slug: string): Promise<string> {
  return (await fetch(`${server.url}/api/calls/${slug}/minutes.md`)).text();
}

/** Waits until the call's `document` holds `text`: action items are read out of the minutes, reactions stored, on short timers. */
async function waitFor(server: TestServer, slug: string, document: 'minutes.md' | 'actions.md', text: string): Promise<string> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const current = await (await fetch(`${server.url}/api/calls/${slug}/${document}`)).text();
    if (current.includes(text)) return current;
    if (Date.now() > deadline) throw new Error(`The record of ${slug} never showed ${text}:\n${current}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function appendMinutes(scribe: MinutesClient, text: string): Promise<void> {
  await scribe.ready();
  expect(await scribe.push(scribe.edit((minutes) => minutes.insert(minutes.length, text)))).toBe(true);
}

/**
 * On server A: a first call (unicode title, check-ins with affiliations, questions in every state with votes and
 * answers, a poll of each kind with answers, reactions, minutes with action items and a decision, an intro round);
 * a second call of its series that closes the first call's open item; a third one still to come.
 */
async function buildSeries() {
  const first = await createCall(a.url, { ...sampleCall, title: 'Café ☕ community call — Zürich', startsAt: '2026-11-05T17:30' });
  const host = a.connect();
  await sendOk(host, 'call:join', joinPayload(first.slug, { key: first.keys.host }));
  await sendOk(host, 'participant:checkIn', { displayName: 'Kai', affiliation: 'Roundtable' });
  const ada = await checkedIn(a, first.slug, 'Ada Łovelace', { affiliation: 'Analytical Engines' });
  const bo = await checkedIn(a, first.slug, 'Bo 李', { affiliation: 'Zürich Uni' });
  await sendOk(host, 'call:start', {});
  await sendOk(host, 'intro:start', {});
  for (let step = 0; step < 3; step += 1) await sendOk(host, 'intro:next', {});
  const lts = (await sendOk(ada, 'qa:ask', { text: 'When is the next LTS? 🚀' })).question;
  const anonymous = (await sendOk(bo, 'qa:ask', { text: 'Will ARM64 be GA?\nAnd when?', isAnonymous: true })).question;
  const spam = (await sendOk(bo, 'qa:ask', { text: 'Buy cheap watches' })).question;
  for (const voter of [ada, bo]) await sendOk(voter, 'qa:vote', { questionId: anonymous.id });
  await sendOk(host, 'qa:pin', { questionId: lts.id });
  await sendOk(host, 'qa:answer', { questionId: lts.id, answer: 'In the next release.', answeredBy: 'Kai' });
  await sendOk(host, 'qa:dismiss', { questionId: spam.id });
  const cadence = (await sendOk(host, 'poll:create', { question: 'Which cadence?', kind: 'single', options: ['Monthly', 'Quarterly'] })).poll;
  const food = (await sendOk(host, 'poll:create', { question: 'Pizza or pasta?', kind: 'multiple', options: ['Pizza', 'Pasta'], isNamed: true })).poll;
  const words = (await sendOk(host, 'poll:create', { question: 'One word for this call', kind: 'text' })).poll;
  await sendOk(host, 'poll:create', { question: 'Never opened', kind: 'rating' });
  for (const poll of [cadence, food, words]) await sendOk(host, 'poll:open', { pollId: poll.id });
  await sendOk(ada, 'poll:answer', { pollId: cadence.id, optionIds: [cadence.options[0]!.id] });
  await sendOk(bo, 'poll:answer', { pollId: cadence.id, optionIds: [cadence.options[1]!.id] });
  await sendOk(ada, 'poll:answer', { pollId: food.id, optionIds: [food.options[0]!.id, food.options[1]!.id] });
  await sendOk(ada, 'poll:answer', { pollId: words.id, text: 'Gemütlich' });
  await sendOk(bo, 'poll:answer', { pollId: words.id, text: 'Fast' });
  await sendOk(host, 'poll:close', { pollId: cadence.id });
  for (const emoji of ['👏', '👏', '🎉']) await sendOk(ada, 'reaction:send', { emoji });
  const scribe = new MinutesClient(a.connect(), first.slug, first.keys.scribe);
  await appendMinutes(scribe, '## Release cadence\n\nWe talked about ünïcödé.\n\n- [ ] @ada Write the release notes (due 2026-12-20)\n- [ ] @bo Fix the docs\n\nDecision: We ship monthly.\n');
  await waitFor(a, first.slug, 'actions.md', 'Fix the docs');
  await waitFor(a, first.slug, 'minutes.md', '👏 2');
  await sendOk(host, 'call:end', {});

  const nextResponse = await fetch(`${a.url}/api/calls?seriesOf=${first.slug}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${first.keys.host}` },
    body: JSON.stringify({ ...sampleCall, title: 'Second call', startsAt: '2030-01-10T17:30' }),
  });
  expect(nextResponse.status).toBe(201);
  const second = await nextResponse.json().then((body: { slug: string; hostUrl: string; scribeUrl: string }) => ({ ...body, keys: { host: keyOf(body.hostUrl), scribe: keyOf(body.scribeUrl) } }));
  const secondHost = a.connect();
  const joined = await sendOk(secondHost, 'call:join', joinPayload(second.slug, { key: second.keys.host }));
  await sendOk(secondHost, 'participant:checkIn', { displayName: 'Kai' });
  const docs = joined.actions.actions.find((action) => action.text === 'Fix the docs')!;
  await sendOk(secondHost, 'action:update', { actionId: docs.id, isDone: true });
  const secondScribe = new MinutesClient(a.connect(), second.slug, second.keys.scribe);
  await appendMinutes(secondScribe, 'AI: @kai Plan the third call\n');
  await waitFor(a, second.slug, 'actions.md', 'Plan the third call');

  const thirdResponse = await fetch(`${a.url}/api/calls?seriesOf=${first.slug}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${first.keys.host}` },
    body: JSON.stringify({ ...sampleCall, title: 'Third call', startsAt: '2030-02-07T17:30' }),
  });
  expect(thirdResponse.status).toBe(201);
  const third = (await thirdResponse.json()) as { slug: string };
  const { seriesId } = await readCall(a, first.slug);
  return { seriesId: seriesId!, slugs: [first.slug, second.slug, third.slug], hostKey: second.keys.host };
}

async function exportSeries(server: TestServer, seriesId: string, key: string): Promise<Response> {
  return fetch(`${server.url}/api/series/${seriesId}/export`, { headers: { authorization: `Bearer ${key}` } });
}

async function importArchive(server: TestServer, body: Uint8Array): Promise<Response> {
  return fetch(`${server.url}/api/series/import`, { method: 'POST', headers: { 'content-type': 'application/zip' }, body: new Uint8Array(body) });
}

/** The archive's files as text, but for the manifest's time stamp. */
function filesOf(archive: Uint8Array): Record<string, string> {
  const files = Object.fromEntries(Object.entries(unzipSync(archive)).map(([path, bytes]) => [path, strFromU8(bytes)]));
  const manifest = JSON.parse(files['roundtable-export.json']!) as { exportedAt: string };
  files['roundtable-export.json'] = JSON.stringify({ ...manifest, exportedAt: 'then' });
  return files;
}

/** What any attendee sees of a call, without what is the server's own: ids, the address. */
function withoutIds(call: PublicCall) {
  const itemIds = call.sections.flatMap((section) => section.items.map((item) => item.id));
  return {
    ...call,
    slug: undefined,
    currentItemId: call.currentItemId === null ? null : itemIds.indexOf(call.currentItemId),
    intro: call.intro && { ...call.intro, order: call.intro.order.length },
    links: call.links.map(({ id: _id, ...link }) => link),
    sections: call.sections.map(({ id: _id, items, ...section }) => ({ ...section, items: items.map(({ id: _itemId, ...item }) => item) })),
  };
}

async function countCalls(server: TestServer): Promise<number> {
  let total = 0;
  for (const view of ['upcoming', 'live', 'past']) {
    total += callListSchema.parse(await (await fetch(`${server.url}/api/calls?view=${view}&limit=100`)).json()).calls.length;
  }
  return total;
}

describe('moving a series from one server to another', () => {
  let series: Awaited<ReturnType<typeof buildSeries>>;
  let archive: Uint8Array;
  beforeAll(async () => {
    series = await buildSeries();
    const response = await exportSeries(a, series.seriesId, series.hostKey);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/zip');
    expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="cafe-community-call-zurich-roundtable\.zip"; filename\*=UTF-8''Caf%C3%A9/);
    archive = new Uint8Array(await response.arrayBuffer());
  }, 60_000);

  it('exports every call with its state and the exact record, and no secret', async () => {
    const files = filesOf(archive);
    const manifest = JSON.parse(files['roundtable-export.json']!) as { format: string; version: number; series: { title: string }; calls: { folder: string; title: string }[] };
    expect(manifest).toMatchObject({ format: 'roundtable-export', version: 1, series: { title: 'Café ☕ community call — Zürich' } });
    expect(manifest.calls.map((call) => call.folder)).toEqual(['01-cafe-community-call-zurich', '02-second-call', '03-third-call']);
    for (const [index, { folder }] of manifest.calls.entries()) {
      expect(files[`${folder}/minutes.md`]).toBe(await record(a, series.slugs[index]!));
    }
    const first = JSON.parse(files['01-cafe-community-call-zurich/call.json']!) as Record<string, unknown>;
    expect(first).toMatchObject({
      status: 'ended',
      attendees: [{ displayName: 'Kai' }, { displayName: 'Ada Łovelace', affiliation: 'Analytical Engines' }, { displayName: 'Bo 李', affiliation: 'Zürich Uni' }],
      questions: [
        { text: 'When is the next LTS? 🚀', state: 'answered', answer: 'In the next release.', author: 1 },
        { text: 'Will ARM64 be GA?\nAnd when?', isAnonymous: true, authorName: '', author: null, votes: 2 },
        { text: 'Buy cheap watches', state: 'dismissed' },
      ],
      actions: [
        { text: 'Write the release notes', owner: 'ada', due: '2026-12-20', isDone: false, closedIn: null },
        { text: 'Fix the docs', owner: 'bo', isDone: false, closedIn: '02-second-call' },
      ],
      decisions: [{ text: 'We ship monthly.' }],
      polls: [
        { question: 'Which cadence?', status: 'closed', options: ['Monthly', 'Quarterly'], answers: [{ attendee: null, choices: [0] }, { attendee: null, choices: [1] }] },
        { question: 'Pizza or pasta?', isNamed: true, answers: [{ attendee: 1, choices: [0, 1] }] },
        { question: 'One word for this call', kind: 'text', answers: [{ attendee: null, text: 'Gemütlich' }, { attendee: null, text: 'Fast' }] },
        { question: 'Never opened', status: 'draft', answers: [] },
      ],
      reactions: [
        { item: 0, emoji: '🎉', count: 1 },
        { item: 0, emoji: '👏', count: 2 },
      ],
      intro: { status: 'done', order: [0, 1, 2] },
    });
    const everything = Object.values(files).join('\n');
    for (const slug of series.slugs) expect(everything).not.toContain(slug);
    expect(everything).not.toContain(series.hostKey);
    expect(everything).not.toMatch(/hostKey|scribeKey|token|secret/i);
  });

  it('imports into another server as a new series that serves the same records and exports the same archive', async () => {
    const response = await importArchive(b, archive);
    expect(response.status).toBe(201);
    const imported = importedSeriesSchema.parse(await response.json());
    expect(imported.notices).toEqual([]);
    expect(imported.calls.map((call) => call.title)).toEqual(['Café ☕ community call — Zürich', 'Second call', 'Third call']);
    for (const [index, call] of imported.calls.entries()) {
      expect(call.slug).not.toBe(series.slugs[index]);
      expect(await record(b, call.slug)).toBe(await record(a, series.slugs[index]!));
      const [before, after] = [await readCall(a, series.slugs[index]!), await readCall(b, call.slug)];
      expect(after.seriesId).toBe(imported.seriesId);
      expect(withoutIds(after.call)).toEqual(withoutIds(before.call));
    }
    const again = await exportSeries(b, imported.seriesId, keyOf(imported.calls[2]!.hostUrl));
    expect(again.status).toBe(200);
    expect(filesOf(new Uint8Array(await again.arrayBuffer()))).toEqual(filesOf(archive));
    // The new host key is the host's: it opens the call as host on server B.
    const host = b.connect();
    const { role } = await sendOk(host, 'call:join', joinPayload(imported.calls[0]!.slug, { key: keyOf(imported.calls[0]!.hostUrl) }));
    expect(role).toBe('host');
  });

  it('exports one call on its own with its host key', async () => {
    const slug = series.slugs[1]!;
    const call = await readCall(a, slug);
    expect(call.call.title).toBe('Second call');
    const refused = await fetch(`${a.url}/api/calls/${slug}/export`, { headers: { authorization: 'Bearer wrong' } });
    expect(refused.status).toBe(403);
    const response = await fetch(`${a.url}/api/calls/${slug}/export`, { headers: { authorization: `Bearer ${series.hostKey}` } });
    expect(response.status).toBe(200);
    const files = filesOf(new Uint8Array(await response.arrayBuffer()));
    expect(Object.keys(files).sort()).toEqual(['01-second-call/call.json', '01-second-call/minutes.md', 'roundtable-export.json']);
    expect(files['01-second-call/minutes.md']).toBe(await record(a, slug));
  });

  it('refuses a wrong key with 403 and an unknown series with 404', async () => {
    const wrong = await exportSeries(a, series.seriesId, 'not-the-key');
    expect(wrong.status).toBe(403);
    expect(httpErrorBodySchema.parse(await wrong.json()).error.code).toBe('forbidden');
    const missing = await exportSeries(a, 'no-such-series', series.hostKey);
    expect(missing.status).toBe(404);
    expect(httpErrorBodySchema.parse(await missing.json()).error.code).toBe('not_found');
  });

  it('refuses a broken archive with 400 naming the file, and creates nothing', async () => {
    const files = unzipSync(archive);
    const withFile = (path: string, text: string) => zipSync({ ...files, [path]: strToU8(text) });
    const manifest = JSON.parse(strFromU8(files['roundtable-export.json']!)) as Record<string, unknown>;
    const state = JSON.parse(strFromU8(files['02-second-call/call.json']!)) as { questions: unknown[] };
    const before = await countCalls(b);
    const cases: [Uint8Array, string][] = [
      [strToU8('not a zip at all'), 'archive'],
      [withFile('roundtable-export.json', JSON.stringify({ ...manifest, version: 2 })), 'roundtable-export.json › version'],
      [withFile('02-second-call/call.json', JSON.stringify({ ...state, questions: [{ text: '' }] })), '02-second-call/call.json › questions › 0'],
      [withFile('03-third-call/call.json', '{ not json'), '03-third-call/call.json'],
    ];
    for (const [body, path] of cases) {
      const response = await importArchive(b, body);
      expect(response.status).toBe(400);
      const { error } = httpErrorBodySchema.parse(await response.json());
      expect(error.issues?.map((issue) => issue.path).some((issuePath) => issuePath.startsWith(path))).toBe(true);
    }
    expect(await countCalls(b)).toBe(before);
  });

  it('reports files it does not import in the notices', async () => {
    const response = await importArchive(b, zipSync({ ...unzipSync(archive), 'notes/README.txt': strToU8('mine') }));
    expect(response.status).toBe(201);
    expect(importedSeriesSchema.parse(await response.json()).notices).toEqual([{ file: 'notes/README.txt', message: expect.stringContaining('not imported') }]);
  });

  it('refuses an archive over 20 MB with 413', async () => {
    const response = await importArchive(b, new Uint8Array(20 * 1024 * 1024 + 1));
    expect(response.status).toBe(413);
    expect(httpErrorBodySchema.parse(await response.json()).error.message).toContain('20 MB');
  });
});
