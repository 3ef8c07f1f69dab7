import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PublicCall } from '@/lib/protocol';
import { MinutesClient } from '../../testing/minutes-client';
import { createCall, joinPayload, sampleCall, sendOk, startTestServer } from '../../testing/test-server';

let server: Awaited<ReturnType<typeof startTestServer>>;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

type Headers = Record<string, string>;
const post = (body: BodyInit, contentType: string, query = '', headers: Headers = {}) =>
  fetch(`${server.url}/api/calls${query}`, { method: 'POST', headers: { 'content-type': contentType, ...headers }, body });
const postJson = (body: unknown, query = '', headers: Headers = {}) => post(JSON.stringify(body), 'application/json', query, headers);
const postMarkdown = (markdown: BodyInit, query = '', headers: Headers = {}) => post(markdown, 'text/markdown; charset=utf-8', query, headers);

async function created(response: Response): Promise<{ slug: string; hostUrl: string; notices: { line: number; message: string }[] }> {
  if (response.status !== 201) throw new Error(`expected 201, got ${response.status} ${await response.text()}`);
  return response.json();
}
async function publicCall(slug: string): Promise<PublicCall> {
  return (await (await fetch(`${server.url}/api/calls/${slug}`)).json()).call;
}
const minutesOf = async (slug: string) => (await fetch(`${server.url}/api/calls/${slug}/minutes.md`)).text();
const hostKeyOf = (hostUrl: string) => new URL(hostUrl).hash.replace('#key=', '');

const pastCall = {
  title: 'Flatcar Container Linux community call',
  startsAt: '2021-07-13T17:30',
  timezone: 'Europe/Berlin',
  plannedMinutes: 60,
  links: [{ label: 'Slide deck', url: 'https://example.org/2021-07-13-slides.pdf' }],
  sections: [
    { title: 'News', items: [{ title: 'Release 2905', presenter: 'Thilo', plannedMinutes: 10 }] },
    { title: 'Q&A', items: [{ title: 'Open floor' }] },
  ],
  minutes: '## Release 2905\n\n- Stable promoted on Monday.\n- cgroups v2 is the default now.',
  questions: [
    { text: 'Is ARM64 stable yet?', authorName: 'Lee', answer: 'Yes, since the last release.', answeredBy: 'Kai', isAnswered: true },
    { text: 'When does the next LTS branch?', authorName: 'Sam', isAnswered: false },
  ],
  attendees: [
    { displayName: 'Kai Tanaka', affiliation: 'Microsoft', isTeam: true },
    { displayName: 'Lee Chen', affiliation: 'Acme', reason: 'Runs Flatcar on ARM' },
    { displayName: 'Sam Okafor' },
  ],
  introOrder: ['Lee Chen', 'Sam Okafor', 'Kai Tanaka'],
};

