import { timeZoneOffsetMs, zonedLocalToUtc } from '../../time';
import { abbreviationFor, lookUpAbbreviation } from '../time-zone-abbreviations';
import { describeDay, formatDay, isRealDay, MONTHS, pad, WEEKDAYS, weekdayOf, type CalendarDay } from './calendar';
import { dateFromFilename } from './filename-date';
import { readWhenParts, type WhenParts, type WrittenDate } from './when-parts';
import { inferYear, referenceFrom, type YearReference } from './year-inference';

/** What the "when" part of a title line says. Only what was read is set; `problems` says what was not. */
export type StartReading = {
  startsAt?: string;
  timezone?: string;
  plannedMinutes?: number;
  problems: string[];
  /** True when the text holds a date or a clock time at all, i.e. it is a "when" and not part of a title. */
  isRecognized: boolean;
};

/** With a context, a date without a year takes one (see inferYear); without, it is left for the host to fill in. */
export type StartContext = { filename?: string; today?: Date };

export type ResolvedDay = { day?: CalendarDay; problems: string[]; inference?: string };

/** Puts a year on a written date and checks it against the calendar and the weekday written beside it. */
export function resolveDay(date: WrittenDate, parts: Pick<WhenParts, 'weekday' | 'weekdayWritten'>, reference: YearReference | null): ResolvedDay {
  const problems: string[] = [];
  let year = date.year;
  let inference: string | undefined;
  if (year === undefined) {
    if (!reference) return { problems: [`the date “${date.written}” has no year; fill in the date (no year is assumed)`] };
    const inferred = inferYear(date.month, date.day, parts.weekday, date.written, reference);
    if (inferred.year === undefined) return { problems: [inferred.notice] };
    year = inferred.year;
    inference = inferred.notice;
  }
  if (!isRealDay(year, date.month, date.day)) return { problems: [`“${date.written}” is not a real date; fill in the date`] };
  const day = { year, month: date.month, day: date.day };
  const actual = WEEKDAYS[weekdayOf(day)]!;
  if (parts.weekdayWritten && parts.weekday !== weekdayOf(day)) {
    problems.push(`it says “${parts.weekdayWritten}” but ${describeDay(day.month, day.day, year)} is a ${actual}; check the date`);
  }
  return { day, problems, inference };
}

/** "CET" in July names an offset Berlin does not use then; we keep the wall-clock time and say so. */
export function offsetWarning(startsAt: string, timezone: string, abbreviation: string | undefined): string | null {
  const found = abbreviation ? lookUpAbbreviation(abbreviation) : null;
  if (found?.kind !== 'known' || found.offset === null || found.timeZone !== timezone) return null;
  const instant = zonedLocalToUtc(startsAt, timezone).getTime();
  if (Math.round(timeZoneOffsetMs(timezone, instant) / 60_000) === found.offset) return null;
  const inEffect = abbreviationFor(timezone, instant) ?? timezone;
  return `${abbreviation} is not in effect in ${timezone} on that date (${inEffect} is); the start is read as ${startsAt.slice(11)} ${timezone} time`;
}

export const clockText = (minutes: number) => `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;

/** Reads a start such as "Thursday, December 3, 2026, 17:30 CET" or "2026-12-03 17:30–18:30 UTC". */
export function readStart(text: string, context?: StartContext): StartReading {
  const parts = readWhenParts(text);
  const reading: StartReading = { problems: [], isRecognized: parts.isRecognized };
  if (!parts.isRecognized) return reading;
  if (parts.plannedMinutes !== undefined) reading.plannedMinutes = parts.plannedMinutes;
  const problemsOf = (kind: string) => parts.problems.filter((problem) => problem.kind === kind).map((problem) => problem.message);
  reading.problems.push(...problemsOf('other'), ...problemsOf('date'));
  let localDate: string | undefined;
  if (!parts.date) {
    if (problemsOf('date').length === 0) reading.problems.push('no start date could be read; fill in the date');
  } else {
    const reference = context ? referenceFrom(context.filename ? dateFromFilename(context.filename) : null, context.today && !Number.isNaN(context.today.getTime()) ? context.today : new Date()) : null;
    const resolved = resolveDay(parts.date, parts, reference);
    if (parts.dateNote) reading.problems.push(parts.dateNote);
    if (resolved.inference) reading.problems.push(resolved.inference);
    reading.problems.push(...resolved.problems);
    if (resolved.day) localDate = formatDay(resolved.day);
  }
  if (parts.minutes === undefined) reading.problems.push('no start time could be read; fill in the time');
  reading.problems.push(...problemsOf('zone'));
  if (parts.timezone) reading.timezone = parts.timezone;
  if (localDate && parts.minutes !== undefined) {
    reading.startsAt = `${localDate}T${clockText(parts.minutes)}`;
    const warning = reading.timezone ? offsetWarning(reading.startsAt, reading.timezone, parts.zoneAbbreviation) : null;
    if (warning) reading.problems.push(warning);
  }
  return reading;
}

/** Writes a start the way readStart reads it back: "Thursday, December 3, 2026, 17:30–18:30 CET". */
export function formatStart(startsAt: string, timeZone: string, plannedMinutes: number): string {
  const [datePart = '', timePart = ''] = startsAt.split('T');
  const [year, month, day] = datePart.split('-').map(Number);
  const [hours, minutes] = timePart.split(':').map(Number);
  const weekday = WEEKDAYS[new Date(Date.UTC(year!, month! - 1, day!)).getUTCDay()];
  const end = clockText((hours! * 60 + minutes! + plannedMinutes) % 1440);
  const zone = abbreviationFor(timeZone, zonedLocalToUtc(startsAt, timeZone).getTime()) ?? timeZone;
  return `${weekday}, ${MONTHS[month! - 1]} ${day}, ${year}, ${timePart}–${end} ${zone}`;
}
