'use client';

import { formatDuration } from '@/lib/time';
import { useNow } from './use-call';

/** Elapsed time of the current item, from the server's clock. */
export function ItemTimer({ startedAt, plannedMinutes, clockOffsetMs }: { startedAt: string; plannedMinutes: number | null; clockOffsetMs: number }) {
  const now = useNow();
  const elapsed = now + clockOffsetMs - Date.parse(startedAt);
  const planned = plannedMinutes ? plannedMinutes * 60_000 : null;
  const tone = planned && elapsed > planned ? (elapsed > planned * 1.25 ? 'text-red-700' : 'text-amber-600') : 'text-slate-700';
  return (
    <span className={`font-mono tabular-nums ${tone}`} data-testid="item-timer">
      {formatDuration(elapsed)}
      {planned ? <span className="text-slate-400"> / {formatDuration(planned)}</span> : null}
    </span>
  );
}