describe('POST /api/calls: when the call starts', () => {
  it('takes ISO instants with Z or an offset, and a local time with its timezone', async () => {
    const zulu = await publicCall((await created(await postJson({ ...sampleCall, startsAt: '2026-12-03T16:30:00Z', timezone: undefined }))).slug);
    expect(zulu).toMatchObject({ startsAt: '2026-12-03T16:30:00.000Z', timezone: 'UTC' });
    const offset = await publicCall((await created(await postJson({ ...sampleCall, startsAt: '2026-12-03T18:30:00+02:00', timezone: 'Europe/Berlin' }))).slug);
    expect(offset).toMatchObject({ startsAt: '2026-12-03T16:30:00.000Z', timezone: 'Europe/Berlin' });
    const local = await publicCall((await created(await postJson({ ...sampleCall, startsAt: '2026-12-03T08:30', timezone: 'America/Los_Angeles' }))).slug);
    expect(local).toMatchObject({ startsAt: '2026-12-03T16:30:00.000Z', timezone: 'America/Los_Angeles' });
  });

  it('refuses a local time without a timezone, which it would have to guess', async () => {
    const response = await postJson({ ...sampleCall, startsAt: '2026-12-03T17:30', timezone: undefined });
    expect(response.status).toBe(400);
    expect((await response.json()).error.issues).toEqual([{ path: 'timezone', message: expect.stringContaining('IANA timezone') }]);
  });

  it('creates a call without a date as to be announced, lists it after the dated ones and has no calendar event for it', async () => {
    const tba = await created(await postJson({ ...sampleCall, title: 'Date to be announced', startsAt: undefined, timezone: undefined }));
    expect(await publicCall(tba.slug)).toMatchObject({ startsAt: null, status: 'scheduled' });
    const withNull = await created(await postJson({ ...sampleCall, startsAt: null, timezone: 'Europe/Berlin' }));
    expect(await publicCall(withNull.slug)).toMatchObject({ startsAt: null, timezone: 'Europe/Berlin' });
    const dated = await createCall(server.url, { ...sampleCall, startsAt: '2099-01-01T10:00' });

    const slugs: (string | null)[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
      const page = await (await fetch(`${server.url}/api/calls?view=upcoming&limit=3${query}`)).json();
      for (const call of page.calls) slugs.push(call.slug);
      if (page.calls.some((call: { slug: string }) => call.slug === tba.slug)) {
        expect(page.calls.find((call: { slug: string }) => call.slug === tba.slug).startsAt).toBeNull();
      }
      cursor = page.nextCursor;
    } while (cursor);
    expect(slugs).toContain(tba.slug);
    expect(slugs.indexOf(dated.slug)).toBeLessThan(slugs.indexOf(tba.slug));
    expect(new Set(slugs).size).toBe(slugs.length);

    const calendar = await fetch(`${server.url}/api/calls/${tba.slug}/calendar.ics`);
    expect(calendar.status).toBe(409);
    expect((await calendar.json()).error).toEqual({ code: 'no_date', message: expect.stringContaining('to be announced') });
    expect((await fetch(`${server.url}/api/calls/${dated.slug}/calendar.ics`)).status).toBe(200);
  });

  it('plans a to-be-announced call after a to-be-announced one, unless a start is given', async () => {
    const tba = await created(await postJson({ ...sampleCall, startsAt: undefined, timezone: 'Europe/Berlin', documentsBaseUrl: 'https://example.org/docs/' }));
    const plan = (body: Record<string, unknown>) =>
      fetch(`${server.url}/api/calls/${tba.slug}/next`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ key: hostKeyOf(tba.hostUrl), ...body }) });
    const next = await publicCall((await created(await plan({}))).slug);
    expect(next).toMatchObject({ startsAt: null, timezone: 'Europe/Berlin', documentsBaseUrl: 'https://example.org/docs/' });
    const dated = await publicCall((await created(await plan({ startsAt: '2027-02-01T17:30' }))).slug);
    expect(dated).toMatchObject({ startsAt: '2027-02-01T16:30:00.000Z', documentsBaseUrl: 'https://example.org/docs/' });
  });
});

describe('POST /api/calls: documents', () => {
  it('dates a yearless agenda from ?filename= and keeps relative links with the documents base URL', async () => {
    const markdown = '# Flatcar community call, Tuesday, 13th of July, 17:30 CEST\n\n- [Slide deck](2021-07-13-slides.pdf)\n\n## News\n- Release (10m)\n';
    const result = await created(await postMarkdown(markdown, '?filename=2021-07-13.md&documentsBaseUrl=https%3A%2F%2Fexample.org%2Fcalls%2F'));
    const call = await publicCall(result.slug);
    expect(call).toMatchObject({ startsAt: '2021-07-13T15:30:00.000Z', timezone: 'Europe/Berlin', documentsBaseUrl: 'https://example.org/calls/' });
    expect(call.links).toMatchObject([{ label: 'Slide deck', url: '2021-07-13-slides.pdf' }]);

    const fromJson = await created(await postJson({ markdown, filename: '2021-07-13.md' }));
    expect((await publicCall(fromJson.slug)).startsAt).toBe('2021-07-13T15:30:00.000Z');
    const withoutName = await created(await postMarkdown(markdown));
    expect(withoutName.notices).toEqual(expect.arrayContaining([expect.objectContaining({ message: expect.stringContaining('no year') })]));
  });

  it('answers a document without a date with 201, a call to be announced and a notice', async () => {
    const result = await created(await postMarkdown('# SIG Docs weekly\n\n## Triage\n- PR backlog (20 min) @sam\n'));
    expect(result.notices).toEqual(expect.arrayContaining([{ line: expect.any(Number), message: expect.stringContaining('to be announced') }]));
    expect(await publicCall(result.slug)).toMatchObject({ title: 'SIG Docs weekly', startsAt: null, sections: [{ title: 'Triage' }] });
  });

  it('refuses only an empty, binary, non-UTF-8 or oversized body, each with its own code and message', async () => {
    const refusals = [
      [await postMarkdown(''), 400, 'empty'],
      [await postMarkdown(' \n\t\r\n'), 400, 'empty'],
      [await postJson({ markdown: '   ' }), 400, 'empty'],
      [await post('', 'application/json'), 400, 'empty'],
      [await postMarkdown(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x08, 0x00])), 415, 'unreadable'],
      [await postMarkdown(new Uint8Array([0x23, 0x20, 0x43, 0x61, 0x66, 0xe9, 0x20, 0x63, 0x61, 0x6c, 0x6c])), 415, 'unreadable'],
      [await postJson({ markdown: '# Call\u0000\u0001' }), 415, 'unreadable'],
      [await postMarkdown(`# Call\n\n${'- an item\n'.repeat(110_000)}`), 413, 'too_large'],
    ] as const;
    for (const [response, status, code] of refusals) {
      expect([response.status, (await response.json()).error]).toEqual([status, { code, message: expect.stringMatching(/\w{3,}.*\./) }]);
    }
    const notUtf8 = await postMarkdown(new Uint8Array([0x23, 0x20, 0x43, 0x61, 0x66, 0xe9]));
    expect((await notUtf8.json()).error.message).toContain('UTF-8');
  });

  it('reads a UTF-16 file with its byte-order mark and a UTF-8 one with a byte-order mark', async () => {
    const text = '# Café call on 2026-12-03 17:30 UTC\n\n## Welcome\n- Hi\n';
    const utf16 = new Uint8Array([0xff, 0xfe, ...new Uint8Array(new Uint16Array([...text].map((character) => character.charCodeAt(0))).buffer)]);
    expect((await publicCall((await created(await postMarkdown(utf16))).slug)).title).toBe('Café call');
    const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(text)]);
    expect((await publicCall((await created(await postMarkdown(bom))).slug)).title).toBe('Café call');
  });
});

