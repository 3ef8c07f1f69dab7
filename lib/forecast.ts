import { listItems } from './call-state';
import type { PublicCall } from './protocol';

export type TimerReading = {
  elapsedMs: number;
  plannedMs: number | null;
  /** 'ok' within plan, 'over' past it, 'far-over' well past it (more than 20 %, at least a minute). */
  level: 'ok' | 'over' | 'far-over';
  isPaused: boolean;
};

/** The current item's timer at `now` (server time). */
export function readTimer(call: PublicCall, now: number): TimerReading | null {
  if (call.status !== 'live' || !call.itemStartedAt) return null;
  const item = listItems(call).find((candidate) => candidate.id === call.currentItemId);
  if (!item) return null;
  const stoppedAt = call.timerPausedAt ? Date.parse(call.timerPausedAt) : now;
  const elapsedMs = Math.max(0, stoppedAt - Date.parse(call.itemStartedAt));
  const plannedSeconds = (item.plannedMinutes ?? 0) * 60 + call.timerExtraSeconds;
  const plannedMs = item.plannedMinutes !== null || call.timerExtraSeconds !== 0 ? Math.max(0, plannedSeconds * 1000) : null;
  let level: TimerReading['level'] = 'ok';
  if (plannedMs !== null && elapsedMs > plannedMs) {
    level = elapsedMs > plannedMs + Math.max(60_000, plannedMs * 0.2) ? 'far-over' : 'over';
  }
  return { elapsedMs, plannedMs, level, isPaused: call.timerPausedAt !== null };
}

export type Forecast = {
  /** Expected start of each item still to come (not the current one or earlier ones). */
  startsAt: Map<string, number>;
  /** Time expected for each item still to come that has no planned minutes (its share of the length left). */
  sharesMs: Map<string, number>;
  endsAt: number | null;
};

const MINUTE_MS = 60_000;
type ForecastItem = { id: string; plannedMinutes: number | null };

/**
 * Lays `items` out from `cursor`: planned items take their minutes, the others share `unplannedMs` evenly
 * (what the call's planned length leaves them).
 */
function layOut(items: ForecastItem[], cursor: number, unplannedMs: number, { startsAt, sharesMs }: Forecast): number {
  const unplannedCount = items.filter((item) => item.plannedMinutes === null).length;
  const shareMs = unplannedCount > 0 ? Math.max(0, unplannedMs) / unplannedCount : 0;
  let at = cursor;
  for (const item of items) {
    startsAt.set(item.id, at);
    if (item.plannedMinutes === null) sharesMs.set(item.id, shareMs);
    at += item.plannedMinutes === null ? shareMs : item.plannedMinutes * MINUTE_MS;
  }
  return at;
}

const plannedMsOf = (items: ForecastItem[]) => items.reduce((total, item) => total + (item.plannedMinutes ?? 0) * MINUTE_MS, 0);

/**
 * When each later item should start and when the call should end. Items without planned minutes share what the
 * planned length leaves after the planned items, so an agenda that keeps its plan ends at the planned end; an
 * overrun eats into that shared time first, then pushes the later items. Nothing is forecast before `now`.
 * A call whose date is to be announced has no forecast until it starts.
 */
export function forecastAgenda(call: PublicCall, now: number): Forecast {
  const items = listItems(call);
  const forecast: Forecast = { startsAt: new Map(), sharesMs: new Map(), endsAt: null };
  const lengthMs = call.plannedMinutes * MINUTE_MS;
  if (call.status === 'ended') return forecast;

  if (call.status === 'scheduled') {
    if (call.startsAt === null) return forecast;
    const cursor = Math.max(Date.parse(call.startsAt), now);
    return { ...forecast, endsAt: layOut(items, cursor, lengthMs - plannedMsOf(items), forecast) };
  }

  // A live call's length counts from when it really began (a TBA call has no other start).
  const begunAt = call.startedAt ? Date.parse(call.startedAt) : call.startsAt ? Date.parse(call.startsAt) : now;
  const plannedEnd = begunAt + lengthMs;
  const index = items.findIndex((item) => item.id === call.currentItemId);
  const current = items[index];
  const upcoming = index >= 0 ? items.slice(index + 1) : items;
  const upcomingPlannedMs = plannedMsOf(upcoming);
  const timer = readTimer(call, now);
  if (!current || !timer) {
    return { ...forecast, endsAt: layOut(upcoming, now, plannedEnd - now - upcomingPlannedMs, forecast) };
  }

  const elapsedMs = timer.elapsedMs;
  let currentEnd: number;
  if (current.plannedMinutes !== null) {
    currentEnd = now + Math.max(0, (timer.plannedMs ?? 0) - elapsedMs);
  } else {
    // The current item is one of the unplanned ones: it takes its share of what is left from when it began.
    const unplannedCount = 1 + upcoming.filter((item) => item.plannedMinutes === null).length;
    const shareMs = Math.max(0, plannedEnd - (now - elapsedMs) - upcomingPlannedMs) / unplannedCount;
    currentEnd = now + Math.max(0, shareMs + call.timerExtraSeconds * 1000 - elapsedMs);
  }
  return { ...forecast, endsAt: layOut(upcoming, currentEnd, plannedEnd - currentEnd - upcomingPlannedMs, forecast) };
}
