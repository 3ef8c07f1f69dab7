'use client';

import { useEffect } from 'react';
import { listItems } from '@/lib/call-state';
import type { PublicCall } from '@/lib/protocol';
import * as agenda from '../client/agenda.commands';
import type { CallStore } from '../client/call-store';
import { useCommand } from '../client/use-command';
import { Button } from '../ui/button';
import { ErrorMessage, Panel } from '../ui/panel';

function isTyping(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));
}

export function HostControls({ store, call }: { store: CallStore; call: PublicCall }) {
  const { error, isBusy, run } = useCommand();
  const items = listItems(call);
  const index = items.findIndex((item) => item.id === call.currentItemId);

  const next = () => run(() => agenda.advance(store, 'next'));
  const previous = () => run(() => agenda.advance(store, 'previous'));

  useEffect(() => {
    if (call.status !== 'live') return;
    const onKey = (event: KeyboardEvent) => {
      if (event.altKey || event.ctrlKey || event.metaKey || isTyping(event.target)) return;
      if (event.key === 'n') void next();
      if (event.key === 'p') void previous();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  return (
    <Panel title="Host controls">
      {call.status === 'scheduled' ? (
        <Button className="w-full" disabled={isBusy} onClick={() => run(() => agenda.startCall(store))}>
          Start the call
        </Button>
      ) : null}
      {call.status === 'live' ? (
        <div className="space-y-3">
          <div className="grid grid-cols-2 gap-2">
            <Button variant="secondary" disabled={isBusy || index <= 0} onClick={previous} aria-keyshortcuts="p">
              ← Previous
            </Button>
            <Button disabled={isBusy || index >= items.length - 1} onClick={next} aria-keyshortcuts="n">
              Next →
            </Button>
          </div>
          <div role="group" aria-label="Item timer" className="flex flex-wrap gap-2">
            {call.timerPausedAt ? (
              <Button variant="secondary" disabled={isBusy} onClick={() => run(() => agenda.resumeTimer(store))}>
                Resume timer
              </Button>
            ) : (
              <Button variant="secondary" disabled={isBusy} onClick={() => run(() => agenda.pauseTimer(store))}>
                Pause timer
              </Button>
            )}
            <Button variant="secondary" disabled={isBusy} onClick={() => run(() => agenda.extendTimer(store, 1))} aria-label="Extend the item by 1 minute">
              +1 min
            </Button>
            <Button variant="secondary" disabled={isBusy} onClick={() => run(() => agenda.extendTimer(store, 5))} aria-label="Extend the item by 5 minutes">
              +5 min
            </Button>
            <Button variant="ghost" disabled={isBusy} onClick={() => run(() => agenda.resetTimer(store))}>
              Reset timer
            </Button>
          </div>
          <p className="text-xs text-slate-600">
            Keyboard: <kbd className="rounded bg-slate-100 px-1">n</kbd> next, <kbd className="rounded bg-slate-100 px-1">p</kbd> previous.
          </p>
          <Button variant="danger" className="w-full" disabled={isBusy} onClick={() => run(() => agenda.endCall(store))}>
            End the call
          </Button>
        </div>
      ) : null}
      {call.status === 'ended' ? <p className="text-sm text-slate-600">This call has ended.</p> : null}
      <a href={`/c/${call.slug}/present`} target="_blank" rel="noopener" className="mt-3 block text-sm font-semibold text-indigo-700 hover:underline">
        Open the projector view ↗
      </a>
      <ErrorMessage message={error} />
    </Panel>
  );
}
