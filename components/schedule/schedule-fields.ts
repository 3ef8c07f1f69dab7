import type { Issue, PublicCall } from '@/lib/protocol';
import { formatDateTime, utcToZonedLocal, zonedLocalToUtc } from '@/lib/time';
import type { ScheduleCommand } from '../client/schedule.commands';

/** The schedule editor's inputs, as the browser's form controls hold them. */
export type ScheduleFields = { date: string; time: string; timezone: string; plannedMinutes: string; documentsBaseUrl: string };

/** The call's current schedule, with its start on the wall clock of its own timezone. */
export function fieldsFromCall(call: Pick<PublicCall, 'startsAt' | 'timezone' | 'plannedMinutes' | 'documentsBaseUrl'>): ScheduleFields {
  const [date = '', time = ''] = call.startsAt ? utcToZonedLocal(new Date(call.startsAt), call.timezone).split('T') : [];
  return { date, time, timezone: call.timezone, plannedMinutes: String(call.plannedMinutes), documentsBaseUrl: call.documentsBaseUrl };
}

/**
 * The command to send, or what is wrong with the fields. An empty date leaves the date to be announced.
 * The documents base URL is left to the server, which owns the rule for which links are allowed.
 */
export function toScheduleCommand(fields: ScheduleFields): { command: ScheduleCommand } | { issues: Issue[] } {
  const issues: Issue[] = [];
  if (fields.date && !fields.time) issues.push({ path: 'time', message: 'Add a start time, or clear the date to leave it to be announced.' });
  if (!fields.date && fields.time) issues.push({ path: 'date', message: 'Add a date, or clear the start time to leave the date to be announced.' });
  const minutes = Number(fields.plannedMinutes);
  if (!/^\d+$/.test(fields.plannedMinutes.trim()) || minutes < 5 || minutes > 1440) {
    issues.push({ path: 'plannedMinutes', message: 'Enter a whole number of minutes from 5 to 1440.' });
  }
  if (issues.length > 0) return { issues };
  return {
    command: {
      startsAt: fields.date ? `${fields.date}T${fields.time.slice(0, 5)}` : null,
      timezone: fields.timezone,
      plannedMinutes: minutes,
      documentsBaseUrl: fields.documentsBaseUrl.trim(),
    },
  };
}

/** What a screen reader hears once the server accepted the schedule. */
export function describeSchedule(command: ScheduleCommand): string {
  if (!command.startsAt || !command.timezone) return 'Saved. The date is to be announced.';
  const instant = zonedLocalToUtc(command.startsAt, command.timezone).toISOString();
  return `Saved. The call starts ${formatDateTime(instant, command.timezone)} (${command.timezone}).`;
}
