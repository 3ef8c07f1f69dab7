import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callListSchema, createdCallSchema, type CallList } from '@/lib/protocol/schedule';
import { utcToZonedLocal, zonedLocalToUtc } from '@/lib/time';
import { createCall, joinPayload, sampleCall, sendOk, startTestServer } from '../../testing/test-server';

type TestServer = Awaited<ReturnType<typeof startTestServer>>;
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

async function listCalls(query: string): Promise<CallList> {
  const response = await fetch(`${server.url}/api/calls?${query}`);
  expect(response.status).toBe(200);
  return callListSchema.parse(await response.json());
}

async function publicCall(slug: string) {
  const response = await fetch(`${server.url}/api/calls/${slug}`);
  expect(response.status).toBe(200);
  return ((await response.json()) as { call: { startsAt: string; timezone: string; [key: string]: unknown } }).call;
}

function postNext(slug: string, body: unknown, contentType = 'application/json') {
  return fetch(`${server.url}/api/calls/${slug}/next`, { method: 'POST', headers: { 'content-type': contentType }, body: JSON.stringify(body) });
}

/** Agenda and links without their ids, for comparing a copy with its template. */
function templateOf(call: Record<string, unknown>) {
  const { sections, links } = call as { sections: { title: string; notes: string; items: { id: string }[] }[]; links: { id: string }[] };
  return {
    links: links.map(({ id: _id, ...link }) => link),
    sections: sections.map((section) => ({ title: section.title, notes: section.notes, items: section.items.map(({ id: _id, ...item }) => item) })),
  };
}

