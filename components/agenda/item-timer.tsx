'use client';

import { readTimer } from '@/lib/forecast';
import type { PublicCall } from '@/lib/protocol';
import { formatDuration } from '@/lib/time';
import { useNow } from '../ui/use-clock';

const tones = { ok: 'text-slate-700', over: 'text-amber-600', 'far-over': 'text-red-700' } as const;
/** For the dark projector view. */
const largeTones = { ok: 'text-white', over: 'text-amber-400', 'far-over': 'text-red-400' } as const;

/** Elapsed and planned time of the current item, from the server's clock. A second copy on a page (the phone's top bar) takes another `testId`. */
export function ItemTimer({ call, clockOffsetMs, large = false, testId = 'item-timer' }: { call: PublicCall; clockOffsetMs: number; large?: boolean; testId?: string }) {
  const now = useNow(500);
  const timer = readTimer(call, now + clockOffsetMs);
  if (!timer) return null;
  const overBy = timer.plannedMs !== null && timer.level !== 'ok' ? timer.elapsedMs - timer.plannedMs : 0;
  return (
    <span className={`font-mono tabular-nums ${large ? `text-6xl font-bold ${largeTones[timer.level]}` : tones[timer.level]}`} data-testid={testId} data-level={timer.level}>
      {formatDuration(timer.elapsedMs)}
      {timer.plannedMs !== null ? <span className="text-slate-500"> / {formatDuration(timer.plannedMs)}</span> : null}
      {timer.isPaused ? <span className="ml-2 font-sans text-sm font-semibold text-slate-500">Paused</span> : null}
      {overBy > 0 ? <span className="ml-2 font-sans text-sm font-semibold">over by {formatDuration(overBy)}</span> : null}
    </span>
  );
}
