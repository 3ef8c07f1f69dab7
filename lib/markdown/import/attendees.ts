import type { List, Paragraph, Table } from 'mdast';
import { LIMITS } from '../../protocol/call';
import type { DraftAttendee } from '../call-draft';
import { continuesList, lineOf, linesOf, endLineOf, textOf, type Block, type Source } from './tree';

export const attendanceHeading = /\b(?:attendees|attendance|roll\s*call)\b|^(?:present|participants|who was there)\s*:?$/i;
export const regretsHeading = /^(?:regrets|apologies|absent|absentees|excused)\b/i;
export const NOBODY = 'Nobody checked in.';
const placeholderName = /^(?:todo|tbd|tba|n\/?a|none|nobody|-+|\.\.\.|…)$/i;

export type AttendanceReading = { attendees: DraftAttendee[]; introOrder: string[]; absent: string[]; kept: Block[] };

/** "Name (Org) — team: reason" (the export's form), "Name, Org", "Name - Org", "Name (Org)". */
export function readAttendee(text: string, line: number, group = ''): DraftAttendee | null {
  const trimmed = text.replace(/\s+/g, ' ').trim();
  if (!trimmed || trimmed.length > 300) return null;
  const own = /^(.+?)(?:\s+\(([^()]*)\))?(\s+— team)?(?::\s+(.*))?$/.exec(trimmed);
  let displayName = own?.[1] ?? trimmed;
  let affiliation = own?.[2] ?? '';
  const isTeam = Boolean(own?.[3]);
  const reason = own?.[4] ?? group;
  if (!affiliation) {
    const split = /^(.+?)(?:,\s+|\s+[–—-]\s+)(.+)$/.exec(displayName);
    if (split) [displayName, affiliation] = [split[1]!, split[2]!];
  }
  if (!displayName.trim() || displayName.trim().length > LIMITS.name || placeholderName.test(displayName.trim())) return null;
  return { displayName: displayName.trim(), affiliation: affiliation.trim(), reason: reason.trim(), isTeam, line };
}

/** Splits "A (X), B (Y, Z), C" at the commas outside parentheses. */
function splitNames(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let at = 0; at < text.length; at += 1) {
    const char = text[at];
    if (char === '(') depth += 1;
    else if (char === ')') depth = Math.max(0, depth - 1);
    else if ((char === ',' || char === ';') && depth === 0) {
      parts.push(text.slice(start, at));
      start = at + 1;
    }
  }
  parts.push(text.slice(start));
  return parts.map((part) => part.trim().replace(/\.$/, '')).filter(Boolean);
}

function readList(source: Source, list: List, group: string, reading: AttendanceReading): void {
  for (const entry of list.children) {
    const first = entry.children[0];
    const text = first?.type === 'paragraph' ? textOf(first) : '';
    if (entry.checked === false) {
      reading.absent.push(linesOf(source, lineOf(entry), endLineOf(entry)));
      continue;
    }
    const attendee = readAttendee(text, lineOf(entry), group);
    // Not a name (a sentence, an empty entry): the line stays in the minutes as written.
    if (attendee) reading.attendees.push(attendee);
    else reading.absent.push(linesOf(source, lineOf(entry), endLineOf(entry)));
  }
}

function readTableRows(table: Table, group: string, reading: AttendanceReading): void {
  const [header, ...rows] = table.children;
  const names = (header?.children ?? []).map((cell) => textOf(cell).toLowerCase());
  const nameAt = Math.max(0, names.findIndex((name) => /name|who|attendee|person/.test(name)));
  const orgAt = names.findIndex((name) => /org|company|affiliation|employer|project|represent/.test(name));
  const presentAt = names.findIndex((name) => /present|attend|here/.test(name));
  for (const row of rows) {
    const cells = row.children.map((cell) => textOf(cell));
    if (presentAt >= 0 && /^(?:no|n|absent|-|✗|❌|\[ \])?$/i.test(cells[presentAt] ?? '')) continue;
    const displayName = cells[nameAt] ?? '';
    if (displayName) reading.attendees.push({ displayName, affiliation: orgAt >= 0 ? (cells[orgAt] ?? '') : '', reason: group, isTeam: false, line: lineOf(row) });
  }
}

/**
 * An attendance part (its blocks, heading excluded): checked or plain list entries, table rows, or one comma-separated
 * paragraph become attendees; unchecked entries (not present) and anything else stay in the minutes.
 */
export function readAttendance(source: Source, blocks: Block[]): AttendanceReading {
  const reading: AttendanceReading = { attendees: [], introOrder: [], absent: [], kept: [] };
  let group = '';
  let isIntro = false;
  // One list of people per (group) heading; after "Nobody checked in." or the intro round, the rest is minutes text.
  let canReadList = true;
  let isDone = false;
  for (const [index, block] of blocks.entries()) {
    const next = blocks[index + 1];
    // After the people, a heading over anything but another list of people starts the minutes' own text.
    const hasRead = reading.attendees.length > 0 || reading.absent.length > 0;
    if (!isDone && block.type === 'heading' && hasRead && !/^intro(?:duction)?\s+round$/i.test(textOf(block)) && next?.type !== 'list' && next?.type !== 'table') isDone = true;
    if (isDone) {
      reading.kept.push(block);
    } else if (block.type === 'heading') {
      isIntro = /^intro(?:duction)?\s+round$/i.test(textOf(block));
      group = isIntro ? '' : textOf(block);
      canReadList = true;
    } else if (isIntro && block.type === 'list') {
      reading.introOrder.push(...block.children.map((entry) => textOf(entry)));
      isDone = true;
    } else if ((canReadList || continuesList(block)) && block.type === 'list') {
      readList(source, block, group, reading);
      canReadList = false;
    } else if (canReadList && block.type === 'table') {
      readTableRows(block, group, reading);
      canReadList = false;
    } else if (block.type === 'paragraph' && textOf(block) === NOBODY) {
      isDone = true;
    } else if (canReadList && block.type === 'paragraph' && reading.attendees.length === 0 && reading.absent.length === 0 && isNameParagraph(block)) {
      for (const name of splitNames(textOf(block))) {
        const attendee = readAttendee(name, lineOf(block), group);
        if (attendee) reading.attendees.push(attendee);
      }
      canReadList = false;
    } else {
      reading.kept.push(block);
    }
  }
  return reading;
}

/** The names after a label: `**Present:** Ann (X), Bo`. */
export function readAttendanceText(text: string, line: number): AttendanceReading {
  const attendees = splitNames(text).flatMap((name) => readAttendee(name, line) ?? []);
  return { attendees, introOrder: [], absent: [], kept: [] };
}

/** "Ann (X), Bo (Y), Cy": short names separated by commas (a sentence is not a list of names). */
const isNameParagraph = (paragraph: Paragraph) => {
  const names = splitNames(textOf(paragraph));
  return names.length >= 2 && names.every((part) => part.replace(/\([^)]*\)/g, '').trim().split(/\s+/).length <= 5);
};
