import type { List, ListItem, Nodes, Paragraph, PhrasingContent, Table } from 'mdast';
import { readItemLine } from '../agenda-lines';
import type { DraftItem, ImportNotice } from '../call-draft';
import { dedent, dedentedSourceOf, lineOf, sourceOf, textOf, type Source } from './tree';

export type ItemsReading = { items: DraftItem[]; notices: ImportNotice[]; kept: string[] };

const videoTimestamp = /^\[\d{1,2}:\d{2}(?::\d{2})?\]\s*/;

/** Links in an item's title line whose target is not already visible in its text, kept as Markdown for its notes. */
function hiddenLinks(source: Source, children: PhrasingContent[]): string[] {
  const found: string[] = [];
  const visit = (nodes: PhrasingContent[]) => {
    for (const node of nodes) {
      if ((node.type === 'link' && textOf(node) !== node.url) || node.type === 'linkReference' || node.type === 'image' || node.type === 'imageReference') found.push(sourceOf(source, node));
      else if ('children' in node) visit(node.children as PhrasingContent[]);
    }
  };
  visit(children);
  return found;
}

/** The part of a paragraph on its first line (inline nodes that start there, text cut at the line break). */
function firstLineOf(paragraph: Paragraph): Paragraph {
  const line = lineOf(paragraph);
  const children: PhrasingContent[] = [];
  for (const child of paragraph.children) {
    if ((child.position?.start.line ?? line) > line) break;
    children.push(child.type === 'text' ? { ...child, value: child.value.split('\n')[0]! } : child);
  }
  return { ...paragraph, children };
}

/** One list item: its first paragraph (or heading) is the item line, everything nested under it its notes. */
export function readListItem(source: Source, entry: ListItem): { item?: DraftItem; kept?: string; notices: ImportNotice[] } {
  const [first, ...rest] = entry.children;
  const line = lineOf(entry);
  if (!first || (first.type !== 'paragraph' && first.type !== 'heading')) {
    const kept = dedentedSourceOf(source, entry.children);
    return { kept: kept || undefined, notices: [] };
  }
  const heading = first as Paragraph;
  const text = textOf(heading).replace(videoTimestamp, '');
  if (!text) {
    const kept = dedentedSourceOf(source, entry.children);
    return { kept: kept || undefined, notices: [] };
  }
  // A hard-wrapped item: its first line carries the minutes and presenter, the wrapped rest goes to the notes.
  const lines = sourceOf(source, heading).split('\n');
  const firstLine = lines.length > 1 ? readItemLine(textOf(firstLineOf(heading)).replace(videoTimestamp, '')) : null;
  const isWrapped = Boolean(firstLine && (firstLine.presenter || firstLine.plannedMinutes !== null));
  const read = isWrapped && firstLine ? firstLine : readItemLine(text);
  const wrapped = isWrapped ? dedent(lines.slice(1).join('\n'), 1_000).trim() : '';
  const notices: ImportNotice[] = read.problem ? [{ line, message: `Line ${line}: ${read.problem}.` }] : [];
  const links = hiddenLinks(source, heading.children);
  const nested = dedentedSourceOf(source, rest);
  const notes = [wrapped, links.join(' '), nested].filter(Boolean).join('\n\n');
  return { item: { title: read.title, notes, presenter: read.presenter, plannedMinutes: read.plannedMinutes, line }, notices };
}

/** Every item of a list; list items that are not item lines stay in the section's notes. */
export function readList(source: Source, list: List): ItemsReading {
  const reading: ItemsReading = { items: [], notices: [], kept: [] };
  for (const entry of list.children) {
    const { item, kept, notices } = readListItem(source, entry);
    reading.notices.push(...notices);
    if (item) reading.items.push(item);
    if (kept) reading.kept.push(kept);
  }
  return reading;
}

const topicColumn = /^(?:topic|item|items|subject|agenda(?: item)?|title|what|discussion)$/i;
const timeColumn = /^(?:time|timebox|time ?box|duration|minutes|mins?|length|slot)$/i;
const presenterColumn = /^(?:presenter|presenters|who|owner|lead|speaker|facilitator|by|name)$/i;

/** A table with a topic column (and a timebox column) is an agenda: one item per row. */
export function readTable(source: Source, table: Table): ItemsReading | null {
  const [header, ...rows] = table.children;
  if (!header) return null;
  const names = header.children.map((cell) => textOf(cell));
  const topic = names.findIndex((name) => topicColumn.test(name));
  const time = names.findIndex((name) => timeColumn.test(name));
  if (topic < 0 || time < 0) return null;
  const presenter = names.findIndex((name) => presenterColumn.test(name));
  const items: DraftItem[] = [];
  for (const row of rows) {
    const cells = row.children.map((cell) => textOf(cell));
    const title = cells[topic] ?? '';
    if (!title) continue;
    const minutes = /(\d{1,3})\s*(?:m|min|mins|minutes)?\b/i.exec(cells[time] ?? '');
    const value = minutes ? Number(minutes[1]) : 0;
    const others = names.map((name, index) => (index === topic || index === presenter || (index === time && value) || !cells[index] ? '' : `${name}: ${cells[index]}`));
    items.push({
      title,
      notes: others.filter(Boolean).join('\n'),
      presenter: presenter >= 0 ? (cells[presenter] ?? '') : '',
      plannedMinutes: value >= 1 && value <= 600 ? value : null,
      line: lineOf(row as Nodes),
    });
  }
  return { items, notices: [], kept: [] };
}
