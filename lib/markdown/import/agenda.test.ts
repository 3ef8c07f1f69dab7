import { describe, expect, it } from 'vitest';
import { readItemLine } from '../agenda-lines';
import { importCall } from './test-support';

const shape = (items: { title: string; presenter: string; plannedMinutes: number | null }[]) => items.map(({ title, presenter, plannedMinutes }) => [title, presenter, plannedMinutes]);

describe('sections and items', () => {
  it('reads a messy agenda: BOM, CRLF, emoji, tabs, blank lines, *, + and numbered bullets', () => {
    const messy = [
      '\uFEFF# Agenda for the Jenkins 🎩 community call on Thursday, December 3, 2026, 17:30 CET',
      '', 'Welcome everyone! 🎉', '', '', '## Links for participants', '- [Slides](https://example.org/slides)', '* Live stream: https://youtube.com/live/x', '',
      '## 👋 Welcome', '', '', '- Intro round (5m)', '\t- say hi', '\t\t+ deeper', '- NEW: release notes (10 min) @Kai Tanaka', '  continuation text', '', 'Some paragraph.', '',
      '### Details', '| a | b |', '|---|---|', '', '## Spotlight: release process', '', '## Status update: ARM64', '+ Builds (@ada)', '1. Tests - 15 min', '    * flaky on Windows',
    ].join('\r\n');
    const { draft, notices } = importCall(messy);
    expect(notices).toEqual([]);
    expect(draft).toMatchObject({ title: 'Jenkins 🎩 community call', description: 'Welcome everyone! 🎉', startsAt: '2026-12-03T17:30', timezone: 'Europe/Berlin' });
    expect(draft.links.map((link) => link.label)).toEqual(['Slides', 'Live stream']);
    expect(draft.sections.map((section) => [section.title, section.line])).toEqual([['👋 Welcome', 10], ['Spotlight: release process', 25], ['Status update: ARM64', 27]]);
    expect(draft.sections[0]!.notes).toBe('Some paragraph.\n\n### Details\n\n| a | b |\n|---|---|');
    expect(draft.sections[0]!.items).toEqual([
      { title: 'Intro round', notes: '- say hi\n\t+ deeper', presenter: '', plannedMinutes: 5, line: 13 },
      { title: 'NEW: release notes', notes: 'continuation text', presenter: 'Kai Tanaka', plannedMinutes: 10, line: 16 },
    ]);
    expect(shape(draft.sections[2]!.items)).toEqual([['Builds', 'ada', null], ['Tests', '', 15]]);
    expect(draft.sections[2]!.items[1]!.notes).toBe('* flaky on Windows');
  });

  it('reads H3-only documents and lone bold lines as sections', () => {
    const h3 = importCall('### Call Agenda\n\nIntro text.\n\n### Breakout A\n\n* One\n\n### Logistics\n\n#### Times\n\nChair: Peter\n').draft;
    expect(h3.title).toBe('Call Agenda');
    expect(h3.sections.map((section) => [section.title, section.notes])).toEqual([['Breakout A', ''], ['Logistics', '#### Times\n\nChair: Peter']]);
    const bold = importCall('# Team sync\n\n**Agenda**\n\n1. Triage\n2. Release\n\n**Open floor**\n\nAnything else.\n').draft;
    expect(bold.sections.map((section) => [section.title, section.items.length, section.notes])).toEqual([['Agenda', 2, ''], ['Open floor', 0, 'Anything else.']]);
  });

  it('keeps tables, HTML blocks, code blocks and block quotes verbatim in the section notes', () => {
    const markdown = '# C\n\n## S\n\n| Who | What |\n| --- | --- |\n| Ada | ARM |\n\n<details><summary>More</summary>\n\n</details>\n\n```yaml\n## not a section\n- not an item\n```\n\n> quoted\n> - not an item\n\n<!-- a comment -->\n';
    const section = importCall(markdown).draft.sections[0]!;
    expect(section.items).toEqual([]);
    expect(section.notes).toBe('| Who | What |\n| --- | --- |\n| Ada | ARM |\n\n<details><summary>More</summary>\n\n</details>\n\n```yaml\n## not a section\n- not an item\n```\n\n> quoted\n> - not an item\n\n<!-- a comment -->');
  });

  it('reads a table with a timebox column as items', () => {
    const markdown = '# C\n\n## Agenda\n\n| Time | Topic | Presenter | Link |\n| --- | --- | --- | --- |\n| 10 min | Release plan | Ada | [doc](d.md) |\n| 5m | Q&A | | |\n';
    const items = importCall(markdown).draft.sections[0]!.items;
    expect(items.map(({ title, presenter, plannedMinutes, notes, line }) => [title, presenter, plannedMinutes, notes, line])).toEqual([
      ['Release plan', 'Ada', 10, 'Link: doc', 7],
      ['Q&A', '', 5, '', 8],
    ]);
  });

  it('keeps nested content as Markdown notes, with its nesting and 4-space indents', () => {
    const markdown = '# C\n\n## S\n\n1. Opening\n    1. Welcome\n        - twice nested\n    1. Roll call\n\n    A paragraph under the item.\n  3. Mis-indented item\n5.  Double space\n';
    const items = importCall(markdown).draft.sections[0]!.items;
    expect(items.map((item) => item.title)).toEqual(['Opening', 'Mis-indented item', 'Double space']);
    expect(items[0]!.notes).toBe('1. Welcome\n    - twice nested\n1. Roll call\n\nA paragraph under the item.');
  });

  it('puts the links of an item line in its notes, the video timestamp out of the title', () => {
    const items = importCall('# C\n\n## S\n\n* [Review of IMSC-HRM](https://github.com/w3ctag/design-reviews/issues/788) - @rhiaro, @hadleybeeman\n1. [[3:59](https://youtu.be/x?t=239)] EIP update [Facilitator: Hudson]\n').draft.sections[0]!.items;
    expect(items[0]).toMatchObject({ title: 'Review of IMSC-HRM', presenter: 'rhiaro, hadleybeeman', notes: '[Review of IMSC-HRM](https://github.com/w3ctag/design-reviews/issues/788)' });
    expect(items[1]).toMatchObject({ title: 'EIP update', presenter: 'Hudson', notes: '[3:59](https://youtu.be/x?t=239)' });
  });

  it('cuts an over-long title at a word boundary and moves the rest to its notes, with a notice', () => {
    const long = `${'word '.repeat(50)}end`;
    const { draft, notices } = importCall(`# C\n\n## S\n\n- ${long}\n  - nested\n`);
    const item = draft.sections[0]!.items[0]!;
    expect(item.title.length).toBeLessThanOrEqual(200);
    expect(item.title.endsWith('word…')).toBe(true);
    expect(item.notes).toMatch(/^…word .* end\n\n- nested$/);
    expect(`${item.title.slice(0, -1)} ${item.notes.slice(1).split('\n')[0]}`).toBe(long);
    expect(notices).toContainEqual({ line: 5, message: expect.stringContaining('longer than 200') });
  });

  it('moves items and sections over the limits into notes, and notes over the limit into a “(continued)” section', () => {
    const items = Array.from({ length: 202 }, (_, index) => `- I${index}`).join('\n');
    const sections = Array.from({ length: 101 }, (_, index) => `## S${index}\n\ntext ${index}`).join('\n\n');
    const long = `${'x'.repeat(15_000)}\n\n${'y'.repeat(10_000)}`;
    const { draft, notices } = importCall(`# C\n\n## Big\n\n${items}\n\n## Long\n\n${long}\n\n${sections}\n`);
    expect(draft.sections).toHaveLength(100);
    expect(draft.sections[0]!.items).toHaveLength(200);
    expect(draft.sections[0]!.notes).toBe('- I200\n- I201');
    expect(draft.sections[1]).toMatchObject({ title: 'Long', notes: 'x'.repeat(15_000) });
    expect(draft.sections[2]).toMatchObject({ title: 'Long (continued)', notes: 'y'.repeat(10_000) });
    expect(draft.sections[99]!.notes).toContain('**S97**\n\ntext 97');
    expect(draft.sections[99]!.notes).toContain('text 100');
    const text = notices.map((notice) => notice.message).join('\n');
    expect(text).toContain('at most 200 items');
    expect(text).toContain('at most 100 sections');
    expect(text).toContain('longer than 20000 characters');
  });

  it('refuses only an empty document; anything else imports', () => {
    expect(importCall('just some words').draft).toMatchObject({ title: 'just some words', description: 'just some words' });
    expect(importCall('* * *').draft.title).toBe('Imported call');
    expect(() => importCall('\uFEFF \r\n\t\n')).toThrow('empty');
  });
});

