import type { Heading } from 'mdast';
import { attendanceHeading, regretsHeading } from './attendees';
import { qaHeading } from './questions';
import { lineOf, endLineOf, linesOf, textOf, type Block, type Source } from './tree';

export const minutesHeading = /^(?:call\s+|meeting\s+|discussion\s+)?(?:minutes|notes)(?:\s+(?:of|from)\s+(?:the\s+)?(?:call|meeting)\b.*)?\s*:?$/i;

export type PartKind = 'qa' | 'attendance' | 'regrets';
/**
 * A heading's part: the heading and what follows up to the next heading of its level or above. A label paragraph
 * (`**Attendees:** Ann, Bo`, or `Present:` over a list) is a part too: itself and the list right after it.
 */
export type Part = { kind: PartKind; heading: Block; blocks: Block[]; start: number; end: number; inline?: string };

const label = /^(attendees|attendance|present|participants|regrets|apologies)\s*:\s*([\s\S]*)$/i;

const kindOf = (heading: Heading, isMinutes: boolean): PartKind | null => {
  const text = textOf(heading);
  if (attendanceHeading.test(text)) return 'attendance';
  if (regretsHeading.test(text)) return 'regrets';
  if (isMinutes && qaHeading.test(text)) return 'qa';
  return null;
};

/** Finds the parts that are not agenda or minutes text: attendance anywhere, regrets, and a Q&A inside the minutes. */
export function findParts(blocks: Block[], minutesAt: number): Part[] {
  const parts: Part[] = [];
  for (let index = 0; index < blocks.length; index += 1) {
    const block = blocks[index]!;
    const labelled = block.type === 'paragraph' ? label.exec(textOf(block)) : null;
    // "Present: the new release" in an agenda is no roll call: outside the minutes only "Attendees:" counts.
    if (labelled && (/^attend/i.test(labelled[1]!) || (minutesAt >= 0 && index > minutesAt))) {
      const kind = regretsHeading.test(labelled[1]!) ? 'regrets' : 'attendance';
      const inline = labelled[2]!.trim();
      const hasList = !inline && blocks[index + 1]?.type === 'list';
      if (inline || hasList) {
        parts.push({ kind, heading: block, blocks: hasList ? [blocks[index + 1]!] : [], start: index, end: index + (hasList ? 2 : 1), inline });
        if (hasList) index += 1;
      }
      continue;
    }
    if (block.type !== 'heading') continue;
    const kind = kindOf(block, minutesAt >= 0 && index > minutesAt);
    if (!kind) continue;
    let end = index + 1;
    while (end < blocks.length && !(blocks[end]!.type === 'heading' && (blocks[end] as Heading).depth <= block.depth)) end += 1;
    if (minutesAt > index && end > minutesAt) end = minutesAt;
    parts.push({ kind, heading: block, blocks: blocks.slice(index + 1, end), start: index, end });
    index = end - 1;
  }
  return parts;
}

/** The first minutes heading (level 1 or 2) after the title, or -1. */
export function findMinutes(blocks: Block[], titleAt: number): number {
  return blocks.findIndex((block, index) => index > titleAt && block.type === 'heading' && block.depth <= 2 && minutesHeading.test(textOf(block)));
}

/** The Markdown of blocks as written, with its first line: each run of neighbouring blocks is cut from the source whole. */
export function runsOf(source: Source, blocks: Block[], all: Block[]): { line: number; text: string }[] {
  const runs: { line: number; text: string }[] = [];
  let run: Block[] = [];
  const flush = () => {
    if (run.length > 0) runs.push({ line: lineOf(run[0]!), text: linesOf(source, lineOf(run[0]!), endLineOf(run[run.length - 1]!)).trim() });
    run = [];
  };
  const positions = new Map(all.map((block, index) => [block, index]));
  for (const block of blocks) {
    const previous = run[run.length - 1];
    if (previous && (positions.get(previous) ?? -2) + 1 !== positions.get(block)) flush();
    run.push(block);
  }
  flush();
  return runs.filter((each) => each.text);
}
