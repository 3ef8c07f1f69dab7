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
  endsAt: number | null;
};

/**
 * When each later item should start and when the call should end, from the plan and how the current item
 * is going. Items without planned minutes count as zero.
 */
export function forecastAgenda(call: PublicCall, now: number): Forecast {
  const items = listItems(call);
  const startsAt = new Map<string, number>();
  if (call.status === 'ended') return { startsAt, endsAt: null };

  let cursor: number;
  let upcoming = items;
  if (call.status === 'scheduled') {
    cursor = Math.max(Date.parse(call.startsAt), now);
  } else {
    const index = items.findIndex((item) => item.id === call.currentItemId);
    const timer = readTimer(call, now);
    const remaining = timer?.plannedMs != null ? Math.max(0, timer.plannedMs - timer.elapsedMs) : 0;
    cursor = now + remaining;
    upcoming = index >= 0 ? items.slice(index + 1) : items;
  }
  for (const item of upcoming) {
    startsAt.set(item.id, cursor);
    cursor += (item.plannedMinutes ?? 0) * 60_000;
  }
  return { startsAt, endsAt: cursor };
}
