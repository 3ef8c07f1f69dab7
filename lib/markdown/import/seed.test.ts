import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildCallRecord } from '../call-record';
import { recordSourceOf } from './draft-record';
import { parseCallMarkdown } from './index';
import { missingWords } from './record-words';
import { importCall } from './test-support';

const seed = readFileSync(new URL('./fixtures/seed-flatcar.md', import.meta.url), 'utf8');

describe('the seed-shaped document: a Flatcar agenda with its minutes and Q&A', () => {
  const { draft, notices } = importCall(seed, '2021-07-13.md');

  it('reads the title and a start without a year (from the weekday and the file name)', () => {
    expect(draft).toMatchObject({ title: 'Flatcar Container Linux community call', startsAt: '2021-07-13T17:30', timezone: 'Europe/Berlin', lines: { title: 1, start: 1, minutes: 24, questions: 32 } });
    expect(notices).toEqual([{ line: 1, message: expect.stringContaining('2021') }]);
  });

  it('reads the links: a relative slide deck, and the YouTube line whose link text is its URL', () => {
    expect(draft.links).toEqual([
      { label: 'Slide deck', url: '2021-07-13-slides.pdf', line: 4 },
      { label: 'Call (for actively participating)', url: 'https://zoom.us/j/96779380448', line: 5 },
      { label: 'Youtube live stream link (for passively watching)', url: 'http://www.youtube.com/watch?v=Fgw1Y3k3mhc', line: 6 },
    ]);
  });

  it('reads the sections and items with presenters, minutes and nested notes', () => {
    expect(draft.sections.map((section) => section.title)).toEqual(['Welcome', 'Spotlight: Flatcar on Equinix Metal (15m, Andy Holtzmann)', 'Releases review & planning', 'Q&A']);
    expect(draft.sections[1]!.items).toEqual([
      { title: 'Andy gives an introduction to how Equinix Metal uses Flatcar.', presenter: 'Andy Holtzmann', plannedMinutes: null, notes: '- Provisioning with Ignition\n- Updates via Nebraska', line: 13 },
    ]);
    expect(draft.sections[2]!.items.map(({ title, presenter, plannedMinutes }) => [title, presenter, plannedMinutes])).toEqual([
      ['Review of the last releases', 'thilo-fromm', 10],
      ['Plan for the next Stable and Beta releases', 'sayan-chowdhury', null],
    ]);
  });

  it('takes the long minutes paragraphs as the minutes, exactly as written, and the Q&A as answered questions', () => {
    const minutesStart = seed.indexOf('The call started');
    expect(draft.minutes).toBe(seed.slice(minutesStart, seed.indexOf('\n\n## Q&A', minutesStart)));
    expect(draft.questions.map(({ line: _line, ...question }) => question)).toEqual([
      { text: 'Will ARM64 images be promoted to Stable this year?', authorName: 'Mathieu', answer: 'Yes, the plan is to promote ARM64 to Stable with the next major release once the remaining test failures are fixed.', answeredBy: 'Thilo', isAnswered: true },
      { text: 'Is there a way to pin a specific kernel version?', authorName: '', answer: 'Not directly; you can hold back updates with the update strategy and test new releases in a canary group first.', answeredBy: 'Kai', isAnswered: true },
    ]);
  });

  it('exports a record that holds the document’s words and imports back to the same call', () => {
    const record = buildCallRecord(recordSourceOf(draft));
    expect(missingWords(seed, record).length).toBeLessThanOrEqual(2);
    const again = parseCallMarkdown(record);
    if (!again.ok) throw new Error('the record did not import');
    const strip = ({ lines: _lines, ...rest }: typeof draft) => JSON.parse(JSON.stringify(rest, (key, value: unknown) => (key === 'line' ? undefined : value))) as unknown;
    expect(strip(again.draft)).toEqual(strip({ ...draft, plannedMinutes: 60 }));
    expect(buildCallRecord(recordSourceOf(again.draft))).toBe(record);
  });
});
