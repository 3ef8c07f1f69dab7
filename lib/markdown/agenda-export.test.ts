import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { zonedLocalToUtc } from '../time';
import { exportAgendaMarkdown, writeReactionsLine, type AgendaSource } from './agenda-export';
import { buildCallRecord } from './call-record';
import type { CallDraft } from './call-draft';
import { parseCallMarkdown } from './import';
import { recordSourceOf } from './import/draft-record';

/** What a call created from `draft` looks like to the export (ids and live state are irrelevant to it). */
function callFrom(draft: CallDraft): AgendaSource {
  const timezone = draft.timezone ?? 'UTC';
  return {
    title: draft.title,
    description: draft.description,
    startsAt: zonedLocalToUtc(draft.startsAt ?? '2026-12-03T17:30', timezone).toISOString(),
    timezone,
    plannedMinutes: draft.plannedMinutes ?? 60,
    links: draft.links.map((link, index) => ({ id: `l${index}`, ...link })),
    sections: draft.sections.map((section, index) => ({
      id: `s${index}`,
      ...section,
      items: section.items.map((item, at) => ({ id: `i${index}-${at}`, ...item })),
    })),
  };
}

/** The draft without where each part stood in the document, so two documents' readings compare. */
function importOk(markdown: string) {
  const result = parseCallMarkdown(markdown);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  const draft: CallDraft = JSON.parse(JSON.stringify(result.draft, (key: string, value: unknown) => (key === 'line' || key === 'lines' ? undefined : value)));
  return { draft, notices: result.notices };
}

const agenda = `# Agenda for the Jenkins community call on Thursday, December 3, 2026, 17:30 CET

Monthly call. Everyone is welcome!

## Links for participants

- [Slides](https://example.org/slides)
- Recording (YouTube): https://en.wikipedia.org/wiki/Foo_(bar)

## Welcome

- Intro round (5 min)
  - say hi
    - and where you are from
- NEW: release notes (10 min) @Kai Tanaka

Paragraph under the section.

### Sub-heading kept

| Who | What |
| --- | ---- |
| Ada | ARM64 |

## Spotlight: release process 🚀

## Status update: ARM64

- Builds (15m) @ada, @bo
- Docs (presenter: kai tanaka)
`;

describe('exportAgendaMarkdown', () => {
  it('writes the title line in the call timezone with its abbreviation, links, sections, items and notes', () => {
    const markdown = exportAgendaMarkdown(callFrom(importOk(agenda).draft));
    expect(markdown.split('\n').slice(0, 8)).toEqual([
      '# Agenda for the Jenkins community call on Thursday, December 3, 2026, 17:30–18:30 CET',
      '',
      'Monthly call. Everyone is welcome!',
      '',
      '## Links for participants',
      '',
      '- [Slides](https://example.org/slides)',
      '- [Recording (YouTube)](<https://en.wikipedia.org/wiki/Foo_(bar)>)',
    ]);
    expect(markdown).toContain('- Intro round (5 min)\n\n  - say hi\n    - and where you are from\n- NEW: release notes (10 min) @Kai Tanaka');
    expect(markdown).toContain('## Spotlight: release process 🚀\n\n## Status update: ARM64');
    expect(markdown).toContain('- Docs (presenter: kai tanaka)');
  });

  it('writes the IANA name when no abbreviation reads back as the same zone, and summer time in summer', () => {
    const paris = exportAgendaMarkdown(callFrom({ ...importOk(agenda).draft, timezone: 'Europe/Paris' }));
    expect(paris.split('\n')[0]).toMatch(/17:30–18:30 Europe\/Paris$/);
    const summer = exportAgendaMarkdown(callFrom({ ...importOk(agenda).draft, startsAt: '2026-07-02T09:00', timezone: 'America/Los_Angeles' }));
    expect(summer.split('\n')[0]).toBe('# Agenda for the Jenkins community call on Thursday, July 2, 2026, 09:00–10:00 PDT');
  });

  it('writes a call whose date is to be announced with its planned length, and relative links as written', () => {
    const call = { ...callFrom(importOk(agenda).draft), startsAt: null, plannedMinutes: 45, links: [{ id: 'l', label: 'Slide deck', url: '2021-07-13-slides.pdf' }] };
    const markdown = exportAgendaMarkdown(call);
    expect(markdown.split('\n')[0]).toBe('# Agenda for the Jenkins community call (date to be announced, 45 minutes, Europe/Berlin)');
    expect(markdown).toContain('- [Slide deck](2021-07-13-slides.pdf)');
    const again = importOk(markdown).draft;
    expect(again).toMatchObject({ title: 'Jenkins community call', plannedMinutes: 45, timezone: 'Europe/Berlin', links: [{ label: 'Slide deck', url: '2021-07-13-slides.pdf' }] });
    expect(again.startsAt).toBeUndefined();
  });

  it('escapes Markdown characters in titles so they read back as written', () => {
    const call = { ...callFrom(importOk(agenda).draft), title: 'C# *and* [friends]', sections: [{ id: 's', title: '# not a heading', notes: '', items: [{ id: 'i', title: '1. foo_bar <b>', notes: '', presenter: '', plannedMinutes: null }] }] };
    const again = importOk(exportAgendaMarkdown(call)).draft;
    expect(again.title).toBe('C# *and* [friends]');
    expect(again.sections[0]).toEqual({ title: '# not a heading', notes: '', items: [{ title: '1. foo_bar <b>', notes: '', presenter: '', plannedMinutes: null }] });
  });

  it.each([
    ['the messy agenda', agenda],
    ['CRLF and tabs', agenda.replaceAll('\n', '\r\n').replaceAll('  - ', '\t- ')],
    ['a call across midnight in Tokyo', '# Late call on 2026-12-31 23:30–01:15 JST\n## Only\n- One @x'],
    ['an offset zone', '# Call on 2026-03-29 02:30 UTC+2\n\n## Empty section'],
    ['a call with no sections or links', '# Call on Friday, December 4, 2026, 08:00 AEDT\n\nJust words.'],
  ])('round-trips %s: import(export(import(x))) equals import(x)', (_name, markdown) => {
    const first = importOk(markdown).draft;
    const second = importOk(exportAgendaMarkdown(callFrom(first)));
    expect(second.draft).toEqual({ ...first, plannedMinutes: first.plannedMinutes ?? 60 });
    expect(second.notices).toEqual([]);
  });
});

