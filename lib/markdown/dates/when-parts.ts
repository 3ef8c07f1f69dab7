import { isValidTimeZone, zoneOfUtcOffset } from '../../time';
import { lookUpAbbreviation, zoneNamePattern, lookUpZoneName } from '../time-zone-abbreviations';
import { MONTHS, monthIndex, pad, WEEKDAYS, weekdayIndex } from './calendar';

/**
 * What one piece of text says about a start, part by part, before any part is combined with another
 * text's or checked against the calendar. Regular expressions live here: dates and times inside text.
 */
export type WrittenDate = { year?: number; month: number; day: number; written: string };
/** `date` problems concern the day, `zone` ones the timezone, `other` ones the clock time. */
export type WhenProblem = { kind: 'date' | 'zone' | 'other'; message: string };
export type WhenParts = {
  date?: WrittenDate;
  /** 0 = Sunday, as written next to the date. */
  weekday?: number;
  weekdayWritten?: string;
  /** Minutes after midnight of the first clock time. */
  minutes?: number;
  plannedMinutes?: number;
  timezone?: string;
  /** The abbreviation the timezone was read from ("CET"), for the out-of-season check. */
  zoneAbbreviation?: string;
  /** "03/04/2026": the two days it could be, when nothing here decides (a file name's date may). */
  alternatives?: [WrittenDate, WrittenDate];
  /** How the date was read when that took a decision ("03/04/2026" by its weekday), for a notice. */
  dateNote?: string;
  problems: WhenProblem[];
  /** True when the text holds a date or a clock time at all, i.e. it is a "when" and not part of a title. */
  isRecognized: boolean;
};

const monthPattern = String.raw`(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?`;
const ordinal = String.raw`(?:st|nd|rd|th)?`;
const monthFirst = new RegExp(String.raw`\b${monthPattern}\s+(\d{1,2})${ordinal}\b(?:,?\s+(\d{4})\b)?`, 'i');
const dayFirst = new RegExp(String.raw`\b(\d{1,2})${ordinal}\s+(?:of\s+)?${monthPattern}(?:,?\s+(\d{4})\b)?`, 'i');
const isoDate = /\b(\d{4})-(\d{1,2})-(\d{1,2})\b/;
const numericDate = /\b(\d{1,2})[/.](\d{1,2})[/.](\d{4})\b/;
const weekdayPattern = /\b(mon|tue|wed|thu|fri|sat|sun)(?:day|s|sday|nesday|r|rs|rsday|urday)?s?\b\.?/i;
const clock = String.raw`\b(\d{1,2})(?!\d)(?::(\d{2}))?(?:\s*([ap])\.?\s?m\b\.?)?`;
const clockRange = new RegExp(String.raw`${clock}(?:\s*(?:-|–|—|to|until)\s*${clock})?`, 'gi');
const ianaZone = /\b([A-Za-z]+(?:\/[A-Za-z0-9_+-]+)+)/g;
const utcOffset = /\b(?:UTC|GMT)\s*([+\-−])\s*(\d{1,2})(?::?(\d{2}))?\b/g;
const abbreviationToken = /\b([A-Z]{2,5})\b/g;
/** An ISO 8601 instant ("2023-05-17T17:00:00Z", "…+02:00"): seconds dropped, Z read as UTC, the offset as UTC±N. */
const isoInstant = /\b(\d{4}-\d{2}-\d{2})T(\d{1,2}:\d{2})(?::\d{2}(?:\.\d+)?)?(?:(Z)|([+-]\d{2}):?(\d{2}))?(?![\d:])/;

const MAX_READ_LENGTH = 1000;

type Clock = { minutes: number; hasColon: boolean; meridiem: string | undefined; isStray: boolean };

function readClock(hour: string | undefined, minute: string | undefined, meridiem: string | undefined): Clock | null {
  if (hour === undefined) return null;
  let hours = Number(hour);
  const minutes = Number(minute ?? 0);
  let isStray = false;
  if (meridiem) {
    const isPm = meridiem.toLowerCase() === 'p';
    // "14:00PM": a 24-hour time with a stray PM; the 24-hour reading is the only one that makes sense.
    if (isPm && hours >= 13 && hours <= 23) isStray = true;
    else if (hours < 1 || hours > 12) return null;
    else hours = (hours % 12) + (isPm ? 12 : 0);
  }
  if (hours > 23 || minutes > 59) return null;
  return { minutes: hours * 60 + minutes, hasColon: minute !== undefined, meridiem, isStray };
}

/** "5:30 - 6:30 PM": the second time's meridiem applies to the first too, unless that puts it after the end ("11-1pm"). */
function readRangeStart(hour: string | undefined, minute: string | undefined, meridiem: string | undefined, end: Clock | null): Clock | null {
  if (meridiem || !end?.meridiem || end.isStray) return readClock(hour, minute, meridiem);
  const inherited = readClock(hour, minute, end.meridiem);
  if (inherited && inherited.minutes <= end.minutes) return inherited;
  const other = readClock(hour, minute, end.meridiem.toLowerCase() === 'p' ? 'a' : 'p');
  return other && other.minutes < end.minutes ? other : inherited;
}

