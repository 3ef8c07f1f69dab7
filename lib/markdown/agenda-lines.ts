import { readStart, type StartReading } from './dates/start-reading';

/** Reading text inside single lines of an agenda: the title line's "when", an item line's minutes and presenter. Pure. */

export type ItemLine = { title: string; presenter: string; plannedMinutes: number | null; problem?: string };

const handle = String.raw`[\p{L}\p{N}_.-]+`;
// "@Kai Tanaka": capitalised words after a handle are part of the name; "@kai about x" is a mention.
const name = String.raw`${handle}(?:[ ]+\p{Lu}[\p{L}'’.-]*)*`;
const trailingPresenter = new RegExp(String.raw`(^|[\s,(])@(${name})\)?\s*$`, 'u');
const explicitPresenter = /\s*[([](?:presenters?|presented by|by|facilitators?|speakers?|leads?|owners?):?\s*([^()[\]]+)[)\]]\s*$/i;
const leadingPresenter = new RegExp(String.raw`^@(${handle})\s*[:–—-]\s+(.+)$`, 'u');
const minutesInBrackets = /\s*[([]\s*(\d{1,4}(?:\.\d+)?)\s*(m|mins?|minutes?|h|hrs?|hours?)\.?\s*(?:,\s*([^()[\]]+?)\s*)?[)\]]/i;
const trailingMinutes = /\s+[–—-]\s*(\d{1,4})\s*(m|mins?|minutes?)\.?\s*$/i;
const leadingMinutes = /^(\d{1,4})\s*(m|mins?|minutes?)\.?\s*[–—:-]\s+(.+?)(?:\s+[–—-]\s+([^–—-]{1,80}))?$/i;
// "Ryan: note on …": a person's name (one to three capitalised words) before a colon presents the item.
const namePrefix = /^((?:\p{Lu}[\p{Ll}'’.-]+|\p{Lu}{2,}[\p{Ll}]*)(?:\s+\p{Lu}[\p{Ll}'’.-]*){0,2})\s*:\s+(.+)$/u;
const notNames = new Set(['spotlight', 'status', 'update', 'updates', 'news', 'note', 'notes', 'discussion', 'sidetopic', 'related', 'topic', 'proposal', 'question', 'questions', 'review', 'follow', 'action', 'decision', 'introduction', 'welcome', 'agenda', 'summary', 'announcement', 'announcements', 'reminder', 'demo', 'goal', 'goals', 'next', 'release', 'releases', 'other', 'misc', 'todo', 'bug', 'issue', 'issues', 'pr', 'link', 'links', 'zoom', 'youtube', 'call', 'meeting', 'time', 'date', 'when', 'where', 'location', 'chair', 'scribe', 'bridge', 'example', 'improvement', 'problem', 'idea', 'ideas', 'feedback', 'plan', 'plans', 'status update', 'community', 'open', 'new', 'breaking', 'important', 'fyi', 'info', 'contributors', 'tbd', 'q&a']);

/** "Ryan", "Eric Huss", not "Spotlight" or "Discussing". */
const isNameLike = (text: string) => {
  const first = text.split(/\s+/)[0]!.toLowerCase();
  return !notNames.has(text.toLowerCase()) && !notNames.has(first) && !/(?:ing|ion|ions|ment|ments|ness)$/.test(first);
};

const toMinutes = (value: string, unit: string) => Math.round(Number(value) * (/^h/i.test(unit) ? 60 : 1));