describe('POST /api/calls: the record of a past call', () => {
  it('creates an ended call whose minutes.md holds its minutes, answered questions, attendees and intro order', async () => {
    const result = await created(await postJson(pastCall));
    const call = await publicCall(result.slug);
    expect(call).toMatchObject({ status: 'ended', startsAt: '2021-07-13T15:30:00.000Z', startedAt: '2021-07-13T15:30:00.000Z' });
    const record = await minutesOf(result.slug);
    expect(record).toContain('- Stable promoted on Monday.\n- cgroups v2 is the default now.');
    expect(record).toMatch(/Q \(Lee\): Is ARM64 stable yet\?\n\s*\* A \(Kai\): Yes, since the last release\./);
    expect(record).toContain('Q (Sam): When does the next LTS branch?');
    expect(record).toContain('* Kai Tanaka (Microsoft) — team');
    expect(record).toContain('* Lee Chen (Acme): Runs Flatcar on ARM');
    expect(record).toContain('### Intro round\n\n1. Lee Chen\n2. Sam Okafor\n3. Kai Tanaka');
    const past = await (await fetch(`${server.url}/api/calls?view=past&limit=100`)).json();
    expect(past.calls.map((listed: { slug: string }) => listed.slug)).toContain(result.slug);
  });

  it('opens the imported minutes in the shared minutes document and lists them in the history', async () => {
    const result = await created(await postJson(pastCall));
    const scribe = new MinutesClient(server.connect(), result.slug, hostKeyOf(result.hostUrl));
    await scribe.ready();
    expect(scribe.text).toBe(pastCall.minutes);
    const host = server.connect();
    await sendOk(host, 'call:join', joinPayload(result.slug, { key: hostKeyOf(result.hostUrl) }));
    const { snapshots } = await sendOk(host, 'minutes:history', {});
    expect(snapshots).toHaveLength(1);
    expect((await sendOk(host, 'minutes:snapshot', { snapshotId: snapshots[0]!.id })).text).toBe(pastCall.minutes);
    // A scribe's later edit lands on top of the imported text.
    await scribe.push(scribe.edit((text) => text.insert(text.length, '\n- Added after the call.')));
    expect(await minutesOf(result.slug)).toContain('- cgroups v2 is the default now.\n- Added after the call.');
  });

  it('stores a record at the limits in one go: 100 sections, 2,000 attendees, 1,000 questions', { timeout: 120_000 }, async () => {
    const big = {
      ...pastCall,
      sections: Array.from({ length: 100 }, (_, section) => ({ title: `Section ${section}`, items: Array.from({ length: 20 }, (_, item) => ({ title: `Item ${section}.${item}` })) })),
      attendees: Array.from({ length: 2000 }, (_, index) => ({ displayName: `Attendee ${index}`, affiliation: 'Acme' })),
      questions: Array.from({ length: 1000 }, (_, index) => ({ text: `Question ${index}?`, authorName: `Attendee ${index}`, answer: 'Yes.', isAnswered: index % 2 === 0 })),
      introOrder: ['Attendee 1999', 'Attendee 0'],
    };
    const result = await created(await postJson(big));
    const call = await publicCall(result.slug);
    expect(call.sections).toHaveLength(100);
    expect(call.sections[99]!.items.at(-1)!.title).toBe('Item 99.19');
    const record = await minutesOf(result.slug);
    expect(record).toContain('* Attendee 1999 (Acme)');
    expect(record).toContain('Q (Attendee 999): Question 999?');
    expect(record.indexOf('Question 998?')).toBeLessThan(record.indexOf('Question 999?'));
    expect(record).toContain('### Intro round\n\n1. Attendee 1999\n2. Attendee 0');
  });

  it('imports its own minutes.md back into the same call', async () => {
    const original = await created(await postJson(pastCall));
    const exported = await minutesOf(original.slug);
    const reimported = await created(await postMarkdown(exported, '?filename=minutes.md'));
    const [before, after] = [await publicCall(original.slug), await publicCall(reimported.slug)];
    const agenda = (call: PublicCall) => ({
      ...Object.fromEntries((['title', 'description', 'startsAt', 'timezone', 'plannedMinutes', 'status'] as const).map((key) => [key, call[key]])),
      links: call.links.map(({ label, url }) => ({ label, url })),
      sections: call.sections.map(({ title, notes, items }) => ({ title, notes, items: items.map(({ id: _id, ...item }) => item) })),
    });
    expect(agenda(after)).toEqual(agenda(before));
    expect(exported).toContain('cgroups v2 is the default now.');
    expect(await minutesOf(reimported.slug)).toBe(exported);
  });
});

