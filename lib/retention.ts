import type { PublicCall } from './protocol';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * What the record and the call page say in place of the attendees' names once the retention sweep removed them
 * (ROUNDTABLE_RETENTION_DAYS), or null while the names are kept.
 */
export function removedNamesNotice(call: Pick<PublicCall, 'endedAt' | 'personalDataRemovedAt'>): string | null {
  if (!call.personalDataRemovedAt) return null;
  if (!call.endedAt) return 'Attendees’ names were removed.';
  const days = Math.max(0, Math.floor((Date.parse(call.personalDataRemovedAt) - Date.parse(call.endedAt)) / DAY_MS));
  return `Attendees’ names were removed ${days} ${days === 1 ? 'day' : 'days'} after the call.`;
}
