import type { CallDraft, CallImportOptions, CallImportResult, ImportNotice } from '../call-draft';
import { readAgenda } from './agenda';
import { cutTitle, fitToLimits } from './limits';
import { findMinutes, findParts } from './parts';
import { readRecord } from './record';
import { formatStart, readCallStart, type StartCandidate } from '../dates';
import { readTitle } from './title';
import { lineOf, linesOf, sourceOf, textOf, type Block, type Source, readTree } from './tree';

const field = /^\s*(?:[-*+]\s+)?(?:\*\*|__)?\s*(?:date|when|time|start(?:s| time|s at)?)\s*(?:\*\*|__)?\s*:\s*(?:\*\*|__)?\s*(.+?)\s*$/i;
const frontMatterField = /^\s*(?:date|time|start|when|starts_?at)\s*:\s*["']?(.+?)["']?\s*$/i;
const placeholderMinutes = /^(?:.*\b(?:will be (?:added|published|posted)|to be added|tbd|tba)\b.*|\[?(?:tbd|todo)\.?\]?|q&a|no questions.*)$/i;

const wordsOf = (text: string) => Array.from(text.toLowerCase().matchAll(/[\p{L}\p{N}]+/gu), (match) => match[0]);
/** Whether the written start says everything the title's "when" said (else that text is kept in the description). */
const isSaidBy = (written: string, when: string) => wordsOf(when).every((word) => wordsOf(written).includes(word));

/** Start candidates: the title's "when", `Date:`/`When:`/`Time:` fields before the agenda's sections (or as headings), front matter. */
function startCandidates(source: Source, blocks: Block[], frontMatter: Block[], when?: StartCandidate): StartCandidate[] {
  const candidates: StartCandidate[] = when ? [when] : [];
  for (const block of blocks) {
    const from = lineOf(block);
    const text = block.type === 'heading' ? textOf(block) : linesOf(source, from, block.position?.end.line ?? from);
    text.split('\n').forEach((line, offset) => {
      const found = field.exec(line);
      if (found) candidates.push({ text: found[1]!.replace(/\*\*|__/g, ''), line: from + offset });
    });
  }
  for (const block of frontMatter) {
    sourceOf(source, block).split('\n').forEach((line, offset) => {
      const found = frontMatterField.exec(line);
      if (found) candidates.push({ text: found[1]!, line: lineOf(block) + offset });
    });
  }
  return candidates;
}

/** A document with no title anywhere is named by the first words of its first line (the host can change it). */
function firstLineTitle(source: Source, notices: ImportNotice[]): string {
  const line = Math.max(0, source.text.split('\n').findIndex((text) => /[\p{L}\p{N}]/u.test(text)));
  const words = (source.text.split('\n')[line] ?? '').replace(/[#*_`>[\]()<!|-]+/g, ' ').replace(/\s+/g, ' ').trim();
  const title = cutTitle(words, 80).title;
  notices.push({ line: line + 1, message: `Line ${line + 1}: the document has no title; its first line names the call, change it if needed.` });
  return title || 'Imported call';
}

/** Reads a community's call document (agenda, minutes, Q&A, attendees) into a CallDraft. Pure; browser and server. */
export function parseCallMarkdown(markdown: string, options: CallImportOptions = {}): CallImportResult {
  return readCall(readTree(markdown), options);
}

/** The call a parsed document describes. */
export function readCall(source: Source, options: CallImportOptions = {}): CallImportResult {
  if (!source.text.trim()) return { ok: false, errors: [{ line: 1, message: 'Line 1: the Markdown is empty: paste or upload an agenda or minutes.' }] };
  const notices: ImportNotice[] = [];
  const frontMatter = source.root.children.filter((block) => (block.type as string) === 'yaml' || (block.type as string) === 'toml');
  const blocks = source.root.children.filter((block) => !frontMatter.includes(block));
  const title = readTitle(blocks, options.filename);
  notices.push(...title.notices);
  const minutesAt = findMinutes(blocks, title.index);
  const parts = findParts(blocks, minutesAt);
  const inParts = new Set(parts.flatMap((part) => [part.heading, ...part.blocks]));
  const agendaEnd = minutesAt < 0 ? blocks.length : minutesAt;
  const agendaBlocks = blocks.slice(0, agendaEnd).filter((block, index) => index !== title.index && !inParts.has(block));
  const agenda = readAgenda(source, agendaBlocks);
  notices.push(...agenda.notices);
  const record = readRecord(source, blocks, minutesAt, parts);

  const start = readCallStart(startCandidates(source, agendaBlocks.filter((block) => lineOf(block) < (agenda.sections[0]?.line ?? Infinity) || block.type === 'heading'), frontMatter, title.when), { filename: options.filename, today: options.today });
  notices.push(...start.notices);
  const description = [...agenda.description];
  if (title.when && !(start.startsAt && start.line === title.when.line && isSaidBy(formatStart(start.startsAt, start.timezone ?? 'UTC', start.plannedMinutes ?? 60), title.when.text))) {
    description.unshift(`**When:** ${title.when.text}`);
  }
  if (!start.startsAt && start.notices.length === 0) notices.push({ line: title.line ?? 1, message: `Line ${title.line ?? 1}: no date was found; the call's date is to be announced.` });
  let minutes = record.minutes;
  if (minutes && minutes.split('\n').every((line) => !line.trim() || /^#{1,6}\s/.test(line) || placeholderMinutes.test(line.replace(/^\s*(?:[-*+]|\d{1,9}[.)])\s+/, '').replace(/^\[[ xX]\]\s+/, '').replace(/[*_]/g, '').trim()))) {
    notices.push({ line: lineOf(blocks[minutesAt] ?? blocks[0]!), message: `Line ${lineOf(blocks[minutesAt] ?? blocks[0]!)}: the minutes only say they will come later; that text is in the description.` });
    const heading = textOf(blocks[minutesAt] ?? blocks[0]!);
    description.push(`${heading}: ${minutes.replace(/^#+\s*/gm, '')}`);
    minutes = '';
  }
  const draft: CallDraft = {
    title: title.title || firstLineTitle(source, notices),
    description: description.join('\n\n').trim(),
    ...(start.startsAt ? { startsAt: start.startsAt, timezone: start.timezone } : title.timezone ? { timezone: title.timezone } : {}),
    ...((start.plannedMinutes ?? title.plannedMinutes) ? { plannedMinutes: start.plannedMinutes ?? title.plannedMinutes } : {}),
    links: agenda.links,
    sections: agenda.sections,
    minutes,
    questions: record.questions,
    attendees: record.attendees,
    introOrder: record.introOrder,
    lines: {
      title: title.line,
      start: start.line,
      minutes: minutes && minutesAt >= 0 ? lineOf(blocks[minutesAt]!) : undefined,
      questions: parts.find((part) => part.kind === 'qa') && record.questions.length > 0 ? lineOf(parts.find((part) => part.kind === 'qa')!.heading) : undefined,
      attendees: record.attendees.length > 0 ? lineOf(parts.find((part) => part.kind === 'attendance')!.heading) : undefined,
    },
  };
  for (const key of ['title', 'start', 'minutes', 'questions', 'attendees'] as const) if (draft.lines[key] === undefined) delete draft.lines[key];
  const fitted = fitToLimits(draft, notices);
  return { ok: true, draft: fitted, notices: notices.sort((a, b) => a.line - b.line) };
}
