import { describe, expect, it } from 'vitest';
import { parseAgendaMarkdown, type AgendaDraft } from './agenda-import';

function draftOf(markdown: string): AgendaDraft {
  const result = parseAgendaMarkdown(markdown);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.draft;
}

const messy = [
  '\uFEFF# Agenda for the Jenkins 🎩 community call on Thursday, December 3, 2026, 17:30 CET',
  '',
  'Welcome everyone! 🎉',
  '',
  '',
  '## Links for participants',
  '- [Slides](https://example.org/slides)',
  '* Live stream: https://youtube.com/live/x',
  '',
  '## 👋 Welcome',
  '',
  '',
  '- Intro round (5m)',
  '\t- say hi',
  '\t\t+ deeper',
  '- NEW: release notes (10 min) @Kai Tanaka',
  '  continuation text',
  '',
  'Some paragraph.',
  '',
  '### Details',
  '| a | b |',
  '|---|---|',
  '',
  '## Spotlight: release process',
  '',
  '## Status update: ARM64',
  '+ Builds (@ada)',
  '1. Tests - 15 min',
  '    * flaky on Windows',
].join('\r\n');

describe('parseAgendaMarkdown', () => {
  it('reads a messy real-world agenda: BOM, CRLF, emoji, tabs, blank lines, *, + and numbered bullets', () => {
    const result = parseAgendaMarkdown(messy);
    expect(result).toMatchObject({ ok: true, notices: [] });
    const draft = draftOf(messy);
    expect(draft).toMatchObject({
      title: 'Jenkins 🎩 community call',
      description: 'Welcome everyone! 🎉',
      startsAt: '2026-12-03T17:30',
      timezone: 'Europe/Berlin',
      links: [
        { label: 'Slides', url: 'https://example.org/slides' },
        { label: 'Live stream', url: 'https://youtube.com/live/x' },
      ],
    });
    expect(draft.sections.map((section) => section.title)).toEqual(['👋 Welcome', 'Spotlight: release process', 'Status update: ARM64']);
    expect(draft.sections[0]).toEqual({
      title: '👋 Welcome',
      notes: 'Some paragraph.\n\n### Details\n| a | b |\n|---|---|',
      items: [
        { title: 'Intro round', notes: 'say hi\n    + deeper', presenter: '', plannedMinutes: 5 },
        { title: 'NEW: release notes', notes: 'continuation text', presenter: 'Kai Tanaka', plannedMinutes: 10 },
      ],
    });
    expect(draft.sections[1]).toEqual({ title: 'Spotlight: release process', notes: '', items: [] });
    expect(draft.sections[2]!.items).toEqual([
      { title: 'Builds', notes: '', presenter: 'ada', plannedMinutes: null },
      { title: 'Tests', notes: 'flaky on Windows', presenter: '', plannedMinutes: 15 },
    ]);
  });

  it.each([
    ['Thursday, December 3, 2026, 17:30 CET', '2026-12-03T17:30', 'Europe/Berlin'],
    ['Thu 3 Dec 2026 5:30 PM CEST', '2026-12-03T17:30', 'Europe/Berlin'],
    ['2026-12-03 17:30 UTC', '2026-12-03T17:30', 'UTC'],
    ['Dec 3rd, 2026 at 9am PST', '2026-12-03T09:00', 'America/Los_Angeles'],
    ['December 3, 2026, 10:00 EST', '2026-12-03T10:00', 'America/New_York'],
    ['3 December 2026, 18:00 JST', '2026-12-03T18:00', 'Asia/Tokyo'],
    ['2026-12-03T17:30 Europe/Paris', '2026-12-03T17:30', 'Europe/Paris'],
  ])('reads the start in "%s"', (when, startsAt, timezone) => {
    const result = parseAgendaMarkdown(`# Agenda for the Jenkins call on ${when}\n## Welcome\n- Hi`);
    expect(result.ok && result.draft).toMatchObject({ title: 'Jenkins call', startsAt, timezone });
    expect(result.ok && result.notices).toEqual(expect.not.arrayContaining([expect.objectContaining({ message: expect.stringContaining('timezone') })]));
  });

  it('reads a time range as the planned length', () => {
    expect(draftOf('# Jenkins call – Dec 3 2026, 5:30 - 6:45 PM UTC\n## A')).toMatchObject({ startsAt: '2026-12-03T17:30', plannedMinutes: 75 });
  });

  it.each([
    ['Thursday, December 3, 17:30 CET', 'no year', { timezone: 'Europe/Berlin' }],
    ['Thursday, December 3, 2026, 17:30 CST', 'can mean', { startsAt: '2026-12-03T17:30' }],
    ['Thursday, December 3, 2026, 17:30 XYZT', 'not one we know', { startsAt: '2026-12-03T17:30' }],
    ['Thursday, December 3, 2026', 'no start time', { title: 'Jenkins call' }],
    ['03/04/2026 17:30 UTC', 'could be March 4', { timezone: 'UTC' }],
  ])('leaves what it cannot read in "%s" absent and says so', (when, notice, expected) => {
    const result = parseAgendaMarkdown(`# Agenda for the Jenkins call on ${when}\n\n## Welcome`);
    if (!result.ok) throw new Error('expected ok');
    expect(result.draft).toMatchObject(expected);
    expect('startsAt' in result.draft && 'timezone' in result.draft).toBe(false);
    expect(result.notices).toEqual(expect.arrayContaining([{ line: 1, message: expect.stringMatching(new RegExp(`^Line 1: .*${notice}`)) }]));
  });

  it('notes a weekday that does not match the date and an abbreviation out of season', () => {
    const result = parseAgendaMarkdown('# Call on Wednesday, July 2, 2026, 17:30 CET\n## A');
    expect(result.ok && result.draft.startsAt).toBe('2026-07-02T17:30');
    const messages = result.ok ? result.notices.map((notice) => notice.message).join('\n') : '';
    expect(messages).toContain('is a Thursday');
    expect(messages).toContain('CET is not in effect');
  });

  it('keeps a title without a date and asks for the start', () => {
    const result = parseAgendaMarkdown('# Jenkins on ARM call\n## Q&A');
    expect(result.ok && result.draft).toEqual({ title: 'Jenkins on ARM call', description: '', links: [], sections: [{ title: 'Q&A', notes: '', items: [] }] });
    expect(result.ok && result.notices[0]!.message).toMatch(/^Line 1: .*no start date/);
  });

  it('keeps unknown content: text before the title, stray # headings, code blocks and non-link lines under the links', () => {
    const draft = draftOf(
      ['Preamble', '# Call on 2026-12-03 17:30 UTC', '## Links', '- Slides: https://example.org/s', 'See you there', '## Demo', '```', '## not a section', '- not an item', '```', '# Stray', '- Item'].join('\n'),
    );
    expect(draft.description).toBe('Preamble\nSee you there');
    expect(draft.sections).toEqual([
      { title: 'Demo', notes: '```\n## not a section\n- not an item\n```\n# Stray', items: [{ title: 'Item', notes: '', presenter: '', plannedMinutes: null }] },
    ]);
  });

  it('reads presenters and minutes in the forms people write', () => {
    const items = draftOf('# C\n## S\n- @kai: Release plan\n- Demo [1h] @ada, @bo\n- Ask @sam about the thing\n- Docs (presenter: kai tanaka)\n- Long (900 min)').sections[0]!.items;
    expect(items.map(({ title, presenter, plannedMinutes }) => [title, presenter, plannedMinutes])).toEqual([
      ['Release plan', 'kai', null],
      ['Demo', 'ada, bo', 60],
      ['Ask @sam about the thing', '', null],
      ['Docs', 'kai tanaka', null],
      ['Long (900 min)', '', null],
    ]);
  });

  it.each([
    ['', 1, 'empty'],
    ['\r\n  \n', 1, 'empty'],
    ['just some words', 1, 'does not look like an agenda'],
    ['# Call\n## Links for participants\n- Slides: TBD', 3, 'has no URL'],
    ['# Call\n\n##\n- x', 3, 'no title'],
    [`# ${'x'.repeat(201)}\n## A`, 1, 'longer than 200'],
    [`# Call\n## S\n- ${'y'.repeat(201)}`, 3, 'longer than 200'],
    [`# Call\n${Array.from({ length: 51 }, (_, index) => `## S${index}`).join('\n')}`, 52, 'at most 50 sections'],
    [`# Call\n## Links\n${Array.from({ length: 21 }, (_, index) => `- L${index}: https://x.org/${index}`).join('\n')}`, 23, 'at most 20 links'],
    [`# Call\n## S\n${Array.from({ length: 101 }, (_, index) => `- I${index}`).join('\n')}`, 103, 'at most 100 items'],
  ])('rejects malformed input with a line number (%#)', (markdown, line, message) => {
    const result = parseAgendaMarkdown(markdown);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors[0]).toEqual({ line, message: expect.stringContaining(message) });
    expect(result.errors[0]!.message).toMatch(new RegExp(`^Line ${line}: `));
  });
});