describe('GET /api/calls/<slug>/calendar.ics', () => {
  it('serves a valid, folded and escaped calendar starting at the stored UTC start', async () => {
    const title = 'Release call 🎉, with ünïcode; and a long title that must certainly be folded over lines';
    const created = await createCall(server.url, { ...sampleCall, title });
    const response = await fetch(`${server.url}/api/calls/${created.slug}/calendar.ics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="release-call-with-unicode-and-a-long-title-that-must-certain.ics"');

    const text = new TextDecoder('utf-8', { fatal: true }).decode(await response.arrayBuffer());
    const physical = text.split('\r\n');
    expect(physical.at(-1)).toBe('');
    for (const line of physical) {
      expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
      expect(line).not.toMatch(/[\r\n]/);
    }
    const lines = text.replace(/\r\n[ \t]/g, '').split('\r\n').slice(0, -1);
    const value = (name: string) => lines.find((line) => line.startsWith(`${name}:`))?.slice(name.length + 1);
    expect(lines[0]).toBe('BEGIN:VCALENDAR');
    expect(lines.at(-1)).toBe('END:VCALENDAR');
    expect(value('UID')).toBe(`${created.slug}@roundtable`);
    expect(value('SUMMARY')).toBe('Release call 🎉\\, with ünïcode\\; and a long title that must certainly be folded over lines');

    const stored = await publicCall(created.slug);
    const start = new Date(stored.startsAt);
    const asIcs = (date: Date) => date.toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/[-:]/g, '');
    expect(value('DTSTART')).toBe(asIcs(start));
    expect(value('DTEND')).toBe(asIcs(new Date(start.getTime() + 60 * 60_000)));
    expect(value('URL')).toBe(created.publicUrl);
    expect(value('DESCRIPTION')).toContain('- Release cadence (Kai\\, 15 mins)');
  });

  it('answers 404 for an unknown call', async () => {
    const response = await fetch(`${server.url}/api/calls/nosuchcall/calendar.ics`);
    expect(response.status).toBe(404);
    expect((await response.json()).error.code).toBe('not_found');
  });
});

describe('GET /api/calls', () => {
  let listServer: TestServer;
  const slugs: Record<string, string> = {};
  const list = async (query: string) => {
    const response = await fetch(`${listServer.url}/api/calls?${query}`);
    expect(response.status).toBe(200);
    return callListSchema.parse(await response.json());
  };

  beforeAll(async () => {
    listServer = await startTestServer();
    const make = async (name: string, startsAt: string, timezone = 'Europe/Berlin') => {
      const created = await createCall(listServer.url, { ...sampleCall, title: name, startsAt, timezone });
      slugs[name] = created.slug;
      return created;
    };
    await make('later', '2030-01-10T10:00');
    await make('sooner', '2030-01-05T10:00');
    // Started two hours ago without being opened: still upcoming within the grace period.
    await make('overdue', utcToZonedLocal(new Date(Date.now() - 2 * 3_600_000), 'UTC'), 'UTC');
    await make('stale', '2020-01-01T10:00');
    const live = await make('live', '2030-02-01T10:00');
    const ended = await make('ended', '2030-03-01T10:00');
    for (const [created, commands] of [
      [live, ['call:start']],
      [ended, ['call:start', 'call:end']],
    ] as const) {
      const host = listServer.connect();
      await sendOk(host, 'call:join', joinPayload(created.slug, { key: created.keys.host }));
      for (const command of commands) await sendOk(host, command, {});
    }
  });
  afterAll(() => listServer.close());

  const namesOf = (page: CallList) => page.calls.map((call) => Object.keys(slugs).find((name) => slugs[name] === call.slug));

  it('lists upcoming calls by start, live calls, and past calls newest first', async () => {
    expect(namesOf(await list('view=upcoming'))).toEqual(['overdue', 'sooner', 'later']);
    expect(namesOf(await list('view=live'))).toEqual(['live']);
    expect(namesOf(await list('view=past'))).toEqual(['ended', 'stale']);
    expect(namesOf(await list(''))).toEqual(['overdue', 'sooner', 'later']);
  });

  it('returns public summaries only', async () => {
    const page = await list('view=live');
    expect(page.calls[0]).toEqual({
      slug: slugs.live,
      title: 'live',
      startsAt: zonedLocalToUtc('2030-02-01T10:00', 'Europe/Berlin').toISOString(),
      timezone: 'Europe/Berlin',
      plannedMinutes: 60,
      status: 'live',
      seriesId: null,
    });
    expect(page.nextCursor).toBeNull();
  });

  it('pages with limit and cursor', async () => {
    const first = await list('view=upcoming&limit=2');
    expect(namesOf(first)).toEqual(['overdue', 'sooner']);
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = await list(`view=upcoming&limit=2&cursor=${encodeURIComponent(first.nextCursor ?? '')}`);
    expect(namesOf(second)).toEqual(['later']);
    expect(second.nextCursor).toBeNull();
    const past = await list('view=past&limit=1');
    expect(namesOf(past)).toEqual(['ended']);
    expect(namesOf(await list(`view=past&limit=1&cursor=${past.nextCursor ?? ''}`))).toEqual(['stale']);
  });

  it('refuses a bad query with 400 and the problems listed', async () => {
    for (const query of ['view=soon', 'limit=0', 'limit=101', 'limit=abc', 'limit=2.5', 'cursor=garbage', 'cursor=12.a%2Fb']) {
      const response = await fetch(`${listServer.url}/api/calls?${query}`);
      expect(response.status, query).toBe(400);
      const body = await response.json();
      expect(body.error.code).toBe('invalid_payload');
      expect(body.error.issues.length).toBeGreaterThan(0);
    }
  });
});

describe('POST /api/calls/<slug>/next', () => {
  it('refuses anyone but the host with 403 and creates nothing', async () => {
    const original = await createCall(server.url, { ...sampleCall, title: 'Refused', startsAt: '2031-05-01T10:00' });
    const countBefore = (await listCalls('view=upcoming&limit=100')).calls.length;
    for (const key of [original.keys.scribe, 'x'.repeat(43), 'short']) {
      const response = await postNext(original.slug, { key });
      expect(response.status).toBe(403);
      expect((await response.json()).error.code).toBe('forbidden');
    }
    expect((await postNext(original.slug, {})).status).toBe(400);
    expect((await postNext(original.slug, { key: original.keys.host, startsAt: 'tomorrow' })).status).toBe(400);
    expect((await postNext(original.slug, { key: original.keys.host }, 'text/plain')).status).toBe(415);
    expect((await postNext('nosuchcall', { key: original.keys.host })).status).toBe(404);
    const after = await listCalls('view=upcoming&limit=100');
    expect(after.calls.length).toBe(countBefore);
    expect(after.calls.find((call) => call.slug === original.slug)?.seriesId).toBeNull();
  });

  it('copies the agenda into a new call two weeks later, keeps the wall-clock time across DST and links the series', async () => {
    // Berlin switches to summer time on 31 March 2030.
    const first = await createCall(server.url, { ...sampleCall, title: 'Series call', startsAt: '2030-03-25T17:30' });
    const response = await postNext(first.slug, { key: first.keys.host });
    expect(response.status).toBe(201);
    const second = createdCallSchema.parse(await response.json());
    expect(second.publicUrl).toBe(`${server.url}/c/${second.slug}`);
    expect(second.hostUrl).toMatch(new RegExp(`^${second.publicUrl}#key=[\\w-]{43}$`));
    expect(second.scribeUrl).toMatch(new RegExp(`^${second.publicUrl}#key=[\\w-]{43}$`));

    const [template, copy] = [await publicCall(first.slug), await publicCall(second.slug)];
    expect(copy).toMatchObject({ title: 'Series call', description: sampleCall.description, timezone: 'Europe/Berlin', plannedMinutes: 60, status: 'scheduled' });
    expect(templateOf(copy)).toEqual(templateOf(template));
    expect(templateOf(copy).sections[1]?.items[0]).toEqual({ title: 'Release cadence', notes: '', presenter: 'Kai', plannedMinutes: 15 });
    expect(copy.startsAt).toBe(zonedLocalToUtc('2030-04-08T17:30', 'Europe/Berlin').toISOString());
    expect(copy.startsAt).toBe('2030-04-08T15:30:00.000Z');

    const summaries = (await listCalls('view=upcoming&limit=100')).calls;
    const seriesOf = (slug: string) => summaries.find((call) => call.slug === slug)?.seriesId;
    expect(seriesOf(first.slug)).toEqual(expect.any(String));
    expect(seriesOf(second.slug)).toBe(seriesOf(first.slug));

    // From the new call, at a chosen date one week later, then by the series' new rhythm.
    const secondKey = new URL(second.hostUrl).hash.replace('#key=', '');
    const third = createdCallSchema.parse(await (await postNext(second.slug, { key: secondKey, startsAt: '2030-04-15T17:30' })).json());
    const thirdKey = new URL(third.hostUrl).hash.replace('#key=', '');
    const fourthResponse = await postNext(third.slug, { key: thirdKey });
    expect(fourthResponse.status).toBe(201);
    const fourth = createdCallSchema.parse(await fourthResponse.json());
    expect((await publicCall(third.slug)).startsAt).toBe(zonedLocalToUtc('2030-04-15T17:30', 'Europe/Berlin').toISOString());
    expect((await publicCall(fourth.slug)).startsAt).toBe(zonedLocalToUtc('2030-04-22T17:30', 'Europe/Berlin').toISOString());

    const after = (await listCalls('view=upcoming&limit=100')).calls;
    const series = after.filter((call) => call.seriesId === seriesOf(first.slug)).map((call) => call.slug);
    expect(series).toEqual([first.slug, second.slug, third.slug, fourth.slug]);
  });

  it('copies the polls, drafts included, as unanswered drafts with new ids, tied to the copied agenda items', async () => {
    const first = await createCall(server.url, { ...sampleCall, title: 'Polled call', startsAt: '2031-06-02T17:30' });
    const host = server.connect();
    const { snapshot } = await sendOk(host, 'call:join', joinPayload(first.slug, { key: first.keys.host }));
    await sendOk(host, 'participant:checkIn', { displayName: 'Kai' });
    const cadenceItem = snapshot.call.sections[1]!.items[0]!;
    const create = async (input: Record<string, unknown>) => (await sendOk(host, 'poll:create', input)).poll;
    const topics = await create({ question: 'Which topics next?', kind: 'multiple', options: ['Docs', 'CI', 'ARM64'], maxChoices: 2, itemId: cadenceItem.id, showResults: 'closed', isNamed: true });
    const mood = await create({ question: 'How was it?', kind: 'rating' });
    const gone = await create({ question: 'Deleted', kind: 'text' });
    await create({ question: 'Still a draft', kind: 'text', itemId: snapshot.call.sections[0]!.items[0]!.id });
    await sendOk(host, 'call:start', {});
    for (const poll of [topics, mood]) await sendOk(host, 'poll:open', { pollId: poll.id });
    await sendOk(host, 'poll:answer', { pollId: topics.id, optionIds: [topics.options[0]!.id] });
    await sendOk(host, 'poll:answer', { pollId: mood.id, rating: 4 });
    await sendOk(host, 'poll:close', { pollId: topics.id });
    await sendOk(host, 'poll:delete', { pollId: gone.id });

    const response = await postNext(first.slug, { key: first.keys.host, carryOverQuestions: false });
    expect(response.status).toBe(201);
    const next = createdCallSchema.parse(await response.json());
    const nextHost = server.connect();
    const joined = await sendOk(nextHost, 'call:join', joinPayload(next.slug, { key: new URL(next.hostUrl).hash.replace('#key=', '') }));
    const items = joined.snapshot.call.sections.flatMap((section) => section.items);
    expect(joined.snapshot.polls.map(({ question, kind, options, maxChoices, itemId, showResults, isNamed, status, openedAt }) => ({
      question,
      kind,
      labels: options.map((option) => option.label),
      maxChoices,
      itemId,
      showResults,
      isNamed,
      status,
      openedAt,
    }))).toEqual([
      { question: 'Which topics next?', kind: 'multiple', labels: ['Docs', 'CI', 'ARM64'], maxChoices: 2, itemId: items[1]!.id, showResults: 'closed', isNamed: true, status: 'draft', openedAt: null },
      { question: 'How was it?', kind: 'rating', labels: [], maxChoices: null, itemId: null, showResults: 'live', isNamed: false, status: 'draft', openedAt: null },
      { question: 'Still a draft', kind: 'text', labels: [], maxChoices: null, itemId: items[0]!.id, showResults: 'live', isNamed: false, status: 'draft', openedAt: null },
    ]);
    const copied = joined.snapshot.polls[0]!;
    expect(copied.id).not.toBe(topics.id);
    expect(copied.options.map((option) => option.id).filter((id) => topics.options.some((old) => old.id === id))).toEqual([]);
    expect(items[1]!.title).toBe('Release cadence');
    expect(joined.snapshot.pollResults).toEqual({});
    expect(joined.myPollAnswers).toEqual({});
    // Attendees see none of the drafts; the copies open and take answers like any poll.
    expect((await sendOk(server.connect(), 'call:join', joinPayload(next.slug))).snapshot.polls).toEqual([]);
    await sendOk(nextHost, 'call:start', {});
    await sendOk(nextHost, 'participant:checkIn', { displayName: 'Kai' });
    await sendOk(nextHost, 'poll:open', { pollId: copied.id });
    expect(await sendOk(nextHost, 'poll:answer', { pollId: copied.id, optionIds: [copied.options[2]!.id] })).toEqual({ ok: true });
    // The first call keeps its polls and answers.
    const record = await (await fetch(`${server.url}/api/calls/${first.slug}/minutes.md`)).text();
    expect(record).toContain('- Docs: 1 (100 %)');
  });
});