describe('readItemLine', () => {
  it.each([
    ['Release plan (10m)', 'Release plan', '', 10],
    ['Release plan (15m, Lee)', 'Release plan', 'Lee', 15],
    ['Relaxed SIMD poll [5 min]', 'Relaxed SIMD poll', '', 5],
    ['3 min - Welcome - Kai Tanaka', 'Welcome', 'Kai Tanaka', 3],
    ['Demo [1h] @ada, @bo', 'Demo', 'ada, bo', 60],
    ['Docs (presenter: kai tanaka)', 'Docs', 'kai tanaka', null],
    ['EIP update [Facilitator: Hudson]', 'EIP update', 'Hudson', null],
    ['Ryan: note on formality', 'note on formality', 'Ryan', null],
    ['Eric Huss: three things expected today', 'three things expected today', 'Eric Huss', null],
    ['Spotlight: CAPI', 'Spotlight: CAPI', '', null],
    ['Discussing: the pull request', 'Discussing: the pull request', '', null],
    ['@kai: Release plan', 'Release plan', 'kai', null],
    ['Ask @sam about the thing', 'Ask @sam about the thing', '', null],
    ['Long (900 min)', 'Long (900 min)', '', null],
  ])('reads “%s”', (line, title, presenter, plannedMinutes) => {
    expect(readItemLine(line)).toMatchObject({ title, presenter, plannedMinutes });
  });
});
