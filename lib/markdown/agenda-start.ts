import { isValidTimeZone, timeZoneOffsetMs, zonedLocalToUtc } from '../time';
import { abbreviationFor, lookUpAbbreviation } from './time-zone-abbreviations';

/** What the "when" part of a title line says. Only what was read is set; `problems` says what was not. */
export type StartReading = {
  startsAt?: string;
  timezone?: string;
  plannedMinutes?: number;
  problems: string[];
  /** True when the text holds a date or a clock time at all, i.e. it is a "when" and not part of a title. */
  isRecognized: boolean;
};

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

const monthPattern = String.raw`(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?`;
const ordinal = String.raw`(?:st|nd|rd|th)?`;
const monthFirst = new RegExp(String.raw`\b${monthPattern}\s+(\d{1,2})${ordinal}\b(?:,?\s+(\d{4})\b)?`, 'i');
const dayFirst = new RegExp(String.raw`\b(\d{1,2})${ordinal}\s+(?:of\s+)?${monthPattern}(?:,?\s+(\d{4})\b)?`, 'i');
const isoDate = /\b(\d{4})-(\d{1,2})-(\d{1,2})\b/;
const numericDate = /\b(\d{1,2})[/.](\d{1,2})[/.](\d{4})\b/;
const weekdayPattern = /\b(mon|tue|wed|thu|fri|sat|sun)(?:day|s|sday|nesday|r|rs|rsday|urday)?\b\.?/i;
const clock = String.raw`\b(\d{1,2})(?!\d)(?::(\d{2}))?(?:\s*([ap])\.?\s?m\b\.?)?`;
const clockRange = new RegExp(String.raw`${clock}(?:\s*(?:-|–|—|to|until)\s*${clock})?`, 'gi');
const ianaZone = /\b([A-Za-z]+(?:\/[A-Za-z0-9_+-]+)+)/;
const utcOffset = /\b(?:UTC|GMT)\s*([+\-−])\s*(\d{1,2})(?::?(\d{2}))?\b/;

const pad = (value: number) => String(value).padStart(2, '0');
const monthIndex = (name: string) => MONTHS.findIndex((month) => month.toLowerCase().startsWith(name.toLowerCase().slice(0, 3)));

type Clock = { minutes: number; hasColon: boolean; meridiem: string | undefined };

function readClock(hour: string | undefined, minute: string | undefined, meridiem: string | undefined): Clock | null {
  if (hour === undefined) return null;
  let hours = Number(hour);
  const minutes = Number(minute ?? 0);
  if (meridiem) {
    if (hours < 1 || hours > 12) return null;
    hours = (hours % 12) + (meridiem.toLowerCase() === 'p' ? 12 : 0);
  }
  if (hours > 23 || minutes > 59) return null;
  return { minutes: hours * 60 + minutes, hasColon: minute !== undefined, meridiem };
}

function readTime(text: string, reading: StartReading): { rest: string; minutes?: number } {
  for (const match of text.matchAll(clockRange)) {
    const [whole, h1, m1, p1, h2, m2, p2] = match;
    // "5:30 - 6:30 PM": the second time's meridiem applies to the first too.
    const first = readClock(h1, m1, p1 ?? (h2 ? p2 : undefined));
    if (!first || !(first.hasColon || first.meridiem)) continue;
    const second = readClock(h2, m2, p2);
    const rest = text.replace(whole, ' , ');
    if (second) {
      const length = (second.minutes - first.minutes + 1440) % 1440 || 1440;
      if (length >= 5) reading.plannedMinutes = length;
      else reading.problems.push(`the call would last only ${length} minutes; fill in the planned length`);
    }
    return { rest, minutes: first.minutes };
  }
  return { rest: text };
}

function readDate(text: string, reading: StartReading): { year?: number; month: number; day: number; written: string } | null {
  const iso = isoDate.exec(text);
  if (iso) return { year: Number(iso[1]), month: Number(iso[2]) - 1, day: Number(iso[3]), written: iso[0] };
  const named = monthFirst.exec(text);
  if (named) return { month: monthIndex(named[1]!), day: Number(named[2]), year: yearOf(named[3], text), written: named[0] };
  const dayNamed = dayFirst.exec(text);
  if (dayNamed) return { month: monthIndex(dayNamed[2]!), day: Number(dayNamed[1]), year: yearOf(dayNamed[3], text), written: dayNamed[0] };
  const numeric = numericDate.exec(text);
  if (!numeric) return null;
  const [written, a, b, year] = numeric.map(String);
  const [first, second] = [Number(a), Number(b)];
  if (first !== second && first <= 12 && second <= 12) {
    reading.problems.push(`the date “${written}” could be ${MONTHS[first - 1]} ${second} or ${first} ${MONTHS[second - 1]}; fill in the date`);
    return null;
  }
  // Whichever part is above 12 must be the day.
  const isDayFirst = first > 12;
  return { year: Number(year), month: (isDayFirst ? second : first) - 1, day: isDayFirst ? first : second, written: written! };
}

function yearOf(adjacent: string | undefined, text: string): number | undefined {
  const year = adjacent ?? /\b((?:19|20)\d{2})\b/.exec(text)?.[1];
  return year === undefined ? undefined : Number(year);
}

