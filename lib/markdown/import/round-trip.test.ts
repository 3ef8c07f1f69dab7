import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildCallRecord } from '../call-record';
import type { CallDraft } from '../call-draft';
import { recordSourceOf } from './draft-record';
import { parseCallMarkdown } from './index';

/** Plain words for text that is Markdown as written (description, notes, minutes). */
const word = fc.constantFrom('release', 'cadence', 'Flatcar', 'ARM64', 'update', 'demo', 'docs', 'review', 'plan', 'tests', 'café', 'über', 'q3', 'kernel', 'nightly', 'stable', 'beta');
/** Plain-text fields (titles, labels) may hold Markdown characters: the export escapes them. */
const plainWord = fc.oneof(word, fc.constantFrom('foo_bar', '*star*', '[draft]', '<html>', 'C#', 'a|b', '`code`', 'x~y', 'AT&T', '&amp;', '50%', 'v1.2'));
const words = (unit: fc.Arbitrary<string>, max: number) => fc.array(unit, { minLength: 1, maxLength: max }).map((list) => list.join(' '));
const sentence = words(word, 8).map((text) => `${text.charAt(0).toUpperCase()}${text.slice(1)}.`);
const paragraph = fc.array(sentence, { minLength: 1, maxLength: 3 }).map((list) => list.join(' '));
const paragraphs = fc.array(paragraph, { minLength: 1, maxLength: 3 }).map((list) => list.join('\n\n'));
const nestedNotes = fc.oneof(paragraphs, fc.array(words(word, 4), { minLength: 1, maxLength: 3 }).map((list) => list.map((line, index) => (index === 1 ? `  - ${line}` : `- ${line}`)).join('\n')));
const optional = <T>(arbitrary: fc.Arbitrary<T>, empty: T) => fc.oneof(fc.constant(empty), arbitrary);

const name = fc.constantFrom('Ada', 'Kai Tanaka', 'Thilo', 'Mathieu', 'Sayan', 'Ana María', 'Jo');
const handle = fc.constantFrom('kai', 'ada-l', 'thilo_fromm', 'Kai Tanaka', 'sam.r');
const TIME_ZONES = ['UTC', 'Europe/Berlin', 'America/New_York', 'America/Los_Angeles', 'Asia/Tokyo', 'Asia/Kolkata', 'Australia/Sydney', 'America/Sao_Paulo'];

const item = fc.record({
  title: words(plainWord, 6),
  notes: optional(nestedNotes, ''),
  presenter: optional(fc.uniqueArray(handle, { minLength: 1, maxLength: 2 }).map((list) => list.join(', ')), ''),
  plannedMinutes: fc.option(fc.integer({ min: 1, max: 600 }), { nil: null }),
  line: fc.constant(0),
});
const section = fc.record({ title: words(plainWord, 5), notes: optional(paragraphs, ''), items: fc.array(item, { maxLength: 4 }), line: fc.constant(0) });
const link = fc.record({
  label: words(plainWord, 4),
  url: fc.constantFrom('https://example.org/a', '2021-07-13-slides.pdf', 'docs/notes.md', 'https://example.org/x?a=1&b=2', 'mailto:team@example.org', 'https://example.org/a_(b)'),
  line: fc.constant(0),
});
const question = fc
  .record({ text: fc.oneof(sentence, fc.tuple(sentence, sentence).map(([a, b]) => `${a}\n${b}`)), authorName: optional(name, ''), isAnswered: fc.boolean(), answer: optional(paragraph, ''), answeredBy: optional(name, '') })
  .map((asked) => ({ ...asked, answer: asked.isAnswered ? asked.answer : '', answeredBy: asked.isAnswered ? asked.answeredBy : '', line: 0 }));
const attendee = fc.record({ displayName: name, affiliation: optional(words(word, 3), ''), reason: optional(words(word, 5), ''), isTeam: fc.boolean(), line: fc.constant(0) });
const start = fc.oneof(
  fc.record({ timezone: fc.constantFrom(...TIME_ZONES) }),
  fc
    .record({
      day: fc.date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2030-12-31T00:00:00Z'), noInvalidDate: true }),
      hour: fc.integer({ min: 7, max: 21 }),
      minute: fc.constantFrom(0, 15, 30, 45),
      timezone: fc.constantFrom(...TIME_ZONES),
    })
    .map(({ day, hour, minute, timezone }) => ({ startsAt: `${day.toISOString().slice(0, 10)}T${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`, timezone })),
);

const call: fc.Arbitrary<CallDraft> = fc
  .record({
    title: words(plainWord, 6),
    description: optional(paragraphs, ''),
    start,
    plannedMinutes: fc.integer({ min: 5, max: 600 }),
    links: fc.array(link, { maxLength: 4 }),
    sections: fc.array(section, { maxLength: 4 }),
    minutes: optional(
      fc.tuple(optional(words(word, 4), ''), paragraphs, optional(nestedNotes, '')).map(([heading, body, list]) => [heading && `## ${heading}`, body, list].filter(Boolean).join('\n\n')),
      '',
    ),
    questions: fc.array(question, { maxLength: 4 }),
    attendees: fc.uniqueArray(attendee, { maxLength: 5, selector: (each) => each.displayName }),
    introLength: fc.nat(5),
  })
  .map(({ start: when, introLength, ...rest }) => ({
    ...rest,
    ...when,
    introOrder: rest.attendees.slice(0, introLength).map((each) => each.displayName),
    lines: {},
  }));

/** What a call and its re-import must agree on (line numbers are the document's, not the call's). */
function comparable(draft: CallDraft) {
  const { lines: _lines, links, sections, questions, attendees, timezone, ...rest } = draft;
  const strip = <T extends { line: number }>({ line: _line, ...fields }: T) => fields;
  return {
    ...rest,
    timezone: timezone ?? 'UTC',
    plannedMinutes: draft.plannedMinutes ?? 60,
    links: links.map(strip),
    sections: sections.map((each) => ({ ...strip(each), items: each.items.map(strip) })),
    questions: questions.map(strip),
    attendees: attendees.map(strip),
  };
}

function reimport(markdown: string): CallDraft {
  const result = parseCallMarkdown(markdown);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.draft;
}

describe('round trip: export, re-import, export', () => {
  it('re-imports every generated call as the same call, and its export byte for byte', () => {
    fc.assert(
      fc.property(call, (generated) => {
        const markdown = buildCallRecord(recordSourceOf(generated));
        const again = reimport(markdown);
        expect(comparable(again)).toEqual(comparable(generated));
        expect(buildCallRecord(recordSourceOf(again))).toBe(markdown);
      }),
      { numRuns: 200 },
    );
  }, 60_000);
});
