'use client';

import { useEffect, useState } from 'react';
import { listItems } from '@/lib/call-state';
import type { Ack, PublicCall } from '@/lib/protocol';
import { Button } from '../ui/button';
import { ErrorMessage, Panel } from '../ui/panel';
import type { CallStore } from '../client/call-store';

function isTyping(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));
}

export function HostControls({ store, call }: { store: CallStore; call: PublicCall }) {
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setBusy] = useState(false);
  const items = listItems(call);
  const index = items.findIndex((item) => item.id === call.currentItemId);

  async function run(action: () => Promise<Ack<unknown>>) {
    setBusy(true);
    const response = await action();
    setBusy(false);
    setError(response.ok ? null : response.error.message);
  }

  const next = () => run(() => store.send('agenda:advance', { direction: 'next' }));
  const previous = () => run(() => store.send('agenda:advance', { direction: 'previous' }));

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
        <Button className="w-full" disabled={isBusy} onClick={() => run(() => store.send('call:start', {}))}>
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
              <Button variant="secondary" disabled={isBusy} onClick={() => run(() => store.send('timer:resume', {}))}>
                Resume timer
              </Button>
            ) : (
              <Button variant="secondary" disabled={isBusy} onClick={() => run(() => store.send('timer:pause', {}))}>
                Pause timer
              </Button>
            )}
            <Button variant="secondary" disabled={isBusy} onClick={() => run(() => store.send('timer:extend', { minutes: 1 }))} aria-label="Extend the item by 1 minute">
              +1 min
            </Button>
            <Button variant="secondary" disabled={isBusy} onClick={() => run(() => store.send('timer:extend', { minutes: 5 }))} aria-label="Extend the item by 5 minutes">
              +5 min
            </Button>
            <Button variant="ghost" disabled={isBusy} onClick={() => run(() => store.send('timer:reset', {}))}>
              Reset timer
            </Button>
          </div>
          <p className="text-xs text-slate-500">
            Keyboard: <kbd className="rounded bg-slate-100 px-1">n</kbd> next, <kbd className="rounded bg-slate-100 px-1">p</kbd> previous.
          </p>
          <Button variant="danger" className="w-full" disabled={isBusy} onClick={() => run(() => store.send('call:end', {}))}>
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
