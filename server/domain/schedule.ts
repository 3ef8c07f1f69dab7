import type { CallStatus } from '@/lib/protocol';
import { callCursorPattern, UNDATED_CURSOR, type CallView } from '@/lib/protocol/schedule';
import { utcToZonedLocal, zonedLocalToUtc } from '@/lib/time';

const MINUTE_MS = 60_000;
const DAY_MINUTES = 24 * 60;

/** A call that never started still counts as upcoming until this long after its planned end. */
export const PAST_GRACE_MS = 12 * 60 * MINUTE_MS;
/** The longest planned length createCallSchema accepts; bounds the database pre-filter below. */
export const MAX_PLANNED_MINUTES = 1440;
/** Bi-weekly is the most common rhythm of community calls. */
export const DEFAULT_SERIES_INTERVAL_MINUTES = 14 * DAY_MINUTES;

/** `startsAt` is null while the date is to be announced. */
export type ScheduledCall = { id: string; startsAt: Date | null; plannedMinutes: number; status: CallStatus };

export function isPastCall(call: ScheduledCall, now: Date): boolean {
  if (call.status === 'ended') return true;
  if (call.status === 'live' || call.startsAt === null) return false;
  return call.startsAt.getTime() + call.plannedMinutes * MINUTE_MS + PAST_GRACE_MS < now.getTime();
}

export function viewOf(call: ScheduledCall, now: Date): CallView {
  if (call.status === 'live') return 'live';
  return isPastCall(call, now) ? 'past' : 'upcoming';
}

/**
 * Conditions (any may match) that every call of a view meets; viewOf then decides exactly. Calls are ordered by
 * start, those without a date (to be announced) after the dated ones; `isUndated` matches only those.
 */
export type CallListFilter = {
  order: 'asc' | 'desc';
  anyOf: { status: CallStatus; startsFrom?: Date; startsBefore?: Date; isUndated?: boolean }[];
};

/**
 * A database filter for a view. "Past" depends on start + length, which a portable query cannot compute, so
 * the filter is a little wider than the view and the caller drops the few extra rows with viewOf.
 */
export function filterForView(view: CallView, now: Date): CallListFilter {
  const graceEnd = new Date(now.getTime() - PAST_GRACE_MS);
  switch (view) {
    case 'upcoming':
      return {
        order: 'asc',
        anyOf: [
          { status: 'scheduled', startsFrom: new Date(graceEnd.getTime() - MAX_PLANNED_MINUTES * MINUTE_MS) },
          { status: 'scheduled', isUndated: true },
        ],
      };
    case 'live':
      return { order: 'asc', anyOf: [{ status: 'live' }] };
    case 'past':
      return { order: 'desc', anyOf: [{ status: 'ended' }, { status: 'scheduled', startsBefore: graceEnd }] };
  }
}

/** A position in a call list; `startsAt` null for a call whose date is to be announced. */
export type CallCursor = { startsAt: Date | null; id: string };

export function encodeCursor(call: CallCursor): string {
  return `${call.startsAt ? call.startsAt.getTime() : UNDATED_CURSOR}.${call.id}`;
}

/** Reads a cursor already checked against callCursorPattern; null when it does not parse. */
export function decodeCursor(cursor: string): CallCursor | null {
  const match = callCursorPattern.exec(cursor);
  if (!match) return null;
  if (match[1] === UNDATED_CURSOR) return { startsAt: null, id: match[2]! };
  const startsAt = new Date(Number(match[1]));
  return Number.isNaN(startsAt.getTime()) ? null : { startsAt, id: match[2]! };
}

/**
 * Collects one page of `limit` rows that pass `keep`, fetching in batches after a cursor, and says where the
 * next page starts. The next cursor is the last row looked at, so rows dropped by `keep` are not read again.
 */
export async function collectPage<Row extends CallCursor>(
  fetchBatch: (after: CallCursor | null, take: number) => Promise<Row[]>,
  keep: (row: Row) => boolean,
  limit: number,
  after: CallCursor | null,
): Promise<{ rows: Row[]; nextCursor: string | null }> {
  const rows: Row[] = [];
  const batchSize = limit + 1;
  let position = after;
  for (;;) {
    const batch = await fetchBatch(position, batchSize);
    for (const row of batch) {
      if (keep(row)) {
        // A kept row beyond the page proves there is a next page; it starts after the last row looked at.
        if (rows.length === limit) return { rows, nextCursor: position ? encodeCursor(position) : null };
        rows.push(row);
      }
      position = row;
    }
    if (batch.length < batchSize) return { rows, nextCursor: null };
  }
}

function wallClockMinutes(instant: Date, timeZone: string): number {
  return Date.parse(`${utcToZonedLocal(instant, timeZone)}Z`) / MINUTE_MS;
}

function addWallClockMinutes(instant: Date, minutes: number, timeZone: string): Date {
  const shifted = new Date((wallClockMinutes(instant, timeZone) + minutes) * MINUTE_MS);
  return zonedLocalToUtc(shifted.toISOString().slice(0, 16), timeZone);
}

/**
 * The default start of the next call of a series: the latest call plus the interval between the last two (or
 * two weeks), measured in wall-clock time in the call's timezone so a 17:30 call stays at 17:30 across a DST
 * change. Steps over dates already past, so a series that paused resumes on its rhythm. Intervals under a day
 * are not a rhythm and fall back to the default.
 */
export function planNextStart(seriesStarts: Date[], timeZone: string, now: Date): Date {
  const sorted = [...seriesStarts].sort((a, b) => a.getTime() - b.getTime());
  const last = sorted.at(-1);
  if (!last) throw new Error('A series has at least one call');
  const beforeLast = sorted.at(-2);
  const measured = beforeLast ? wallClockMinutes(last, timeZone) - wallClockMinutes(beforeLast, timeZone) : 0;
  const interval = measured >= DAY_MINUTES ? measured : DEFAULT_SERIES_INTERVAL_MINUTES;
  // Always count from the last call, so a step that lands in a DST gap does not shift the ones after it.
  let steps = 1;
  let next = addWallClockMinutes(last, interval, timeZone);
  while (next.getTime() <= now.getTime() && steps < 10_000) {
    steps += 1;
    next = addWallClockMinutes(last, interval * steps, timeZone);
  }
  return next;
}
