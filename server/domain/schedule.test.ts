import { describe, expect, it } from 'vitest';
import { zonedLocalToUtc } from '@/lib/time';
import { collectPage, decodeCursor, encodeCursor, filterForView, isPastCall, planNextStart, viewOf, type ScheduledCall } from './schedule';

const now = new Date('2026-06-01T12:00:00Z');
const hoursAgo = (hours: number) => new Date(now.getTime() - hours * 3_600_000);
const call = (status: ScheduledCall['status'], startsAt: Date | null, plannedMinutes = 60): ScheduledCall => ({ id: 'c', status, startsAt, plannedMinutes });

describe('which calls are past', () => {
  it('counts ended calls as past and live calls as live, whatever their dates', () => {
    expect(viewOf(call('ended', new Date('2030-01-01T00:00:00Z')), now)).toBe('past');
    expect(viewOf(call('live', hoursAgo(100)), now)).toBe('live');
  });

  it('keeps a scheduled call upcoming until 12 hours after its planned end', () => {
    expect(isPastCall(call('scheduled', hoursAgo(12), 60), now)).toBe(false);
    expect(isPastCall(call('scheduled', hoursAgo(13), 60), now)).toBe(false);
    expect(isPastCall(call('scheduled', hoursAgo(13.01), 60), now)).toBe(true);
    expect(viewOf(call('scheduled', hoursAgo(-24)), now)).toBe('upcoming');
  });

  it('keeps a call whose date is to be announced upcoming until it starts; ended or live ones follow their status', () => {
    expect(viewOf(call('scheduled', null), now)).toBe('upcoming');
    expect(viewOf(call('live', null), now)).toBe('live');
    expect(viewOf(call('ended', null), now)).toBe('past');
  });

  it('builds database filters that contain every call of the view', () => {
    const samples = [
      call('scheduled', hoursAgo(36), 1440),
      call('scheduled', hoursAgo(36.1), 1440),
      call('scheduled', hoursAgo(12.2), 5),
      call('scheduled', hoursAgo(-5)),
      call('live', hoursAgo(1)),
      call('ended', hoursAgo(1)),
      call('scheduled', null),
      call('live', null),
      call('ended', null),
    ];
    for (const view of ['upcoming', 'live', 'past'] as const) {
      const filter = filterForView(view, now);
      for (const sample of samples.filter((candidate) => viewOf(candidate, now) === view)) {
        const matches = filter.anyOf.some(
          (clause) =>
            clause.status === sample.status &&
            (clause.isUndated
              ? sample.startsAt === null
              : (!clause.startsFrom && !clause.startsBefore) ||
                (sample.startsAt !== null && (!clause.startsFrom || sample.startsAt >= clause.startsFrom) && (!clause.startsBefore || sample.startsAt < clause.startsBefore))),
        );
        expect(matches, `${view} filter misses ${JSON.stringify(sample)}`).toBe(true);
      }
    }
    expect(filterForView('upcoming', now).order).toBe('asc');
    expect(filterForView('past', now).order).toBe('desc');
  });
});

describe('cursors', () => {
  it('round-trips and rejects garbage', () => {
    const cursor = { startsAt: new Date('2026-12-03T16:30:00Z'), id: 'a-b_c' };
    expect(decodeCursor(encodeCursor(cursor))).toEqual(cursor);
    const undated = { startsAt: null, id: 'c1' };
    expect(encodeCursor(undated)).toBe('tba.c1');
    expect(decodeCursor(encodeCursor(undated))).toEqual(undated);
    expect(decodeCursor('nonsense')).toBeNull();
    expect(decodeCursor('123.')).toBeNull();
    expect(decodeCursor('123.a/b')).toBeNull();
  });
});

describe('collectPage', () => {
  const rows = Array.from({ length: 10 }, (_, index) => ({ id: `r${index}`, startsAt: new Date(index * 1000), keep: index % 3 !== 0 }));
  const fetchBatch = async (after: { startsAt: Date | null } | null, take: number) =>
    rows.filter((row) => !after?.startsAt || row.startsAt > after.startsAt).slice(0, take);

  it('pages through the kept rows without gaps or repeats', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const after: ReturnType<typeof decodeCursor> = cursor ? decodeCursor(cursor) : null;
      const page: Awaited<ReturnType<typeof collectPage<(typeof rows)[number]>>> = await collectPage(fetchBatch, (row) => row.keep, 2, after);
      expect(page.rows.length).toBeLessThanOrEqual(2);
      seen.push(...page.rows.map((row) => row.id));
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor && pages < 20);
    expect(seen).toEqual(rows.filter((row) => row.keep).map((row) => row.id));
    expect(pages).toBe(3);
  });

  it('says there is no next page when the rest is dropped', async () => {
    const page = await collectPage(fetchBatch, (row) => row.id === 'r1', 1, null);
    expect(page).toEqual({ rows: [rows[1]], nextCursor: null });
  });
});

describe('planNextStart', () => {
  const zone = 'Europe/Berlin';
  const local = (value: string) => zonedLocalToUtc(value, zone);
  const early = new Date('2020-01-01T00:00:00Z');

  it('plans two weeks after a lone call, at the same wall-clock time across a DST change', () => {
    // Berlin leaves summer time on 25 October 2026.
    expect(planNextStart([local('2026-10-20T17:30')], zone, early)).toEqual(local('2026-11-03T17:30'));
    expect(local('2026-11-03T17:30').toISOString()).toBe('2026-11-03T16:30:00.000Z');
  });

  it('follows the interval between the last two calls of the series', () => {
    const starts = [local('2026-09-01T17:30'), local('2026-10-06T17:30'), local('2026-10-13T17:30')];
    expect(planNextStart(starts, zone, early)).toEqual(local('2026-10-20T17:30'));
    // Order does not matter: the latest call is the base.
    expect(planNextStart([starts[2]!, starts[0]!, starts[1]!], zone, early)).toEqual(local('2026-10-20T17:30'));
  });

  it('measures a monthly-ish interval in wall-clock days, not in elapsed hours', () => {
    const starts = [local('2026-10-01T18:00'), local('2026-10-29T18:00')];
    expect(planNextStart(starts, zone, early)).toEqual(local('2026-11-26T18:00'));
  });

  it('falls back to two weeks when the last two calls are less than a day apart', () => {
    expect(planNextStart([local('2026-10-01T10:00'), local('2026-10-01T18:00')], zone, early)).toEqual(local('2026-10-15T18:00'));
  });

  it('steps over dates already past, on the same rhythm', () => {
    const starts = [local('2026-01-06T17:30'), local('2026-01-13T17:30')];
    const next = planNextStart(starts, zone, new Date('2026-03-01T00:00:00Z'));
    expect(next).toEqual(local('2026-03-03T17:30'));
  });
});
