import { formatDateTime, formatTime } from '@/lib/time';

export const DATE_TO_BE_ANNOUNCED = 'Date to be announced';
/** A past call brought in from a document that gave no date. */
export const DATE_NOT_RECORDED = 'Date not recorded';

function isSameDate(iso: string, zoneA: string, zoneB: string): boolean {
  const dateIn = (timeZone: string) => new Date(iso).toLocaleDateString('en-CA', { timeZone });
  return dateIn(zoneA) === dateIn(zoneB);
}

/**
 * When a call starts, in the viewer's timezone with the call's own alongside (its date only when it differs).
 * A call whose date is to be announced says so, or when it really started once it has.
 */
export function CallStart({
  startsAt,
  startedAt = null,
  endedAt = null,
  timezone,
  isEnded = false,
}: {
  startsAt: string | null;
  startedAt?: string | null;
  endedAt?: string | null;
  timezone: string;
  isEnded?: boolean;
}) {
  // A past call brought in from a document without a date is stored as starting and ending when it was brought
  // in: that moment is not when it took place.
  const isUndatedRecord = isEnded && startsAt === null && (startedAt === null || startedAt === endedAt);
  const at = isUndatedRecord ? null : (startsAt ?? startedAt);
  if (at === null) {
    return (
      <span className={isEnded ? 'text-slate-500' : 'font-medium text-amber-800'} data-testid="call-start">
        {isEnded ? DATE_NOT_RECORDED : DATE_TO_BE_ANNOUNCED}
      </span>
    );
  }
  const viewerZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const callZoneTime = isSameDate(at, viewerZone, timezone) ? formatTime(at, timezone) : formatDateTime(at, timezone);
  return (
    <span data-testid="call-start">
      {startsAt === null ? 'Started ' : null}
      <time dateTime={at}>{formatDateTime(at)}</time>
      {viewerZone !== timezone ? (
        <span className="text-slate-500">
          {' '}
          · {callZoneTime} ({timezone})
        </span>
      ) : null}
    </span>
  );
}
