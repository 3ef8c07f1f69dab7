import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isLocalDateTime } from '../../time';
import { readCallStart, type CallStartContext } from './call-start';

const today = new Date('2026-12-02T12:00:00Z');
const read = (texts: string[], context: CallStartContext = {}) => readCallStart(texts.map((text, index) => ({ text, line: index + 1 })), { today, ...context });
const messagesOf = (result: { notices: { message: string }[] }) => result.notices.map((notice) => notice.message).join('\n');

describe('readCallStart: the corpus lines', () => {
  it('dates flatcar-1 "Tuesday, 13th of July, 17:30 CEST" in 2021 from the weekday and the file name', () => {
    const result = read(['Tuesday, 13th of July, 17:30 CEST'], { filename: '2021-07-13.md' });
    expect(result).toMatchObject({ startsAt: '2021-07-13T17:30', date: '2021-07-13', timezone: 'Europe/Berlin', line: 1 });
    expect(result.notices).toEqual([{ line: 1, message: expect.stringMatching(/^Line 1: the date “13th of July” has no year; the year 2021 was inferred from Tuesday/) }]);
  });

  it('dates flatcar-2 by its title (Friday 17th December 2021) and notes that the file name says December 14', () => {
    const title = 'Agenda for the Flatcar community call on Friday, 17th of December 5:30pm CET / 10pm IST / 4:30pm GMT / 11:30am EST / 8:30am PST';
    const result = read([title], { filename: 'community-meetings/2021-12-14.md' });
    expect(result).toMatchObject({ startsAt: '2021-12-17T17:30', timezone: 'Europe/Berlin' });
    expect(messagesOf(result)).toContain('the year 2021 was inferred from Friday');
    expect(messagesOf(result)).toContain('the file name “community-meetings/2021-12-14.md” says December 14, 2021; the date written here (December 17, 2021) is used');
  });

  it.each([
    ['flatcar-3', 'Tuesday, 11th of May, 17:30 CEST', '2021-05-11.md', '2021-05-11T17:30'],
    ['flatcar-4', 'Tuesday, September 28th, 5:30pm CEST / 9pm IST / 3:30pm GMT / 11:30am EDT / 8:30am PST', 'attic/community-meetings/2021-09-28.md', '2021-09-28T17:30'],
    ['flatcar-6', 'Tuesday, 14th of September, 5:30 pm CEST', 'community-meetings/2021-09-14.md', '2021-09-14T17:30'],
    ['flatcar-7', 'Tuesday, 8th of June, 17:30 CEST', 'attic/community-meetings/2021-06-08.md', '2021-06-08T17:30'],
  ])('dates %s', (_name, when, filename, startsAt) => {
    const result = read([when], { filename });
    expect(result).toMatchObject({ startsAt, timezone: 'Europe/Berlin' });
    expect(messagesOf(result)).not.toContain('file name “');
  });

  it('dates wasm-1 by the first of its two dates, the year from the folder, the hour range as the length', () => {
    const result = read(['February 14th, 5pm-6pm UTC (January 3rd, 9am-10am Pacific Time)'], { filename: 'main/2023/CG-02-14.md' });
    expect(result).toMatchObject({ startsAt: '2023-02-14T17:00', timezone: 'UTC', plannedMinutes: 60 });
    expect(result.notices).toEqual([{ line: 1, message: 'Line 1: the date “February 14th” has no year; the year 2023 was taken from the file name.' }]);
  });

  it('dates ethereum-1 "3/17/2017 14:00PM UTC" at 14:00 and says the PM was ignored', () => {
    const result = read(['3/17/2017 14:00PM UTC'], { filename: 'AllCoreDevs-EL-Meetings/Meeting 12.md' });
    expect(result).toMatchObject({ startsAt: '2017-03-17T14:00', timezone: 'UTC' });
    expect(messagesOf(result)).toContain('“14:00PM” mixes a 24-hour time with PM; it is read as 14:00');
  });

  it('files rust-council-1, a past call with a date-only heading, under its day with 12:00 UTC standing in and says so', () => {
    const result = read(['2023-06-15 '], { filename: 'minutes/sync-meeting/2023-06-15.md' });
    expect(result).toMatchObject({ date: '2023-06-15', startsAt: '2023-06-15T12:00', timezone: 'UTC', line: 1 });
    expect(result.notices).toEqual([{ line: 1, message: expect.stringContaining('no start time is written for June 15, 2023; the past call is filed under that day with 12:00 UTC') }]);
  });

  it('leaves a day still to come without a time to be announced and asks for the time', () => {
    const result = read(['2027-01-14'], {});
    expect(result.startsAt).toBeUndefined();
    expect(result).toMatchObject({ date: '2027-01-14' });
    expect(result.notices).toEqual([{ line: 1, message: expect.stringContaining('no start time could be read for January 14, 2027; fill in the time and timezone') }]);
  });

  it('dates aswf-1 from its H1 and front matter without calling "ASWF" a timezone', () => {
    const result = read(['ASWF TAC Meeting - 17 May, 2023', '2023-05-17'], { filename: 'meetings/2023/2023-05-17.md' });
    expect(result).toMatchObject({ date: '2023-05-17', line: 1 });
    expect(messagesOf(result)).not.toMatch(/ASWF|differs|file name/);
  });

  it('dates w3ctag-1, which writes no date of its own, from its folder and file name', () => {
    const result = read([], { filename: '2023/telcons/03-06-agenda.md' });
    expect(result).toMatchObject({ date: '2023-03-06' });
    expect(messagesOf(result)).toContain('the call is dated March 6, 2023 from the file name “2023/telcons/03-06-agenda.md”');
  });

  it('dates wasm-2, which writes no day of its own ("the March 14th video call" aside), from its file name', () => {
    const result = read([], { filename: 'main/2023/CG-03-14.md' });
    expect(result).toMatchObject({ date: '2023-03-14', startsAt: '2023-03-14T12:00' });
  });

  it('leaves k8s-2, which says no day anywhere, to be announced', () => {
    const result = read([], { filename: 'events/2018/05-contributor-summit/steering-update.md' });
    expect(result).toEqual({ notices: [{ line: 1, message: 'Line 1: no start date could be read; the call’s date is to be announced.' }] });
  });
});

