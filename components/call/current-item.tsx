'use client';

import { listItems } from '@/lib/call-state';
import type { PublicCall } from '@/lib/protocol';
import { ItemTimer } from './item-timer';

export function CurrentItem({ call, clockOffsetMs }: { call: PublicCall; clockOffsetMs: number }) {
  const items = listItems(call);
  const index = items.findIndex((item) => item.id === call.currentItemId);
  const current = items[index];
  const next = items[index + 1];

  if (call.status === 'scheduled') {
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
        {call.itemStartedAt ? <ItemTimer startedAt={call.itemStartedAt} plannedMinutes={current.plannedMinutes} clockOffsetMs={clockOffsetMs} /> : null}
      </div>
      {next ? <p className="mt-3 text-sm text-slate-500">Up next: {next.title}</p> : <p className="mt-3 text-sm text-slate-500">This is the last item.</p>}
    </div>
  );
}

/** Announces agenda moves to screen readers. */
export function AgendaAnnouncer({ call }: { call: PublicCall }) {
  const current = listItems(call).find((item) => item.id === call.currentItemId);
  const message = call.status === 'live' && current ? `Now: ${current.title}` : call.status === 'ended' ? 'The call has ended.' : '';
  return (
    <div aria-live="polite" className="sr-only">
      {message}
    </div>
  );
}
