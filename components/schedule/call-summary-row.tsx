import type { CallStatus } from '@/lib/protocol';
import type { CallSummary, CallView } from '@/lib/protocol/schedule';
import { CallStart } from './call-start';
import { CALL_STATUS_STYLES } from '../ui/status-styles';

function badgeLabel(status: CallStatus, view: CallView): string {
  if (status === 'live') return 'Live';
  if (status === 'ended') return 'Ended';
  // A scheduled call listed under "Past" was never started.
  return view === 'past' ? 'Not held' : 'Scheduled';
}

/** One call in the list. Rendered only in the browser, so times use the viewer's own timezone. */
export function CallSummaryRow({ call, view }: { call: CallSummary; view: CallView }) {
  return (
    <li>
      <a
        href={`/c/${call.slug}`}
        data-testid="call-summary"
        className="block rounded-xl bg-white p-4 ring-1 ring-slate-200 hover:ring-indigo-300 focus-visible:ring-2 focus-visible:ring-indigo-600 focus-visible:outline-none"
      >
        <span className="flex items-start justify-between gap-3">
          <span className="min-w-0 font-semibold break-words text-slate-900">{call.title}</span>
          <span className={`shrink-0 rounded-full px-2.5 py-0.5 text-xs font-semibold ring-1 ${CALL_STATUS_STYLES[call.status]}`}>
            {call.status === 'live' ? <span className="mr-1 inline-block size-2 animate-pulse rounded-full bg-red-600" aria-hidden /> : null}
            {badgeLabel(call.status, view)}
          </span>
        </span>
        <span className="mt-1 block text-sm text-slate-600">
          <CallStart startsAt={call.startsAt} timezone={call.timezone} isEnded={call.status === 'ended'} />
          <span className="text-slate-500"> · {call.plannedMinutes} min</span>
        </span>
      </a>
    </li>
  );
}