describe('readCallStart: a year nobody wrote', () => {
  it('takes the year nearest to today whose calendar has the weekday written', () => {
    expect(read(['Tuesday, 13th of July, 17:30 CEST'], { today: new Date('2021-06-01T00:00:00Z') }).startsAt).toBe('2021-07-13T17:30');
    const result = read(['Tuesday, 13th of July, 17:30 CEST']);
    expect(result.startsAt).toBe('2027-07-13T17:30');
    expect(messagesOf(result)).toContain('the nearest such year to today');
  });

  it('without a weekday takes the file name\'s year, else the occurrence nearest to today, and says so', () => {
    expect(read(['13th of July, 17:30 CEST'], { filename: 'kubecon-na-2022.md' }).startsAt).toBe('2022-07-13T17:30');
    const result = read(['13th of July, 17:30 CEST']);
    expect(result.startsAt).toBe('2026-07-13T17:30');
    expect(messagesOf(result)).toContain('the year 2026 was assumed (the nearest July 13 to today)');
    expect(read(['January 5th, 10:00 UTC']).startsAt).toBe('2027-01-05T10:00');
  });

  it('finds a leap day with its weekday', () => {
    expect(read(['Thursday, February 29, 10:00 UTC'], { filename: '2021-01-01.md' }).startsAt).toBe('2024-02-29T10:00');
  });

  it('takes the year from another line that writes the same day in full, without a notice', () => {
    const result = read(['Tuesday, 13th of July, 17:30 CEST', '2021-07-13']);
    expect(result).toMatchObject({ startsAt: '2021-07-13T17:30', line: 1 });
    expect(result.notices).toEqual([]);
  });
});

