import { describe, expect, it } from 'vitest';
import { patchFromEvents } from './call-events';
import { decideSchedule } from './call-schedule';

const call = { timezone: 'Europe/Berlin', plannedMinutes: 60, documentsBaseUrl: '' };

describe('decideSchedule', () => {
  it('reads a local start in the call’s timezone, or in the one given', () => {
    expect(decideSchedule(call, { startsAt: '2026-12-03T17:30' })).toEqual([
      { type: 'call.scheduled', startsAt: '2026-12-03T16:30:00.000Z', timezone: 'Europe/Berlin', plannedMinutes: 60, documentsBaseUrl: '' },
    ]);
    expect(decideSchedule(call, { startsAt: '2026-12-03T17:30', timezone: 'America/New_York', plannedMinutes: 45 })).toMatchObject([
      { startsAt: '2026-12-03T22:30:00.000Z', timezone: 'America/New_York', plannedMinutes: 45 },
    ]);
  });

  it('takes an ISO instant, and null for a date to be announced', () => {
    expect(decideSchedule(call, { startsAt: '2026-12-03T18:30:00+02:00' })).toMatchObject([{ startsAt: '2026-12-03T16:30:00.000Z', timezone: 'Europe/Berlin' }]);
    expect(decideSchedule({ ...call, documentsBaseUrl: 'https://example.org/' }, { startsAt: null })).toMatchObject([
      { startsAt: null, documentsBaseUrl: 'https://example.org/' },
    ]);
  });

  it('stores all four fields', () => {
    expect(patchFromEvents(decideSchedule(call, { startsAt: null, documentsBaseUrl: 'https://example.org/docs' }))).toEqual({
      startsAt: null,
      timezone: 'Europe/Berlin',
      plannedMinutes: 60,
      documentsBaseUrl: 'https://example.org/docs',
    });
  });
});
