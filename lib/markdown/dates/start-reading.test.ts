import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatStart, readStart } from './start-reading';

describe('readStart', () => {
  it('without a context leaves a date without a year for the host, as before', () => {
    const reading = readStart('Tuesday, 13th of July, 17:30 CEST');
    expect(reading.startsAt).toBeUndefined();
    expect(reading).toMatchObject({ timezone: 'Europe/Berlin', isRecognized: true });
    expect(reading.problems).toContain('the date “13th of July” has no year; fill in the date (no year is assumed)');
  });

  it('with a context infers the year from the weekday and says so', () => {
    const reading = readStart('Tuesday, 13th of July, 17:30 CEST', { filename: '2021-07-13.md' });
    expect(reading).toMatchObject({ startsAt: '2021-07-13T17:30', timezone: 'Europe/Berlin' });
    expect(reading.problems).toEqual([expect.stringContaining('the year 2021 was inferred from Tuesday')]);
    expect(readStart('Tuesday, 13th of July, 17:30 CEST', { today: new Date('2021-03-01T00:00:00Z') }).startsAt).toBe('2021-07-13T17:30');
  });

  it('reads a 24-hour time with a stray PM', () => {
    expect(readStart('3/17/2017 14:00PM UTC')).toMatchObject({ startsAt: '2017-03-17T14:00', timezone: 'UTC', problems: [expect.stringContaining('mixes a 24-hour time with PM')] });
  });

  it.each([
    ['Europe/Berlin', '2026-12-03T17:30', 60],
    ['America/Los_Angeles', '2026-07-13T09:00', 45],
    ['UTC', '2026-02-28T23:30', 90],
    ['Asia/Kolkata', '2026-12-03T18:00', 30],
  ])('reads back what formatStart writes (%s)', (timezone, startsAt, plannedMinutes) => {
    expect(readStart(formatStart(startsAt, timezone, plannedMinutes))).toEqual({ startsAt, timezone, plannedMinutes, problems: [], isRecognized: true });
  });

  it('never throws on any text or file name', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' })), fc.string(), (text, filename) => {
        const reading = readStart(text, { filename, today: new Date('2026-12-02T00:00:00Z') });
        expect(Array.isArray(reading.problems)).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });
});