describe('exportAgendaMarkdown with reaction counts', () => {
  const withNotes = { id: 'a', title: 'Cadence', notes: 'Monthly or not.\n\n- a\n  - b', presenter: 'Kai', plannedMinutes: 10 };
  const bare = { id: 'b', title: 'Demo', notes: '', presenter: '', plannedMinutes: null };
  const quiet = { id: 'c', title: 'Open floor', notes: '', presenter: '', plannedMinutes: null };
  const call = { ...callFrom(importOk(agenda).draft), sections: [{ id: 's', title: 'Release', notes: '', items: [withNotes, bare, quiet] }] };
  const reactions = { a: { '🎉': 3, '👏': 12 }, b: { '👍': 1, '🤔': 0 }, c: { '❤️': 0 } };

  it('adds a line under the items that had reactions, in the reaction bar’s order, after their notes', () => {
    expect(writeReactionsLine({ '➕': 2, '👍': 5 })).toBe('Reactions: 👍 5 · ➕ 2');
    expect(writeReactionsLine({})).toBe('');
    expect(exportAgendaMarkdown(call, reactions)).toContain(
      ['- Cadence (10 min) @Kai', '', '  Monthly or not.', '', '  - a', '    - b', '', '  Reactions: 👏 12 · 🎉 3', '- Demo', '', '  Reactions: 👍 1', '- Open floor', ''].join('\n'),
    );
  });

  it('imports back as item notes that export the same, alone or in the whole record', () => {
    const markdown = exportAgendaMarkdown(call, reactions);
    const again = importOk(markdown).draft;
    expect(again.sections[0]!.items.map((item) => item.notes)).toEqual(['Monthly or not.\n\n- a\n  - b\n\nReactions: 👏 12 · 🎉 3', 'Reactions: 👍 1', '']);
    expect(exportAgendaMarkdown(callFrom(again))).toBe(markdown);
    const record = buildCallRecord({ call: { ...call, intro: null }, questions: [], attendees: [], reactions });
    expect(buildCallRecord(recordSourceOf(importOk(record).draft))).toBe(record);
  });

  it('round-trips whatever notes the item had', () => {
    const note = fc.constantFrom('Plain words.', '- a\n- b', '1. one\n2. two', '> quoted', '```\ncode\n```', '- a\n  - nested', '| a | b |\n| - | - |\n| 1 | 2 |', 'Text\n\n- list');
    fc.assert(
      fc.property(fc.array(note, { maxLength: 3 }), fc.dictionary(fc.constantFrom('👍', '👏', '🎉', '❤️', '😂', '🤔', '➕'), fc.nat(40)), (notes, counts) => {
        const item = { ...withNotes, notes: notes.join('\n\n') };
        const record = buildCallRecord({ call: { ...call, sections: [{ id: 's', title: 'Release', notes: '', items: [item, bare] }], intro: null }, questions: [], attendees: [], reactions: { a: counts } });
        expect(buildCallRecord(recordSourceOf(importOk(record).draft))).toBe(record);
      }),
      { numRuns: 150 },
    );
  });
});