function readTimeZone(text: string, reading: StartReading): void {
  const iana = ianaZone.exec(text);
  if (iana && isValidTimeZone(iana[1]!)) {
    reading.timezone = new Intl.DateTimeFormat('en-US', { timeZone: iana[1] }).resolvedOptions().timeZone;
    return;
  }
  const offset = utcOffset.exec(text);
  if (offset) {
    const hours = Number(offset[2]);
    if (Number(offset[3] ?? 0) !== 0 || hours > 14) {
      reading.problems.push(`the offset “${offset[0]}” has no single IANA timezone; choose the timezone`);
    } else {
      // IANA's Etc zones count the other way round: UTC+2 is Etc/GMT-2.
      reading.timezone = hours === 0 ? 'UTC' : `Etc/GMT${offset[1] === '+' ? '-' : '+'}${hours}`;
    }
    return;
  }
  const token = /\b([A-Z]{2,5})\b/.exec(text)?.[1];
  if (!token) {
    reading.problems.push('no timezone could be read; choose the timezone');
    return;
  }
  const found = lookUpAbbreviation(token);
  if (found.kind === 'known') reading.timezone = found.timeZone;
  else if (found.kind === 'ambiguous') reading.problems.push(`“${token}” can mean ${found.meanings}; choose the timezone`);
  else reading.problems.push(`the timezone “${token}” is not one we know; choose the timezone`);
}

/** Reads a start such as "Thursday, December 3, 2026, 17:30 CET" or "2026-12-03 17:30–18:30 UTC". Never guesses. */
export function readStart(text: string): StartReading {
  const reading: StartReading = { problems: [], isRecognized: false };
  const time = readTime(text.replace(/(\d{4}-\d{2}-\d{2})T(\d)/, '$1 $2'), reading);
  const problemsBefore = reading.problems.length;
  const date = readDate(time.rest, reading);
  const hasDateProblem = reading.problems.length > problemsBefore;
  reading.isRecognized = Boolean(date) || time.minutes !== undefined || reading.problems.length > 0;
  if (!reading.isRecognized) return reading;

  let localDate: string | undefined;
  if (!date) {
    if (!hasDateProblem) reading.problems.push('no start date could be read; fill in the date');
  } else if (date.year === undefined) reading.problems.push(`the date “${date.written.trim()}” has no year; fill in the date (no year is assumed)`);
  else {
    const utc = new Date(Date.UTC(date.year, date.month, date.day));
    if (date.month < 0 || utc.getUTCMonth() !== date.month || utc.getUTCDate() !== date.day) {
      reading.problems.push(`“${date.written.trim()}” is not a real date; fill in the date`);
    } else {
      localDate = `${date.year}-${pad(date.month + 1)}-${pad(date.day)}`;
      const weekday = weekdayPattern.exec(time.rest)?.[1];
      const actual = WEEKDAYS[utc.getUTCDay()]!;
      if (weekday && !actual.toLowerCase().startsWith(weekday.toLowerCase())) {
        reading.problems.push(`it says “${weekday}” but ${MONTHS[date.month]} ${date.day}, ${date.year} is a ${actual}; check the date`);
      }
    }
  }
  if (time.minutes === undefined) reading.problems.push('no start time could be read; fill in the time');
  readTimeZone(time.rest, reading);
  if (localDate && time.minutes !== undefined) {
    reading.startsAt = `${localDate}T${pad(Math.floor(time.minutes / 60))}:${pad(time.minutes % 60)}`;
    warnAboutOffset(text, reading);
  }
  return reading;
}

/** "CET" in July names an offset Berlin does not use then; we keep the wall-clock time and say so. */
function warnAboutOffset(text: string, reading: StartReading): void {
  const token = /\b([A-Z]{2,5})\b/.exec(text.replace(/\b[AP]\.?M\b\.?/gi, ''))?.[1];
  const found = token ? lookUpAbbreviation(token) : null;
  if (!reading.startsAt || !reading.timezone || found?.kind !== 'known' || found.offset === null || found.timeZone !== reading.timezone) return;
  const actual = Math.round(timeZoneOffsetMs(reading.timezone, zonedLocalToUtc(reading.startsAt, reading.timezone).getTime()) / 60_000);
  if (actual === found.offset) return;
  const inEffect = abbreviationFor(reading.timezone, zonedLocalToUtc(reading.startsAt, reading.timezone).getTime()) ?? reading.timezone;
  reading.problems.push(`${token} is not in effect in ${reading.timezone} on that date (${inEffect} is); the start is read as ${reading.startsAt.slice(11)} ${reading.timezone} time`);
}

/** Writes a start the way readStart reads it back: "Thursday, December 3, 2026, 17:30–18:30 CET". */
export function formatStart(startsAt: string, timeZone: string, plannedMinutes: number): string {
  const [datePart = '', timePart = ''] = startsAt.split('T');
  const [year, month, day] = datePart.split('-').map(Number);
  const [hours, minutes] = timePart.split(':').map(Number);
  const weekday = WEEKDAYS[new Date(Date.UTC(year!, month! - 1, day!)).getUTCDay()];
  const endMinutes = (hours! * 60 + minutes! + plannedMinutes) % 1440;
  const end = `${pad(Math.floor(endMinutes / 60))}:${pad(endMinutes % 60)}`;
  const zone = abbreviationFor(timeZone, zonedLocalToUtc(startsAt, timeZone).getTime()) ?? timeZone;
  return `${weekday}, ${MONTHS[month! - 1]} ${day}, ${year}, ${timePart}–${end} ${zone}`;
}
