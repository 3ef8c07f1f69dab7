import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readCall } from './index';
import { readTree } from './tree';

const corpus = (name: string) => readFileSync(new URL(`./fixtures/corpus/${name}`, import.meta.url), 'utf8');
const options = { today: new Date('2026-12-02T12:00:00Z') };

describe('a long document, parsed in parts for speed', () => {
  it('reads the same call as when parsed whole: headings, code fences and comments with # lines, reference links', () => {
    const body = ['aswf-1.md', 'rust-council-1.md', 'ethereum-1.md', 'w3ctag-1.md'].map((name) => corpus(name).replace(/^---[\s\S]*?---\n/, '')).join('\n\n## Next part\n\n');
    const tricky = '\n\n## Code\n\n```\n# not a heading\n\nplain\n```\n\n<!--\n# hidden\n\ntext\n-->\n\nSee [the spec][spec].\n\n[spec]: https://example.org/spec\n';
    const markdown = `# Long record\n\n${body}${tricky}`.repeat(3);
    expect(markdown.length).toBeGreaterThan(80_000);
    const inParts = readCall(readTree(markdown), options);
    const whole = readCall(readTree(markdown, Infinity), options);
    expect(inParts).toEqual(whole);
  });

  it('reads a long list cut between its items as one list: every item, every attendee', () => {
    const items = Array.from({ length: 3000 }, (_, index) => `- Item ${index} (5m) @kai\n  - note ${index}`).join('\n');
    const people = Array.from({ length: 1500 }, (_, index) => `* Person ${index} (Org ${index})`).join('\n');
    const markdown = `# Big\n\n## Agenda\n\n${items}\n\n# Minutes\n\n## Attendees\n\n${people}\n\nWe met.\n`;
    const { ok, ...result } = readCall(readTree(markdown), options);
    expect(ok).toBe(true);
    if (!('draft' in result)) return;
    const { draft } = result;
    expect(draft.sections[0]!.items).toHaveLength(200);
    expect(draft.sections[0]!.items[199]).toMatchObject({ title: 'Item 199', presenter: 'kai', plannedMinutes: 5, notes: '- note 199' });
    expect(draft.sections.map((section) => section.notes).join('\n')).toContain('- Item 2999\n\n  - note 2999');
    expect(draft.sections[1]!.title).toBe('Agenda (continued)');
    expect(draft.attendees).toHaveLength(1500);
    expect(draft.attendees[1499]).toMatchObject({ displayName: 'Person 1499', affiliation: 'Org 1499' });
    expect(draft.minutes).toBe('We met.');
  });
});