describe('POST /api/calls: archives', () => {
  it('adds a call to the series of another only with that call’s host key', async () => {
    const first = await created(await postJson(pastCall));
    const key = hostKeyOf(first.hostUrl);
    const document = '# Flatcar community call on 2021-07-27 17:30 CEST\n\n## News\n- More news\n';

    const wrong = await postMarkdown(document, `?seriesOf=${first.slug}`, { authorization: 'Bearer not-the-key' });
    expect([wrong.status, (await wrong.json()).error.code]).toEqual([403, 'forbidden']);
    const missing = await postMarkdown(document, `?seriesOf=${first.slug}`);
    expect(missing.status).toBe(403);
    const unknown = await postMarkdown(document, '?seriesOf=nosuchcall', { authorization: `Bearer ${key}` });
    expect(unknown.status).toBe(404);
    const wrongInBody = await postJson({ markdown: document, seriesOf: { slug: first.slug, key: 'nope' } });
    expect(wrongInBody.status).toBe(403);
    const invalid = await postJson({ title: '', seriesOf: { slug: first.slug, key } });
    expect(invalid.status).toBe(400);
    const pastCalls = async () => (await (await fetch(`${server.url}/api/calls?view=past&limit=100`)).json()).calls as { slug: string; seriesId: string | null }[];
    expect((await pastCalls()).find((summary) => summary.slug === first.slug)?.seriesId).toBeNull();

    const second = await created(await postMarkdown(document, `?seriesOf=${first.slug}`, { authorization: `Bearer ${key}` }));
    const third = await created(await postJson({ markdown: document.replace('07-27', '08-10'), seriesOf: { slug: first.slug, key } }));
    const summaries = await pastCalls();
    const seriesOf = (slug: string) => summaries.find((summary) => summary.slug === slug)?.seriesId;
    expect(seriesOf(first.slug)).toEqual(expect.any(String));
    expect([seriesOf(second.slug), seriesOf(third.slug)]).toEqual([seriesOf(first.slug), seriesOf(first.slug)]);
  });

  it('lets a host upload more files than the create limit allows into one series', async () => {
    const limited = await startTestServer({ rateLimits: { callsPerMinute: 2, apiPerMinute: 100 } });
    try {
      const create = (body: string, query = '', headers: Headers = {}) =>
        fetch(`${limited.url}/api/calls${query}`, { method: 'POST', headers: { 'content-type': 'text/markdown', ...headers }, body });
      const first = await created(await create('# Call one\n\n## A\n- a\n'));
      const auth = { authorization: `Bearer ${hostKeyOf(first.hostUrl)}` };
      const statuses: number[] = [];
      for (let index = 0; index < 6; index += 1) statuses.push((await create(`# Call ${index}\n\n## A\n- a\n`, `?seriesOf=${first.slug}`, auth)).status);
      expect(statuses).toEqual([201, 201, 201, 201, 201, 201]);
      // The archive upload of the UI names the series in a JSON body: it is counted again once the key checks out.
      const series = { slug: first.slug, key: hostKeyOf(first.hostUrl) };
      const fromJson: number[] = [];
      for (let index = 0; index < 6; index += 1) {
        const body = JSON.stringify({ markdown: `# Call ${index}\n`, filename: `2021-07-${10 + index}.md`, seriesOf: series });
        fromJson.push((await fetch(`${limited.url}/api/calls`, { method: 'POST', headers: { 'content-type': 'application/json' }, body })).status);
      }
      expect(fromJson).toEqual([201, 201, 201, 201, 201, 201]);
      const plain = [(await create('# Call x\n')).status, (await create('# Call y\n')).status];
      expect(plain).toEqual([201, 429]);
    } finally {
      await limited.close();
    }
  });
});
