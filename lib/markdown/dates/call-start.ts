import type { ImportNotice } from '../call-draft';
import { describeDay, formatDay, WEEKDAYS, weekdayOf, type CalendarDay } from './calendar';
import { dateFromFilename } from './filename-date';
import { clockText, offsetWarning, resolveDay } from './start-reading';
import { readWhenParts, type WhenParts } from './when-parts';
import { referenceFrom, inferYear } from './year-inference';

/** A piece of text that may say when the call is, with its line: the title's "when", a `Date:` field, front matter… */
export type StartCandidate = { text: string; line: number };
export type CallStartContext = { filename?: string; today?: Date };

/**
 * The call's start as a careful reader puts it together from every candidate.
 * A date without a clock time (`# 2023-06-15`, front matter `date:`) sets `date`. A day still to come leaves `startsAt`
 * absent (to be announced: an invite must not name a time nobody wrote) and a notice asks for the time; a past day is
 * the record of a call that took place, filed under its day: `startsAt` is that day at 12:00 (the same calendar day in
 * every timezone from UTC-11 to UTC+11), which a notice says. `startsAt` is set whenever a day and a time were read,
 * even when the timezone was not (a notice asks for it).
 */
export type CallStart = {
  /** Local wall-clock `YYYY-MM-DDTHH:mm` in `timezone`. */
  startsAt?: string;
  /** The call's day `YYYY-MM-DD`, also when no time was read. */
  date?: string;
  /** IANA name. */
  timezone?: string;
  plannedMinutes?: number;
  /** The line the start was read from (the date's, else the time's). */
  line?: number;
  notices: ImportNotice[];
};

type Reading = { line: number; parts: WhenParts; day?: CalendarDay; isYearWritten?: boolean; inference?: string; dayProblems: string[] };