/** Splits "Release cadence (15 min) @Kai" into its title, minutes and presenter. */
export function readItemLine(text: string): ItemLine {
  let rest = text.trim();
  let plannedMinutes: number | null = null;
  let problem: string | undefined;
  const presenters: string[] = [];
  const leadingTime = leadingMinutes.exec(rest);
  if (leadingTime && toMinutes(leadingTime[1]!, leadingTime[2]!) >= 1 && toMinutes(leadingTime[1]!, leadingTime[2]!) <= 600) {
    plannedMinutes = toMinutes(leadingTime[1]!, leadingTime[2]!);
    rest = leadingTime[3]!;
    if (leadingTime[4]) presenters.push(leadingTime[4].trim());
  }
  const minutes = plannedMinutes === null ? (minutesInBrackets.exec(rest) ?? trailingMinutes.exec(rest)) : null;
  if (minutes) {
    const value = toMinutes(minutes[1]!, minutes[2]!);
    if (value >= 1 && value <= 600) {
      plannedMinutes = value;
      rest = rest.replace(minutes[0], ' ').trim();
      if (minutes[3]) presenters.push(minutes[3].replace(/^@/, '').trim());
    } else {
      problem = `“${minutes[0].trim()}” is not between 1 and 600 minutes, so it stays in the title`;
    }
  }
  const explicit = presenters.length === 0 ? explicitPresenter.exec(rest) : null;
  if (explicit) {
    presenters.push(explicit[1]!.trim());
    rest = rest.slice(0, explicit.index);
  }
  let match = presenters.length === 0 ? trailingPresenter.exec(rest) : null;
  while (match) {
    presenters.unshift(match[2]!);
    rest = rest.slice(0, match.index + match[1]!.length).replace(/[\s,(&]+$|\s+(?:and)$/u, '');
    match = trailingPresenter.exec(rest);
  }
  const leading = presenters.length === 0 ? leadingPresenter.exec(rest) : null;
  if (leading) {
    presenters.push(leading[1]!);
    rest = leading[2]!;
  }
  const named = presenters.length === 0 ? namePrefix.exec(rest) : null;
  if (named && isNameLike(named[1]!) && !/^(?:https?:\/\/|www\.)/i.test(named[2]!)) {
    presenters.push(named[1]!);
    rest = named[2]!;
  }
  if (presenters.length > 0 || plannedMinutes !== null) rest = rest.replace(/[\s,:–—-]+$/, '');
  // Nothing but metadata ("- @kai"): the line itself is the title.
  if (!rest.trim()) return { title: text.trim(), presenter: '', plannedMinutes: null, problem };
  return { title: rest.replace(/\s+/g, ' ').trim(), presenter: presenters.join(', '), plannedMinutes, problem };
}

/** Writes an item line that readItemLine reads back as the same title, minutes and presenter. */
export function writeItemLine(item: { title: string; presenter: string; plannedMinutes: number | null }): string {
  const minutes = item.plannedMinutes === null ? '' : ` (${item.plannedMinutes} min)`;
  const handles = item.presenter ? item.presenter.split(', ').map((part) => `@${part}`).join(', ') : '';
  const candidates = [`${item.title}${minutes}${handles ? ` ${handles}` : ''}`, `${item.title}${minutes} (presenter: ${item.presenter})`];
  for (const line of candidates) {
    const read = readItemLine(line);
    if (read.title === item.title && read.presenter === item.presenter && read.plannedMinutes === item.plannedMinutes) return line;
  }
  return candidates[0]!;
}

export type TitleLine = { title: string; start: StartReading | null };

const agendaPrefix = /^agenda\s*(?:for\s+(?:the\s+)?|:\s*|[–—-]\s*)/i;
const startsLikeWhen = /^(?:the\s+)?(?:\d|mon|tue|wed|thu|fri|sat|sun|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)/i;
// A weekday right before a date also starts the "when": "Flatcar community call Tuesday, 14th of September".
const separators = /\s+on\s+|\s+at\s+|\s+[–—|-]\s+|,\s+|:\s+|\s*\(|\s+(?=(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+(?:\d|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec))/gi;

const completeness = (reading: StartReading) => (reading.startsAt ? 4 : 0) + (reading.timezone ? 2 : 0) + (reading.plannedMinutes ? 1 : 0);

/** "Agenda for the Jenkins community call on Thursday, December 3, 2026, 17:30 CET" → title and start. */
export function readTitleLine(text: string): TitleLine {
  const heading = text.replace(agendaPrefix, '').trim();
  let best: { at: number; reading: StartReading } | null = null;
  for (const match of heading.matchAll(separators)) {
    const when = heading.slice(match.index + match[0].length);
    // Only a split right before a date or time counts, so "Jenkins on ARM call on …" keeps its name.
    if (!startsLikeWhen.test(when)) continue;
    const reading = readStart(when);
    // The reading that gets the most wins; among equals the earliest, so the weekday stays in the "when".
    if (reading.isRecognized && (!best || completeness(reading) > completeness(best.reading))) best = { at: match.index, reading };
  }
  if (!best) return { title: heading, start: null };
  return { title: heading.slice(0, best.at).replace(/\s+$/, ''), start: best.reading };
}

export function writeTitleLine(title: string, when: string): string {
  return `# Agenda for the ${title} on ${when}`;
}
