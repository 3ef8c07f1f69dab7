/** iCalendar (RFC 5545) export of a call. Pure: the only input besides the call is the time stamp. */
import { resolveLinkUrl } from '../links';
import type { PublicCall } from '../protocol';

/** The part of a call the calendar shows: any PublicCall with a date (one still to be announced has no event). */
export type CalendarCall = Pick<PublicCall, 'slug' | 'title' | 'description' | 'timezone' | 'plannedMinutes' | 'links' | 'sections'> &
  Partial<Pick<PublicCall, 'documentsBaseUrl'>> & { startsAt: string };

/** A call whose date is set; a call to be announced cannot be put in a calendar. */
export function isDatedCall<Call extends Pick<PublicCall, 'startsAt'>>(call: Call): call is Call & { startsAt: string } {
  return call.startsAt !== null;
}

const CRLF = '\r\n';
const MAX_LINE_OCTETS = 75;
const utf8 = new TextEncoder();

/** Escapes a TEXT value (RFC 5545 §3.3.11). Every kind of line break becomes the two characters `\n`. */
export function escapeText(value: string): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n');
}

/**
 * Folds a content line so no physical line exceeds 75 octets (RFC 5545 §3.1). Continuation lines start with a
 * space, which counts towards their 75. Splits between code points, so a multi-byte character stays whole.
 */
export function foldLine(line: string): string {
  const lines: string[] = [];
  let current = '';
  let currentOctets = 0;
  for (const character of line) {
    const octets = utf8.encode(character).length;
    if (currentOctets + octets > MAX_LINE_OCTETS) {
      lines.push(current);
      current = ' ';
      currentOctets = 1;
    }
    current += character;
    currentOctets += octets;
  }
  lines.push(current);
  return lines.join(CRLF);
}

/** `20261203T163000Z`: a UTC DATE-TIME. */
export function formatUtcDateTime(instant: Date): string {
  return instant.toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/[-:]/g, '');
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** The plain-text description calendar apps show: the call's description, agenda and links. */
export function describeCall(call: CalendarCall, publicUrl: string): string {
  const blocks: string[] = [];
  if (call.description) blocks.push(call.description);
  blocks.push(`Join: ${publicUrl}\nTime zone of the call: ${call.timezone}`);
  if (call.sections.length > 0) {
    const agenda = ['Agenda'];
    for (const section of call.sections) {
      agenda.push('', section.title);
      if (section.notes) agenda.push(section.notes);
      for (const item of section.items) {
        const details = [item.presenter, item.plannedMinutes === null ? '' : plural(item.plannedMinutes, 'min')].filter(Boolean);
        agenda.push(`- ${item.title}${details.length > 0 ? ` (${details.join(', ')})` : ''}`);
        if (item.notes) agenda.push(`  ${item.notes.replace(/\r\n|\r|\n/g, '\n  ')}`);
      }
    }
    blocks.push(agenda.join('\n'));
  }
  if (call.links.length > 0) {
    // A relative link is written out against the documents base URL when there is one, else as written.
    const url = (link: { url: string }) => resolveLinkUrl(link.url, call.documentsBaseUrl ?? '') ?? link.url;
    blocks.push(['Links', ...call.links.map((link) => `- ${link.label}: ${url(link)}`)].join('\n'));
  }
  return blocks.join('\n\n');
}

/**
 * A VCALENDAR with one VEVENT for the call. `publicUrl` is the call's public page. The UID is stable per call,
 * so importing the file again updates the event instead of adding a second one.
 */
export function buildCalendar(call: CalendarCall, publicUrl: string, stampedAt: Date = new Date()): string {
  const start = new Date(call.startsAt);
  const end = new Date(start.getTime() + call.plannedMinutes * 60_000);
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Roundtable//Community calls//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    'BEGIN:VEVENT',
    `UID:${call.slug}@roundtable`,
    `DTSTAMP:${formatUtcDateTime(stampedAt)}`,
    `DTSTART:${formatUtcDateTime(start)}`,
    `DTEND:${formatUtcDateTime(end)}`,
    `SUMMARY:${escapeText(call.title)}`,
    `DESCRIPTION:${escapeText(describeCall(call, publicUrl))}`,
    `LOCATION:${escapeText(publicUrl)}`,
    // URL is a URI value, not TEXT: it must not be escaped.
    `URL:${publicUrl}`,
    'STATUS:CONFIRMED',
    'TRANSP:OPAQUE',
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return lines.map(foldLine).join(CRLF) + CRLF;
}

/** A safe ASCII file name for the download, from the call's title. */
export function calendarFileName(title: string): string {
  const base = title
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return `${base || 'call'}.ics`;
}
