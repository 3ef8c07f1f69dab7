import type { CallStatus, PublicCall } from '@/lib/protocol';
import type { ConnectionStatus, DatabaseHealth } from '../client/call-store';
import { CallStart } from '../schedule/call-start';
import { CALL_STATUS_STYLES } from '../ui/status-styles';
import { ConnectionNotice } from './connection-notice';

export const CALL_STATUS_LABELS: Record<CallStatus, string> = { scheduled: 'Scheduled', live: 'Live', ended: 'Ended' };

export function CallHeader({
  call,
  connection,
  onlineCount,
  databaseHealth = 'ok',
}: {
  call: PublicCall;
  connection: ConnectionStatus;
  onlineCount: number;
  databaseHealth?: DatabaseHealth;
}) {
  return (
    <header className="border-b border-slate-200 bg-white">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-4 gap-y-2 px-4 py-4 max-md:gap-y-1 max-md:px-3 max-md:py-2 sm:px-6">
        <a href="/" className="text-sm font-bold text-indigo-700">
          Roundtable
        </a>
        <div className="min-w-0 flex-1 basis-64">
          <h1 className="truncate text-xl font-bold max-md:text-lg sm:text-2xl">{call.title}</h1>
          <p className="text-sm text-slate-600">
            <CallStart startsAt={call.startsAt} startedAt={call.startedAt} endedAt={call.endedAt} timezone={call.timezone} isEnded={call.status === 'ended'} />
            <span className="text-slate-500"> · {call.plannedMinutes} min</span>
          </p>
        </div>
        {/* On a phone the sticky bar below shows the status, and People the count. */}
        <div className="flex items-center gap-3 text-sm max-md:hidden">
          <span className="text-slate-600" aria-label={`${onlineCount} online`}>
            {onlineCount} online
          </span>
          <span className={`inline-flex items-center gap-1.5 rounded-full px-3 py-1 font-semibold ring-1 ${CALL_STATUS_STYLES[call.status]}`} data-testid="call-status">
            {call.status === 'live' ? <span className="size-2 animate-pulse rounded-full bg-red-600" aria-hidden /> : null}
            {CALL_STATUS_LABELS[call.status]}
          </span>
        </div>
      </div>
      <ConnectionNotice connection={connection} databaseHealth={databaseHealth} />
    </header>
  );
}
