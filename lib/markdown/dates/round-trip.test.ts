import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readCallStart } from './call-start';
import { pad } from './calendar';
import { formatStart } from './start-reading';

const zones = ['UTC', 'Europe/Berlin', 'Europe/London', 'Europe/Lisbon', 'America/New_York', 'America/Los_Angeles', 'America/Sao_Paulo', 'Asia/Kolkata', 'Asia/Tokyo', 'Asia/Kathmandu', 'Australia/Sydney', 'Pacific/Auckland', 'Etc/GMT-2', 'Etc/GMT+5'];

describe('formatStart → readCallStart', () => {
  it('reads back every start the export writes, without a notice', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true }),
        fc.integer({ min: 0, max: 1439 }),
        fc.constantFrom(...zones),
        fc.integer({ min: 5, max: 600 }),
        (day, minutes, timezone, plannedMinutes) => {
          const startsAt = `${day.toISOString().slice(0, 10)}T${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
          const written = formatStart(startsAt, timezone, plannedMinutes);
          const start = readCallStart([{ text: written, line: 1 }], { filename: 'call.md', today: new Date('2026-12-02T00:00:00Z') });
          expect({ written, ...start }).toEqual({ written, startsAt, date: startsAt.slice(0, 10), timezone, plannedMinutes, line: 1, notices: [] });
        },
      ),
      { numRuns: 500 },
    );
  });
});
