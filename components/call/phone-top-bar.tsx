'use client';

import { listItems } from '@/lib/call-state';
import type { PublicCall } from '@/lib/protocol';
import { ItemTimer } from '../agenda/item-timer';
import { CALL_STATUS_STYLES } from '../ui/status-styles';
import { CALL_STATUS_LABELS } from './call-header';

function headline(call: PublicCall): string {
  const current = listItems(call).find((item) => item.id === call.currentItemId);
  if (call.status === 'scheduled') return 'Not started yet';
  if (call.status === 'ended' || !current) return 'The call has ended';
  return current.title;
}

/** Stays at the top of a phone's screen on every tab: the current item, its timer and the call's status. */
export function PhoneTopBar({ call, clockOffsetMs }: { call: PublicCall; clockOffsetMs: number }) {
  return (
    <div className="sticky top-0 z-20 border-b border-slate-200 bg-white/95 px-3 py-2 backdrop-blur-sm md:hidden" data-testid="phone-top-bar">
      <div className="flex items-center gap-3">
        <div className="min-w-0 flex-1">
          <p className="truncate text-sm font-semibold text-slate-900" data-testid="phone-current-item">
            {call.status === 'live' ? <span className="sr-only">Now: </span> : null}
            {headline(call)}
          </p>
          {call.status === 'live' ? (
            <p className="text-xs">
              <ItemTimer call={call} clockOffsetMs={clockOffsetMs} testId="phone-item-timer" />
            </p>
          ) : null}
        </div>
        <span className={`inline-flex shrink-0 items-center gap-1.5 rounded-full px-2.5 py-0.5 text-xs font-semibold ring-1 ${CALL_STATUS_STYLES[call.status]}`} data-testid="phone-call-status">
          {call.status === 'live' ? <span className="size-2 animate-pulse rounded-full bg-red-600" aria-hidden /> : null}
          {CALL_STATUS_LABELS[call.status]}
        </span>
      </div>
    </div>
  );
}
