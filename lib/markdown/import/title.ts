import type { Heading } from 'mdast';
import { isValidTimeZone } from '../../time';
import { readTitleLine } from '../agenda-lines';
import type { ImportNotice } from '../call-draft';
import type { StartCandidate } from '../dates';
import { lineOf, textOf, type Block } from './tree';

export type TitleReading = { title: string; line?: number; index: number; when?: StartCandidate; plannedMinutes?: number; timezone?: string; notices: ImportNotice[] };

/** Roundtable's own title line for a call whose date is not set yet. */
export const TO_BE_ANNOUNCED = /\s*\(date to be announced(?:, (\d{1,4}) minutes)?(?:, ([A-Za-z]+(?:\/[A-Za-z0-9_+-]+)*))?\)$/;
const dateOnly = /^[\d\s/.,:-]+$|^(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*,?\s+)?(?:\d{1,2}(?:st|nd|rd|th)?\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s*(?:\d{1,2}(?:st|nd|rd|th)?)?,?\s*(?:\d{4})?$/i;

const month = String.raw`(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?`;
/** "February 14th video call of …": a date before the call's name. */
const leadingDate = new RegExp(String.raw`^((?:${month}\s+\d{1,2}(?:st|nd|rd|th)?|\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?${month})(?:,?\s+\d{4})?),?\s+(\p{L}.{2,})$`, 'iu');

/** Headings that name a part of the document, never the call. */
const genericHeading = /^(?:agenda(?: items)?|topics|notes|minutes|meeting notes|call minutes|links?|attendees|attendance|q\s*&\s*a|logistics|welcome)\s*:?$/i;

/** The title heading: the first H1, else the first H2, else (H3-only documents) the first heading. */
export function findTitle(blocks: Block[]): number {
  const isTitle = (block: Block, depth?: number) => block.type === 'heading' && (depth === undefined || block.depth === depth) && !genericHeading.test(textOf(block));
  for (const depth of [1, 2]) {
    const index = blocks.findIndex((block) => isTitle(block, depth));
    if (index >= 0) return index;
  }
  return blocks.findIndex((block) => isTitle(block));
}

/** The file name without folders, extension and date, as words: `flatcar-community-call.md` → "flatcar community call". */
export function titleFromFilename(filename: string | undefined): string {
  const name = (filename ?? '').split(/[\\/]/).pop() ?? '';
  return name
    .replace(/\.[A-Za-z]{1,10}$/, '')
    .replace(/(?:19|20)\d{2}[-_.]?\d{2}[-_.]?\d{2}|\b\d{1,2}[-_.]\d{1,2}\b/g, ' ')
    .replace(/[-_.]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Splits the title heading into the call's name and the "when" it gives (a candidate for the start). */
export function readTitle(blocks: Block[], filename?: string): TitleReading {
  const index = findTitle(blocks);
  const notices: ImportNotice[] = [];
  const fallback = titleFromFilename(filename);
  if (index < 0) {
    const line = 1;
    if (!fallback) notices.push({ line, message: 'Line 1: the document has no title heading; fill in the title.' });
    return { title: fallback, index, notices };
  }
  const heading = blocks[index] as Heading;
  const line = lineOf(heading);
  const text = textOf(heading);
  const announced = TO_BE_ANNOUNCED.exec(text);
  if (announced) {
    const title = text.slice(0, announced.index).replace(/^agenda\s+for\s+the\s+/i, '');
    const timezone = announced[2] && isValidTimeZone(announced[2]) ? announced[2] : undefined;
    return { title, line, index, notices, plannedMinutes: announced[1] ? Number(announced[1]) : undefined, timezone };
  }
  if (dateOnly.test(text) && /\d/.test(text)) {
    return { title: fallback || text, line, index, notices, when: { text, line } };
  }
  const { title, start } = readTitleLine(text);
  const leading = start ? null : leadingDate.exec(title);
  if (leading) {
    const rest = leading[2]!;
    return { title: `${rest.charAt(0).toUpperCase()}${rest.slice(1)}`, line, index, notices, when: { text: leading[1]!, line } };
  }
  if (!start) return { title: title || fallback, line, index, notices };
  const when = text.slice(text.indexOf(title) + title.length).replace(/^[\s,;:–—|(-]+/, '').replace(/^(?:on|at)\s+/i, '').trim();
  return { title: title || fallback, line, index, notices, when: { text: when, line } };
}