describe('readCallStart: combining candidates', () => {
  it('takes the date from front matter and the time and zone from a Time: field', () => {
    const result = readCallStart([{ text: '2023-05-17', line: 2 }, { text: '11am PT', line: 9 }], { today });
    expect(result).toEqual({ startsAt: '2023-05-17T11:00', date: '2023-05-17', timezone: 'America/Los_Angeles', line: 2, notices: [] });
  });

  it('takes a range from a **When** field as the planned length', () => {
    expect(read(['17 May 2023', '17:30–18:30 CET'])).toMatchObject({ startsAt: '2023-05-17T17:30', plannedMinutes: 60, timezone: 'Europe/Berlin' });
  });

  it('takes a zone given on its own line', () => {
    expect(read(['2026-12-03 17:30', 'Europe/Paris'])).toMatchObject({ startsAt: '2026-12-03T17:30', timezone: 'Europe/Paris', notices: [] });
  });

  it('keeps the first full date and notes a later one that contradicts it', () => {
    const result = read(['2023-05-17 17:00 UTC', 'May 18, 2023']);
    expect(result.startsAt).toBe('2023-05-17T17:00');
    expect(result.notices).toEqual([{ line: 2, message: 'Line 2: it says May 18, 2023, but line 1 says May 17, 2023; the date on line 1 is used.' }]);
  });

  it('compares a later date without a year by its day only', () => {
    expect(read(['2023-05-17 17:00 UTC', 'Wednesday, May 17']).notices).toEqual([]);
    expect(read(['2023-05-17 17:00 UTC', 'May 18']).notices).toEqual([{ line: 2, message: 'Line 2: it says May 18, but line 1 says May 17, 2023; the date on line 1 is used.' }]);
  });

  it('prefers a date with its year written to an earlier one whose year it would have to guess', () => {
    const result = read(['Friday 17th December 5:30pm CET', '2021-12-14']);
    expect(result).toMatchObject({ startsAt: '2021-12-14T17:30', line: 2 });
    expect(messagesOf(result)).toContain('Line 1: it says December 17');
  });

  it('dates a call from the file name when the text gives only the time', () => {
    const result = read(['11am PT'], { filename: '2023-05-17.md' });
    expect(result).toMatchObject({ startsAt: '2023-05-17T11:00', timezone: 'America/Los_Angeles' });
    expect(messagesOf(result)).toContain('the text gives no date; the call is dated May 17, 2023 from the file name “2023-05-17.md”');
  });

  it('checks a weekday written without a date against the file name\'s date', () => {
    const result = read(['Fridays at 17:30 CET'], { filename: '2021-12-14.md' });
    expect(result.startsAt).toBe('2021-12-14T17:30');
    expect(messagesOf(result)).toContain('it says “Fridays” but the file name’s date, December 14, 2021, is a Tuesday; check the date');
    expect(messagesOf(read(['Tuesday 17:30 CET'], { filename: '2021-12-14.md' }))).not.toContain('check the date');
  });

  it('lets the file name\'s date decide a numeric date that reads both ways', () => {
    const result = read(['05/06/2023 17:00 UTC'], { filename: '2023-06-05.md' });
    expect(result.startsAt).toBe('2023-06-05T17:00');
    expect(result.notices).toEqual([{ line: 1, message: 'Line 1: “05/06/2023” could be read two ways; it is read as June 5, 2023, the date in the file name.' }]);
    expect(read(['05/06/2023 17:00 UTC'], { filename: '2023-05-06.md' }).startsAt).toBe('2023-05-06T17:00');
    const undecided = read(['05/06/2023 17:00 UTC'], { filename: '2023-07-01.md' });
    expect(undecided.startsAt).toBe('2023-07-01T17:00');
    expect(messagesOf(undecided)).toContain('could be May 6 or 5 June; fill in the date');
  });

  it('notes a weekday that contradicts its date and keeps the date', () => {
    const result = read(['Friday, 14 December 2021, 17:30 CET']);
    expect(result.startsAt).toBe('2021-12-14T17:30');
    expect(messagesOf(result)).toContain('it says “Friday” but December 14, 2021 is a Tuesday; check the date');
  });

  it('keeps the wall clock of a summer-time abbreviation used in winter and says so', () => {
    const result = read(['December 3, 2026 17:30 CEST']);
    expect(result).toMatchObject({ startsAt: '2026-12-03T17:30', timezone: 'Europe/Berlin' });
    expect(messagesOf(result)).toContain('CEST is not in effect in Europe/Berlin on that date (CET is)');
  });

  it('asks for what is missing: the zone, or the date', () => {
    expect(messagesOf(read(['December 3, 2026 17:30']))).toContain('Line 1: no timezone could be read; choose the timezone.');
    expect(messagesOf(read(['Thursday, December 3, 2026, 17:30 CST']))).toContain('“CST” can mean');
    const timeOnly = read(['17:30 CET']);
    expect(timeOnly).toMatchObject({ timezone: 'Europe/Berlin', line: 1 });
    expect(timeOnly.startsAt).toBeUndefined();
    expect(messagesOf(timeOnly)).toContain('no start date could be read; the call’s date is to be announced');
  });

  it('never throws and only ever answers a real local date-time', () => {
    const candidate = fc.record({
      text: fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.stringMatching(/^[A-Za-z0-9 ,:/–\-+()]{0,60}$/), fc.constantFrom('Tuesday, 13th of July, 17:30 CEST', 'February 29', '14:00PM', '31/31/2031', 'UTC+99', 'Etc/GMT+5 25:61')),
      line: fc.integer({ min: 1, max: 10_000 }),
    });
    fc.assert(
      fc.property(fc.array(candidate, { maxLength: 6 }), fc.option(fc.string()), fc.date({ min: new Date('1900-01-01'), max: new Date('2200-01-01'), noInvalidDate: true }), (candidates, filename, now) => {
        const result = readCallStart(candidates, { filename: filename ?? undefined, today: now });
        if (result.startsAt !== undefined) expect(isLocalDateTime(result.startsAt)).toBe(true);
        for (const notice of result.notices) expect(notice.message.startsWith(`Line ${notice.line}: `)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});