function readTime(text: string, parts: WhenParts): { rest: string; at: number } {
  for (const match of text.matchAll(clockRange)) {
    const [whole, h1, m1, p1, h2, m2, p2] = match;
    const second = readClock(h2, m2, p2);
    const first = readRangeStart(h1, m1, p1, second);
    if (!first || !(first.hasColon || first.meridiem)) continue;
    if (first.isStray || second?.isStray) {
      const read = `${pad(Math.floor(first.minutes / 60))}:${pad(first.minutes % 60)}`;
      parts.problems.push({ kind: 'other', message: `“${whole.trim()}” mixes a 24-hour time with PM; it is read as ${read}` });
    }
    if (second) {
      const length = (second.minutes - first.minutes + 1440) % 1440 || 1440;
      if (length >= 5) parts.plannedMinutes = length;
      else parts.problems.push({ kind: 'other', message: `the call would last only ${length} minutes; fill in the planned length` });
    }
    parts.minutes = first.minutes;
    return { rest: text.slice(0, match.index) + ' , ' + text.slice(match.index + whole.length), at: match.index };
  }
  return { rest: text, at: 0 };
}

function readDate(text: string, parts: WhenParts): WrittenDate | undefined {
  const iso = isoDate.exec(text);
  if (iso) return { year: Number(iso[1]), month: Number(iso[2]) - 1, day: Number(iso[3]), written: iso[0] };
  const named = monthFirst.exec(text);
  const dayNamed = dayFirst.exec(text);
  // The earlier of "February 14th" and "14th of February" is the date; a later one is another day mentioned.
  if (named && (!dayNamed || named.index <= dayNamed.index)) {
    return { month: monthIndex(named[1]!), day: Number(named[2]), year: yearOf(named[3], text), written: named[0].trim() };
  }
  if (dayNamed) return { month: monthIndex(dayNamed[2]!), day: Number(dayNamed[1]), year: yearOf(dayNamed[3], text), written: dayNamed[0].trim() };
  const numeric = numericDate.exec(text);
  if (!numeric) return undefined;
  const [written, a, b, year] = numeric.map(String);
  const [first, second] = [Number(a), Number(b)];
  if (first !== second && first <= 12 && second <= 12) {
    const monthFirstDate = { year: Number(year), month: first - 1, day: second, written: written! };
    const dayFirstDate = { year: Number(year), month: second - 1, day: first, written: written! };
    const weekday = readWeekday(text);
    const matching = [monthFirstDate, dayFirstDate].filter((date) => weekday !== undefined && new Date(Date.UTC(date.year, date.month, date.day)).getUTCDay() === weekday.index);
    if (matching.length === 1) {
      const [date] = matching;
      parts.dateNote = `“${written}” could be ${MONTHS[first - 1]} ${second} or ${first} ${MONTHS[second - 1]}; it is read as ${MONTHS[date!.month]} ${date!.day}, ${year}, a ${WEEKDAYS[weekday!.index]} as written`;
      return date;
    }
    parts.alternatives = [monthFirstDate, dayFirstDate];
    parts.problems.push({ kind: 'date', message: `the date “${written}” could be ${MONTHS[first - 1]} ${second} or ${first} ${MONTHS[second - 1]}; fill in the date` });
    return undefined;
  }
  // Whichever part is above 12 must be the day.
  const isDayFirst = first > 12;
  return { year: Number(year), month: (isDayFirst ? second : first) - 1, day: isDayFirst ? first : second, written: written! };
}

function readWeekday(text: string): { index: number; written: string } | undefined {
  const weekday = weekdayPattern.exec(text);
  const index = weekday ? weekdayIndex(weekday[1]!) : undefined;
  return index === undefined ? undefined : { index, written: weekday![0].replace(/\.$/, '') };
}

function yearOf(adjacent: string | undefined, text: string): number | undefined {
  const year = adjacent ?? /\b((?:19|20)\d{2})\b/.exec(text)?.[1];
  return year === undefined ? undefined : Number(year);
}

/** A place a zone may be named; `evaluate` (run lazily, Intl is slow) says whether it is one and how to read it. */
type ZoneMention = { at: number; length: number; evaluate: () => { isZone: boolean; read: (parts: WhenParts) => void } | null };

function readIanaName(name: string): ReturnType<ZoneMention['evaluate']> {
  if (!isValidTimeZone(name)) return null;
  const resolved = new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
  // ICU resolves Asia/Kolkata to its old name Asia/Calcutta; keep the name as written unless only its case was off.
  const canonical = resolved.toLowerCase() === name.toLowerCase() || !/^[A-Z][a-z]/.test(name) ? resolved : name;
  return { isZone: true, read: (parts) => (parts.timezone = canonical) };
}

function readOffset(written: string, sign: string | undefined, hoursText: string | undefined, minutesText: string | undefined): ReturnType<ZoneMention['evaluate']> {
  const hours = Number(hoursText);
  return {
    isZone: true,
    read: (parts) => {
      const zone = zoneOfUtcOffset(sign ?? '', hours, Number(minutesText ?? 0));
      if (zone) parts.timezone = zone;
      else parts.problems.push({ kind: 'zone', message: `the offset “${written}” has no single IANA timezone; choose the timezone` });
    },
  };
}

