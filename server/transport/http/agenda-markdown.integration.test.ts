import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCallMarkdown } from '@/lib/markdown/import';
import type { PublicCall } from '@/lib/protocol';
import { createCall, startTestServer } from '../../testing/test-server';

let server: Awaited<ReturnType<typeof startTestServer>>;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const postMarkdown = (markdown: string, query = '') =>
  fetch(`${server.url}/api/calls${query}`, { method: 'POST', headers: { 'content-type': 'text/markdown; charset=utf-8' }, body: markdown });

function countCalls(): number {
  const database = new Database(server.databaseUrl.replace(/^file:/, ''), { readonly: true });
  try {
    const row: unknown = database.prepare('SELECT COUNT(*) AS count FROM "Call"').get();
    return row && typeof row === 'object' && 'count' in row ? Number(row.count) : NaN;
  } finally {
    database.close();
  }
}

async function publicCall(slug: string): Promise<PublicCall> {
  const body = await (await fetch(`${server.url}/api/calls/${slug}`)).json();
  return body.call;
}

/** The agenda as a comparable value: everything but ids and live state. */
function agendaOf(call: PublicCall) {
  return {
    title: call.title,
    description: call.description,
    startsAt: call.startsAt,
    timezone: call.timezone,
    plannedMinutes: call.plannedMinutes,
    links: call.links.map(({ label, url }) => ({ label, url })),
    sections: call.sections.map(({ title, notes, items }) => ({
      title,
      notes,
      items: items.map(({ title: itemTitle, notes: itemNotes, presenter, plannedMinutes }) => ({ title: itemTitle, notes: itemNotes, presenter, plannedMinutes })),
    })),
  };
}

// Pasted from a community wiki: CRLF, blank-line runs, emoji, a tab-nested note, an empty section, unknown headings.
const messyAgenda = [
  '# Agenda for the Jenkins 🎩 community call on Thursday, December 3, 2026, 17:30 CET',
  '',
  '',
  'Monthly call, everyone welcome. Recorded.',
  '## Links for participants',
  '',
  '* [Slides](https://example.org/slides)',
  '+ Live stream: https://example.org/live',
  '',
  '## 👋 Welcome',
  '- Intro round (5m)',
  '\t- new faces first',
  '- NEW: contributor summit (10 min) @Kai Tanaka',
  '',
  '## Spotlight: release process',
  '',
  '',
  '## Status update: ARM64 🚀',
  'Builds are green since Tuesday.',
  '### Open questions',
  '| Arch | State |',
  '|------|-------|',
  '| arm64 | ✅ |',
  '- Toolchain (15 min) @ada',
  '## Q&A',
  '- Open floor',
].join('\r\n');

