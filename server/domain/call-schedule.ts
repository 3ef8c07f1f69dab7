import type { CallEvent, PublicCall } from '@/lib/protocol';
import { instantToZonedStart, isIsoInstant, zonedLocalToUtc } from '@/lib/time';

/** `startsAt` null: the date is to be announced; a local start is read in `timezone`, else the call's. */
export type ScheduleCommand = { startsAt: string | null; timezone?: string; plannedMinutes?: number; documentsBaseUrl?: string };

/** The host sets a call's date (or clears it), timezone, length or documents base URL: one event with all four. */
export function decideSchedule(call: Pick<PublicCall, 'timezone' | 'plannedMinutes' | 'documentsBaseUrl'>, command: ScheduleCommand): CallEvent[] {
  const timezone = command.timezone ?? call.timezone;
  let startsAt: string | null = null;
  if (command.startsAt !== null) {
    // Minutes, like a created call: an instant is first put on the wall clock of the call's zone.
    const local = isIsoInstant(command.startsAt) ? instantToZonedStart(command.startsAt, timezone).startsAt : command.startsAt;
    startsAt = zonedLocalToUtc(local, timezone).toISOString();
  }
  return [
    {
      type: 'call.scheduled',
      startsAt,
      timezone,
      plannedMinutes: command.plannedMinutes ?? call.plannedMinutes,
      documentsBaseUrl: command.documentsBaseUrl ?? call.documentsBaseUrl,
    },
  ];
}