function readAbbreviation(token: string): ReturnType<ZoneMention['evaluate']> {
  const found = lookUpAbbreviation(token);
  return {
    isZone: found.kind === 'known',
    read: (parts) => {
      if (found.kind === 'known') {
        parts.timezone = found.timeZone;
        parts.zoneAbbreviation = token;
      } else if (found.kind === 'ambiguous') parts.problems.push({ kind: 'zone', message: `“${token}” can mean ${found.meanings}; choose the timezone` });
      else parts.problems.push({ kind: 'zone', message: `the timezone “${token}” is not one we know; choose the timezone` });
    },
  };
}

function zoneMentions(text: string): ZoneMention[] {
  const mentions: ZoneMention[] = [];
  for (const match of text.matchAll(ianaZone)) mentions.push({ at: match.index, length: match[0].length, evaluate: () => readIanaName(match[1]!) });
  for (const match of text.matchAll(utcOffset)) {
    mentions.push({ at: match.index, length: match[0].length, evaluate: () => readOffset(match[0], match[1], match[2], match[3]) });
  }
  for (const match of text.matchAll(zoneNamePattern)) {
    const timeZone = lookUpZoneName(match[0]);
    if (timeZone) mentions.push({ at: match.index, length: match[0].length, evaluate: () => ({ isZone: true, read: (parts) => (parts.timezone = timeZone) }) });
  }
  for (const match of text.matchAll(abbreviationToken)) {
    if (match[1] !== 'AM' && match[1] !== 'PM') mentions.push({ at: match.index, length: match[1]!.length, evaluate: () => readAbbreviation(match[1]!) });
  }
  // At one place the longest mention wins: "UTC+2" over "UTC", "Etc/GMT+2" over "GMT".
  return mentions.sort((a, b) => a.at - b.at || b.length - a.length);
}

/** The first mention that names a zone (`isDefiniteOnly`), or also an unknown or ambiguous abbreviation, from `after` on. */
function firstZone(mentions: ZoneMention[], after: number, isDefiniteOnly: boolean): ReturnType<ZoneMention['evaluate']> {
  for (const mention of mentions) {
    if (mention.at < after) continue;
    const evaluated = mention.evaluate();
    if (evaluated && (evaluated.isZone || !isDefiniteOnly)) return evaluated;
  }
  return null;
}

/** Several zones ("5:30pm CET / 10pm IST"): the first one after the time is the time's own; else the first one at all. */
function readTimeZone(text: string, after: number, parts: WhenParts): void {
  const mentions = zoneMentions(text);
  // Without a clock time, an unknown capitalised word ("ASWF TAC Meeting - 17 May") is a name, not a timezone.
  const isDefiniteOnly = parts.minutes === undefined;
  const chosen = firstZone(mentions, after, isDefiniteOnly) ?? (after > 0 ? firstZone(mentions, 0, isDefiniteOnly) : null);
  if (chosen) chosen.read(parts);
  else parts.problems.push({ kind: 'zone', message: 'no timezone could be read; choose the timezone' });
}

function normalizeInstant(text: string): string {
  return text
    .replace(/\b(?:12\s*)?noon\b/gi, '12:00')
    .replace(/\b(\d{1,2}:\d{2})Z\b/g, '$1 UTC')
    .replace(isoInstant, (_whole, day: string, time: string, zulu?: string, offsetHours?: string, offsetMinutes?: string) => {
    if (zulu) return `${day} ${time} UTC`;
    if (offsetHours) return `${day} ${time} UTC${offsetHours}:${offsetMinutes}`;
    return `${day} ${time}`;
  });
}

/** Reads the parts of a start in one text ("Tuesday, 13th of July, 17:30 CEST", "2023-06-15", "5pm-6pm UTC"). Never throws. */
export function readWhenParts(fullText: string): WhenParts {
  // A start is written in a few words; a longer text is read from its beginning only, to bound the work.
  const text = fullText.slice(0, MAX_READ_LENGTH);
  const parts: WhenParts = { problems: [], isRecognized: false };
  const time = readTime(normalizeInstant(text), parts);
  parts.date = readDate(time.rest, parts);
  const weekday = readWeekday(time.rest);
  if (weekday) {
    parts.weekday = weekday.index;
    parts.weekdayWritten = weekday.written;
  }
  parts.isRecognized = Boolean(parts.date) || parts.minutes !== undefined || parts.problems.length > 0;
  if (parts.isRecognized) readTimeZone(time.rest, parts.minutes === undefined ? 0 : time.at, parts);
  else {
    // A zone alone ("timezone: Europe/Berlin" in front matter) is no "when", but it can complete one from elsewhere.
    const quiet: WhenParts = { problems: [], isRecognized: false };
    firstZone(zoneMentions(text), 0, true)?.read(quiet);
    if (quiet.timezone) parts.timezone = quiet.timezone;
    if (quiet.zoneAbbreviation) parts.zoneAbbreviation = quiet.zoneAbbreviation;
  }
  return parts;
}
