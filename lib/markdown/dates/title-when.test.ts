import { describe, expect, it } from 'vitest';
import { readTitleLine } from '../agenda-lines';
import { readCallStart } from './call-start';

/** The corpus's title lines as the importer splits them: the call's name, and a "when" this folder reads. */
describe('title lines of the corpus', () => {
  it.each([
    ['Agenda for the Flatcar community call on Friday, 17th of December 5:30pm CET / 10pm IST / 4:30pm GMT / 11:30am EST / 8:30am PST', 'Flatcar community call', 'community-meetings/2021-12-14.md', '2021-12-17T17:30'],
    ['Agenda for the Flatcar community call on Tuesday, 11th of May, 17:30 CEST', 'Flatcar community call', '2021-05-11.md', '2021-05-11T17:30'],
    ['Agenda for the Flatcar Release Team call on Tuesday, September 28th, 5:30pm CEST / 9pm IST / 3:30pm GMT / 11:30am EDT / 8:30am PST', 'Flatcar Release Team call', '2021-09-28.md', '2021-09-28T17:30'],
    ['Flatcar community call Tuesday, 14th of September, 5:30 pm CEST', 'Flatcar community call', '2021-09-14.md', '2021-09-14T17:30'],
    ['Flatcar community call Tuesday, 8th of June, 17:30 CEST', 'Flatcar community call', '2021-06-08.md', '2021-06-08T17:30'],
  ])('"%s"', (line, title, filename, startsAt) => {
    const read = readTitleLine(line);
    expect(read.title).toBe(title);
    const when = line.slice(line.indexOf(title) + title.length).replace(/^[\s,;:–—|(-]+/, '').replace(/^(?:on|at)\s+/i, '');
    const start = readCallStart([{ text: when, line: 1 }], { filename });
    expect(start).toMatchObject({ startsAt, timezone: 'Europe/Berlin' });
    expect(start.notices.map((notice) => notice.message).join('\n')).toMatch(/the year 2021 was inferred from (Tuesday|Friday)/);
  });

  it('keeps a weekday that is part of the name in the title', () => {
    expect(readTitleLine('Jenkins Sunday school call on March 3, 2026, 17:00 UTC').title).toBe('Jenkins Sunday school call');
  });
});