/** Reads the call's start from candidates in document order: the first full date wins, a time and zone may come from elsewhere. */
export function readCallStart(candidates: StartCandidate[], context: CallStartContext): CallStart {
  const notices: ImportNotice[] = [];
  const say = (line: number, message: string) => {
    const text = `Line ${line}: ${message}.`;
    if (!notices.some((notice) => notice.line === line && notice.message === text)) notices.push({ line, message: text });
  };
  const fileDate = context.filename ? dateFromFilename(context.filename) : null;
  const today = context.today instanceof Date && !Number.isNaN(context.today.getTime()) ? context.today : new Date();
  const reference = referenceFrom(fileDate, today);
  const readings: Reading[] = candidates
    .filter((candidate) => typeof candidate?.text === 'string')
    .map((candidate) => ({ line: candidate.line, parts: readWhenParts(candidate.text), dayProblems: [] }))
    .filter((reading) => reading.parts.isRecognized || reading.parts.timezone);

  const fullDates = readings.flatMap((reading) => (reading.parts.date?.year === undefined ? [] : [reading.parts.date]));
  const fileDay = fileDate?.year !== undefined && fileDate.month !== undefined && fileDate.day !== undefined ? { year: fileDate.year, month: fileDate.month - 1, day: fileDate.day } : null;
  for (const reading of readings) {
    const chosen = fileDay && reading.parts.alternatives?.find((date) => date.year === fileDay.year && date.month === fileDay.month && date.day === fileDay.day);
    if (chosen) {
      // "05/06/2023" in 2023-05-06.md: the file name says which of the two days it is.
      reading.parts.date = chosen;
      reading.parts.dateNote = `“${chosen.written}” could be read two ways; it is read as ${describeDay(chosen.month, chosen.day, chosen.year)}, the date in the file name`;
    }
    const date = reading.parts.date;
    if (!date) continue;
    // "February 14th" beside a `date: 2023-02-14` elsewhere takes that year without guessing.
    const sameDay = date.year === undefined ? fullDates.find((other) => other.month === date.month && other.day === date.day) : undefined;
    const resolved = resolveDay(sameDay ? { ...date, year: sameDay.year } : date, reading.parts, reference);
    reading.day = resolved.day;
    reading.isYearWritten = date.year !== undefined || sameDay !== undefined;
    reading.inference = resolved.inference;
    reading.dayProblems = resolved.problems;
  }

  // A date with its year written beats an earlier one whose year was inferred.
  const dated = readings.find((reading) => reading.day && reading.isYearWritten) ?? readings.find((reading) => reading.day);
  const timed = (dated?.parts.minutes !== undefined ? dated : undefined) ?? readings.find((reading) => reading.parts.minutes !== undefined);
  const zoned = [timed, dated, ...readings].find((reading) => reading?.parts.timezone);
  const lined = dated ?? timed ?? readings[0];
  const firstLine = lined?.line ?? candidates[0]?.line ?? 1;
  // What was read oddly about the time ("14:00PM", a 2-minute range) matters only for the time that is used.
  for (const problem of timed?.parts.problems ?? []) if (problem.kind === 'other') say(timed!.line, problem.message);

  let day = dated?.day;
  if (dated) {
    if (dated.parts.dateNote) say(dated.line, dated.parts.dateNote);
    if (dated.inference) say(dated.line, dated.inference);
    for (const problem of dated.dayProblems) say(dated.line, problem);
    const used = dated.day!;
    for (const other of readings) {
      if (other === dated || !other.day || (other.day.month === used.month && other.day.day === used.day && (!other.isYearWritten || other.day.year === used.year))) continue;
      const otherDay = describeDay(other.day.month, other.day.day, other.isYearWritten ? other.day.year : undefined);
      say(other.line, `it says ${otherDay}, but line ${dated.line} says ${describeDay(used.month, used.day, used.year)}; the date on line ${dated.line} is used`);
    }
    if (fileDay && formatDay(fileDay) !== formatDay(used)) {
      say(dated.line, `the file name “${context.filename}” says ${describeDay(fileDay.month, fileDay.day, fileDay.year)}; the date written here (${describeDay(used.month, used.day, used.year)}) is used`);
    }
  } else {
    for (const reading of readings) {
      for (const problem of reading.dayProblems) say(reading.line, problem);
      for (const problem of reading.parts.problems) if (problem.kind === 'date') say(reading.line, problem.message);
    }
    day = dayFromFile(fileDate, reference, context.filename ?? '', (message) => say(firstLine, message));
    const withWeekday = readings.find((reading) => reading.parts.weekday !== undefined);
    if (day && withWeekday && withWeekday.parts.weekday !== weekdayOf(day)) {
      say(withWeekday.line, `it says “${withWeekday.parts.weekdayWritten}” but the file name’s date, ${describeDay(day.month, day.day, day.year)}, is a ${WEEKDAYS[weekdayOf(day)]}; check the date`);
    }
  }

  const result: CallStart = { notices };
  if (day) result.date = formatDay(day);
  if (lined) result.line = lined.line;
  const minutes = timed?.parts.minutes;
  if (zoned?.parts.timezone) result.timezone = zoned.parts.timezone;
  else {
    const zoneProblems = readings.flatMap((reading) => reading.parts.problems.filter((problem) => problem.kind === 'zone').map((problem) => ({ line: reading.line, problem })));
    const meaningful = zoneProblems.filter(({ problem }) => !problem.message.startsWith('no timezone'));
    if (meaningful.length > 0) for (const { line, problem } of meaningful) say(line, problem.message);
    else if (minutes !== undefined) say(timed?.line ?? firstLine, 'no timezone could be read; choose the timezone');
  }
  const planned = timed?.parts.plannedMinutes ?? readings.find((reading) => reading.parts.plannedMinutes !== undefined)?.parts.plannedMinutes;
  if (planned !== undefined) result.plannedMinutes = planned;

  if (!day) say(firstLine, 'no start date could be read; the call’s date is to be announced');
  else if (minutes === undefined && formatDay(day) < formatDay(todayOf(context.today))) {
    result.startsAt = `${formatDay(day)}T12:00`;
    result.timezone ??= 'UTC';
    say(firstLine, `no start time is written for ${describeDay(day.month, day.day, day.year)}; the past call is filed under that day with 12:00 ${result.timezone} standing in for the time; set the time if you know it`);
  } else if (minutes === undefined) say(firstLine, `no start time could be read for ${describeDay(day.month, day.day, day.year)}; fill in the time and timezone (until then the call’s start is to be announced)`);
  else {
    result.startsAt = `${formatDay(day)}T${clockText(minutes)}`;
    const warning = result.timezone ? offsetWarning(result.startsAt, result.timezone, zoned?.parts.zoneAbbreviation) : null;
    if (warning) say(zoned?.line ?? firstLine, warning);
  }
  return result;
}

function todayOf(today: Date | undefined): CalendarDay {
  const now = today && !Number.isNaN(today.getTime()) ? today : new Date();
  return { year: now.getUTCFullYear(), month: now.getUTCMonth(), day: now.getUTCDate() };
}

function dayFromFile(fileDate: ReturnType<typeof dateFromFilename>, reference: ReturnType<typeof referenceFrom>, filename: string, say: (message: string) => void): CalendarDay | undefined {
  if (!fileDate || fileDate.month === undefined || fileDate.day === undefined) return undefined;
  if (fileDate.year !== undefined) {
    const day = { year: fileDate.year, month: fileDate.month - 1, day: fileDate.day };
    say(`the text gives no date; the call is dated ${describeDay(day.month, day.day, day.year)} from the file name “${filename}”`);
    return day;
  }
  const inferred = inferYear(fileDate.month - 1, fileDate.day, undefined, `${fileDate.month}-${fileDate.day}`, reference);
  if (inferred.year === undefined) return undefined;
  say(`the text gives no date; the call is dated from the file name “${filename}”, ${inferred.notice.replace(/^the date “[^”]*” has no year; /, '')}`);
  return { year: inferred.year, month: fileDate.month - 1, day: fileDate.day };
}
