'use client';

import { listItems } from '@/lib/call-state';
import type { PublicCall } from '@/lib/protocol';
import { readTimer } from '@/lib/forecast';
import { ItemTimer } from './item-timer';
import { useNow } from '../ui/use-clock';

export function CurrentItem({ call, clockOffsetMs }: { call: PublicCall; clockOffsetMs: number }) {
  const items = listItems(call);
  const index = items.findIndex((item) => item.id === call.currentItemId);
  const current = items[index];
  const next = items[index + 1];

  if (call.status === 'scheduled') {
    if (call.startsAt === null) return <p className="text-slate-600">The date of this call is to be announced. The current item will be highlighted here once the host starts.</p>;
    return <p className="text-slate-600">The call has not started yet. The current item will be highlighted here once the host starts.</p>;
  }
  if (call.status === 'ended' || !current) {
    return <p className="text-slate-600">The call has ended. Thanks for joining!</p>;
  }
  return (
    <div>
      <p className="text-xs font-semibold tracking-wide text-indigo-700 uppercase">
        Now · {current.sectionTitle} · item {index + 1} of {items.length}
      </p>
      <p className="mt-1 text-2xl font-bold break-words" data-testid="current-item-title">
        {current.title}
      </p>
      <div className="mt-2 flex flex-wrap items-center gap-x-4 gap-y-1 text-sm text-slate-600">
        {current.presenter ? <span>Presenter: {current.presenter}</span> : null}
        <ItemTimer call={call} clockOffsetMs={clockOffsetMs} />
      </div>
      {next ? <p className="mt-3 text-sm text-slate-500">Up next: {next.title}</p> : <p className="mt-3 text-sm text-slate-500">This is the last item.</p>}
    </div>
  );
}

function timerMessage(call: PublicCall, isOver: boolean): string {
  if (call.timerPausedAt) return 'Timer paused.';
  if (isOver) return 'The current item is over its planned time.';
  if (call.timerExtraSeconds) return `Item extended by ${Math.round(call.timerExtraSeconds / 60)} minutes.`;
  return '';
}

/** Announces agenda moves and timer changes (pause, extension, overrun) to screen readers. */
export function AgendaAnnouncer({ call, clockOffsetMs }: { call: PublicCall; clockOffsetMs: number }) {
  const now = useNow(5000);
  const current = listItems(call).find((item) => item.id === call.currentItemId);
  const isOver = (readTimer(call, now + clockOffsetMs)?.level ?? 'ok') !== 'ok';
  const message =
    call.status === 'live' && current
      ? [`Now: ${current.title}.`, timerMessage(call, isOver)].filter(Boolean).join(' ')
      : call.status === 'ended'
        ? 'The call has ended.'
        : '';
  return (
    <div aria-live="polite" className="sr-only">
      {message}
    </div>
  );
}
