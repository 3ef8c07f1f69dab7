/** Time helpers shared by server and browser. Pure: no globals but Intl. */

export function isValidTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}

const offsetFormatters = new Map<string, Intl.DateTimeFormat>();

/** Offset of `timeZone` from UTC at `instant`, in milliseconds (positive east of Greenwich). */
export function timeZoneOffsetMs(timeZone: string, instant: number): number {
  let formatter = offsetFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    offsetFormatters.set(timeZone, formatter);
  }
  const parts: Record<string, number> = {};
  for (const part of formatter.formatToParts(new Date(instant))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  const wallClock = Date.UTC(
    parts.year ?? 1970,
    (parts.month ?? 1) - 1,
    parts.day ?? 1,
    parts.hour ?? 0,
    parts.minute ?? 0,
    parts.second ?? 0,
  );
  return wallClock - Math.floor(instant / 1000) * 1000;
}

const localDateTimePattern = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

export function isLocalDateTime(value: string): boolean {
  const match = localDateTimePattern.exec(value);
  if (!match) return false;
  const [, year, month, day, hour, minute] = match.map(Number);
  const date = new Date(Date.UTC(year!, month! - 1, day!, hour!, minute!));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month! - 1 && date.getUTCDate() === day && hour! < 24 && minute! < 60;
}

/** Converts a wall-clock time `YYYY-MM-DDTHH:mm` in `timeZone` to a UTC instant. */
export function zonedLocalToUtc(localDateTime: string, timeZone: string): Date {
  const match = localDateTimePattern.exec(localDateTime);
  if (!match) throw new Error(`Not a local date-time: ${localDateTime}`);
  const [, year, month, day, hour, minute] = match.map(Number);
  const asUtc = Date.UTC(year!, month! - 1, day!, hour!, minute!);
  const firstGuess = asUtc - timeZoneOffsetMs(timeZone, asUtc);
  // A second pass corrects guesses that land on the other side of a DST change.
  const corrected = asUtc - timeZoneOffsetMs(timeZone, firstGuess);
  return new Date(corrected);
}

/** The wall-clock `YYYY-MM-DDTHH:mm` of `instant` in `timeZone` (inverse of zonedLocalToUtc). */
export function utcToZonedLocal(instant: Date, timeZone: string): string {
  const shifted = new Date(instant.getTime() + timeZoneOffsetMs(timeZone, instant.getTime()));
  return shifted.toISOString().slice(0, 16);
}

export function formatDateTime(iso: string, timeZone?: string, locale?: string): string {
  return new Intl.DateTimeFormat(locale, {
    timeZone,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZoneName: 'short',
  }).format(new Date(iso));
}

export function formatTime(iso: string | number, timeZone?: string, locale?: string): string {
  return new Intl.DateTimeFormat(locale, { timeZone, hour: '2-digit', minute: '2-digit', timeZoneName: 'short' }).format(
    new Date(iso),
  );
}

export function formatDuration(milliseconds: number): string {
  const totalSeconds = Math.max(0, Math.floor(milliseconds / 1000));
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = totalSeconds % 60;
  const mmss = `${String(minutes).padStart(hours ? 2 : 1, '0')}:${String(seconds).padStart(2, '0')}`;
  return hours ? `${hours}:${mmss}` : mmss;
}

const isoInstantPattern = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(?::\d{2}(?:\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/i;

/** An ISO 8601 instant with `Z` or an offset: `2026-12-03T16:30:00Z`, `2026-12-03T17:30+01:00`. */
export function isIsoInstant(value: string): boolean {
  const match = isoInstantPattern.exec(value);
  return Boolean(match && isLocalDateTime(`${match[1]}T${match[2]}`) && !Number.isNaN(Date.parse(value.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'))));
}

/**
 * The IANA zone of a whole-hour UTC offset (`+`, 2 → `Etc/GMT-2`: the Etc zones count the other way round), or
 * null for an offset no single zone has (minutes, more than 14 hours).
 */
export function zoneOfUtcOffset(sign: string, hours: number, minutes = 0): string | null {
  if (minutes !== 0 || hours > 14) return null;
  return hours === 0 ? 'UTC' : `Etc/GMT${sign === '+' ? '-' : '+'}${hours}`;
}

/**
 * A start given as an ISO instant, as the wall-clock time of `timeZone`; without a timezone, in the zone the
 * offset names (`Z` is UTC, whole-hour offsets an `Etc/GMT±N` zone, others UTC).
 */
export function instantToZonedStart(instant: string, timeZone: string | undefined): { startsAt: string; timezone: string } {
  const offset = isoInstantPattern.exec(instant)?.[3] ?? 'Z';
  const date = new Date(Date.parse(instant.replace(/([+-]\d{2})(\d{2})$/, '$1:$2')));
  const [, sign, hours, minutes] = /^([+-])(\d{2}):?(\d{2})$/.exec(offset) ?? [];
  const zone = timeZone ?? (sign ? zoneOfUtcOffset(sign, Number(hours), Number(minutes)) : null) ?? 'UTC';
  return { startsAt: utcToZonedLocal(date, zone), timezone: zone };
}
