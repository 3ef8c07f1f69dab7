import { describe, expect, it } from 'vitest';
import { readWhenParts } from './when-parts';

const messages = (text: string) => readWhenParts(text).problems.map((problem) => problem.message).join('\n');

describe('readWhenParts', () => {
  it.each([
    ['Tuesday, 13th of July, 17:30 CEST', { date: { month: 6, day: 13 }, weekday: 2, minutes: 17 * 60 + 30, timezone: 'Europe/Berlin', zoneAbbreviation: 'CEST' }],
    ['Friday, 17th of December 5:30pm CET / 10pm IST / 4:30pm GMT / 11:30am EST / 8:30am PST', { date: { month: 11, day: 17 }, weekday: 5, minutes: 17 * 60 + 30, timezone: 'Europe/Berlin' }],
    ['Tuesday, September 28th, 5:30pm CEST / 9pm IST / 3:30pm GMT / 11:30am EDT / 8:30am PST', { date: { month: 8, day: 28 }, minutes: 17 * 60 + 30, timezone: 'Europe/Berlin' }],
    ['Tuesday, 14th of September, 5:30 pm CEST', { date: { month: 8, day: 14 }, minutes: 17 * 60 + 30, timezone: 'Europe/Berlin' }],
    ['February 14th, 5pm-6pm UTC (January 3rd, 9am-10am Pacific Time)', { date: { month: 1, day: 14 }, minutes: 17 * 60, plannedMinutes: 60, timezone: 'UTC' }],
    ['17:30–18:30 CET', { minutes: 17 * 60 + 30, plannedMinutes: 60, timezone: 'Europe/Berlin' }],
    ['11am PT', { minutes: 11 * 60, timezone: 'America/Los_Angeles' }],
    ['9am-10am Pacific Time', { minutes: 9 * 60, plannedMinutes: 60, timezone: 'America/Los_Angeles' }],
    ['Thursday 16:00 Central European Summer Time', { minutes: 16 * 60, timezone: 'Europe/Berlin', weekday: 4 }],
    ['3/17/2017 14:00PM UTC', { date: { year: 2017, month: 2, day: 17 }, minutes: 14 * 60, timezone: 'UTC' }],
    ['2023-06-15 ', { date: { year: 2023, month: 5, day: 15 } }],
    ['17 May, 2023', { date: { year: 2023, month: 4, day: 17 } }],
    ['2026-12-03 18:00 UTC+2', { minutes: 18 * 60, timezone: 'Etc/GMT-2' }],
    ['2026-12-03 18:00 UTC-5', { timezone: 'Etc/GMT+5' }],
    ['2026-12-03 18:00 GMT', { timezone: 'UTC' }],
    ['2026-12-03 18:00 Asia/Kolkata', { timezone: 'Asia/Kolkata' }],
    ['2026-12-03 18:00 BST', { timezone: 'Europe/London' }],
    ['2026-12-03 18:00 IST', { timezone: 'Asia/Kolkata' }],
    ['2026-12-03 9:00 ET', { timezone: 'America/New_York' }],
    ['2023-05-17T17:00:00Z', { date: { year: 2023, month: 4, day: 17 }, minutes: 17 * 60, timezone: 'UTC' }],
    ['2023-05-17T17:00:00+02:00', { minutes: 17 * 60, timezone: 'Etc/GMT-2' }],
    ['Thursday, March 9, 2023, 07:00Z', { minutes: 7 * 60, timezone: 'UTC' }],
    ['Friday at noon PT', { minutes: 12 * 60, timezone: 'America/Los_Angeles', weekday: 5 }],
    ['1-2pm ET', { minutes: 13 * 60, plannedMinutes: 60, timezone: 'America/New_York' }],
    ['11-1pm ET', { minutes: 11 * 60, plannedMinutes: 120 }],
    ['10:30-11:30am PT', { minutes: 10 * 60 + 30, plannedMinutes: 60 }],
    ['5:30 - 6:45 PM UTC', { minutes: 17 * 60 + 30, plannedMinutes: 75 }],
    ['11pm-1am UTC', { minutes: 23 * 60, plannedMinutes: 120 }],
    ['11:00 AM – 12:00 PM ET', { minutes: 11 * 60, plannedMinutes: 60 }],
    ['17.05.2023 18:00 CEST', { date: { year: 2023, month: 4, day: 17 }, minutes: 18 * 60 }],
  ])('reads "%s"', (text, expected) => {
    expect(readWhenParts(text)).toMatchObject({ ...expected, isRecognized: true });
  });

  it('reads 14:00PM as the 24-hour time it is and says so', () => {
    expect(readWhenParts('3/17/2017 14:00PM UTC').minutes).toBe(14 * 60);
    expect(messages('3/17/2017 14:00PM UTC')).toContain('“14:00PM” mixes a 24-hour time with PM; it is read as 14:00');
  });

  it('reads "03/04/2026" the one way its weekday allows, and says so', () => {
    const parts = readWhenParts('Friday 03/04/2026 17:00 UTC');
    expect(parts.date).toMatchObject({ year: 2026, month: 3, day: 3 });
    expect(parts.dateNote).toBe('“03/04/2026” could be March 4 or 3 April; it is read as April 3, 2026, a Friday as written');
    expect(readWhenParts('Monday 03/04/2026 17:00 UTC').date).toBeUndefined();
  });

  it('reads a range written in 24 hours with a stray PM', () => {
    expect(readWhenParts('13:00-14:00PM UTC')).toMatchObject({ minutes: 13 * 60, plannedMinutes: 60 });
    expect(messages('13:00-14:00PM UTC')).toContain('mixes a 24-hour time with PM; it is read as 13:00');
  });

  it('takes the first of several zones and the first of two dates', () => {
    const parts = readWhenParts('February 14th, 5pm-6pm UTC (January 3rd, 9am-10am Pacific Time)');
    expect(parts.date).toEqual({ month: 1, day: 14, written: 'February 14th' });
    expect(parts.timezone).toBe('UTC');
  });

  it('takes the zone written after the time, not a capitalised word before it', () => {
    expect(readWhenParts('ASWF TAC Meeting 17:30 CEST').timezone).toBe('Europe/Berlin');
    expect(readWhenParts('ASWF TAC Meeting - 17 May, 2023').problems).toEqual([{ kind: 'zone', message: 'no timezone could be read; choose the timezone' }]);
  });

  it.each([
    ['2026-12-03 17:30 CST', 'can mean'],
    ['2026-12-03 17:30 XYZT', 'not one we know'],
    ['2026-12-03 17:30 UTC+5:30', 'no single IANA timezone'],
    ['03/04/2026 17:30 UTC', 'could be March 4 or 3 April'],
    ['2026-12-03 17:30-17:32 UTC', 'only 2 minutes'],
  ])('says what it cannot read in "%s"', (text, message) => {
    expect(messages(text)).toContain(message);
  });

  it.each(['Jenkins on ARM call', 'Welcome and intros', '', 'Version 12 release', 'Meet the team'])('does not take "%s" for a when', (text) => {
    expect(readWhenParts(text).isRecognized).toBe(false);
  });
});