describe('POST /api/calls with a Markdown agenda', () => {
  it('creates the call from text/markdown and answers with the links and notices', async () => {
    const response = await postMarkdown(messyAgenda);
    expect(response.status).toBe(201);
    const created = await response.json();
    expect(created.hostUrl).toMatch(/#key=/);
    expect(created.notices).toEqual([]);
    const call = agendaOf(await publicCall(created.slug));
    // The exact notes layout is the parser's (lib/markdown/import); the server stores what it reads.
    expect(call).toMatchObject({
      title: 'Jenkins 🎩 community call',
      startsAt: '2026-12-03T16:30:00.000Z',
      timezone: 'Europe/Berlin',
      plannedMinutes: 60,
      links: [
        { label: 'Slides', url: 'https://example.org/slides' },
        { label: 'Live stream', url: 'https://example.org/live' },
      ],
    });
    expect(call.description).toContain('Monthly call, everyone welcome. Recorded.');
    expect(call.sections.map((section) => section.title)).toEqual(['👋 Welcome', 'Spotlight: release process', 'Status update: ARM64 🚀', 'Q&A']);
    expect(call.sections[0]!.items).toMatchObject([
      { title: 'Intro round', notes: expect.stringContaining('new faces first'), presenter: '', plannedMinutes: 5 },
      { title: 'NEW: contributor summit', presenter: 'Kai Tanaka', plannedMinutes: 10 },
    ]);
    expect(call.sections[2]!.notes).toContain('Builds are green since Tuesday.');
    expect(call.sections[2]!.notes).toContain('| arm64 | ✅ |');
    expect(call.sections[2]!.items).toMatchObject([{ title: 'Toolchain', presenter: 'ada', plannedMinutes: 15 }]);
  });

  it('accepts JSON { markdown, ...overrides } and query parameters for what the Markdown lacks', async () => {
    const noStart = '# Kubernetes SIG Docs weekly\n\n## Triage\n- PR backlog (20 min) @sam';
    const fromJson = await createCall(server.url, { markdown: noStart, startsAt: '2027-01-14T09:00', timezone: 'America/New_York', plannedMinutes: 45 });
    expect(agendaOf(await publicCall(fromJson.slug))).toMatchObject({
      title: 'Kubernetes SIG Docs weekly',
      startsAt: '2027-01-14T14:00:00.000Z',
      plannedMinutes: 45,
      sections: [{ title: 'Triage', items: [{ title: 'PR backlog', presenter: 'sam', plannedMinutes: 20 }] }],
    });
    const response = await postMarkdown(noStart, '?startsAt=2027-01-14T09:00&timezone=UTC&plannedMinutes=30');
    expect(response.status).toBe(201);
    const created = await response.json();
    expect(agendaOf(await publicCall(created.slug))).toMatchObject({ startsAt: '2027-01-14T09:00:00.000Z', timezone: 'UTC', plannedMinutes: 30 });
    // An ISO instant overrides too; the timezone given names the call's zone.
    const instant = await postMarkdown(noStart, `?startsAt=${encodeURIComponent('2027-01-14T09:00:00+02:00')}&timezone=Europe/Helsinki`);
    expect(agendaOf(await publicCall((await instant.json()).slug))).toMatchObject({ startsAt: '2027-01-14T07:00:00.000Z', timezone: 'Europe/Helsinki' });
  });

  it('round-trips through the server: agenda.md imported again gives the same agenda', async () => {
    const first = await (await postMarkdown(messyAgenda)).json();
    const exported = await fetch(`${server.url}/api/calls/${first.slug}/agenda.md`);
    expect(exported.status).toBe(200);
    expect(exported.headers.get('content-type')).toBe('text/markdown; charset=utf-8');
    expect(exported.headers.get('content-disposition')).toMatch(/^inline/);
    const markdown = await exported.text();
    expect(markdown.split('\n')[0]).toBe('# Agenda for the Jenkins 🎩 community call on Thursday, December 3, 2026, 17:30–18:30 CET');
    expect(parseCallMarkdown(markdown)).toMatchObject({ ok: true, notices: [] });

    const second = await (await postMarkdown(markdown)).json();
    expect(agendaOf(await publicCall(second.slug))).toEqual(agendaOf(await publicCall(first.slug)));
    expect(await (await fetch(`${server.url}/api/calls/${second.slug}/agenda.md`)).text()).toBe(markdown);
  });

  it('creates a call from a document with a placeholder link and a start without a timezone, with notices', async () => {
    const response = await postMarkdown('# Call on 2026-12-03 17:30\r\n\r\n## Links for participants\r\n- Slides: TBD\r\n## Welcome\r\n- Hi\r\n');
    expect(response.status).toBe(201);
    const created = await response.json();
    expect(created.notices).toEqual(
      expect.arrayContaining([
        { line: 4, message: expect.stringContaining('TBD') },
        { line: 1, message: expect.stringContaining('read as UTC') },
      ]),
    );
    expect(await publicCall(created.slug)).toMatchObject({ startsAt: '2026-12-03T17:30:00.000Z', timezone: 'UTC', links: [] });
  });

  it('creates a call it cannot date as to be announced instead of guessing, and says so', async () => {
    const before = countCalls();
    const response = await postMarkdown('# Kubernetes SIG Docs weekly\n## Welcome\n- Hi');
    expect(response.status).toBe(201);
    const created = await response.json();
    expect(created.notices).toEqual(expect.arrayContaining([{ line: 1, message: expect.stringContaining('to be announced') }]));
    expect(await publicCall(created.slug)).toMatchObject({ startsAt: null, status: 'scheduled', timezone: 'UTC' });
    expect(countCalls()).toBe(before + 1);
  });
});
