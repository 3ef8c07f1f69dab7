import type { PublicCall } from '../protocol/call';
import { REACTIONS } from '../protocol/polls';
import { utcToZonedLocal } from '../time';
import { writeItemLine, writeTitleLine } from './agenda-lines';
import { formatStart } from './dates/start-reading';
import { escapeInline } from './markdown-escape';

/** A link the import reads back as the same label and URL, relative URLs as written. */
function writeLink({ label, url }: { label: string; url: string }): string {
  const destination = /[\s()<>]/.test(url) ? `<${url}>` : url;
  return `- [${escapeInline(label)}](${destination})`;
}

const indent = (text: string) =>
  text
    .split('\n')
    .map((line) => (line.trim() ? `  ${line}` : ''))
    .join('\n');

/** Reaction counts per agenda item: item id → emoji → count. */
export type ItemReactions = Readonly<Record<string, Readonly<Record<string, number>>>>;

/** `Reactions: 👏 12 · 🎉 3` in the order the reaction bar shows them, or '' when the item had none. */
export function writeReactionsLine(counts: Readonly<Record<string, number>> = {}): string {
  const shown = REACTIONS.flatMap((emoji) => ((counts[emoji] ?? 0) > 0 ? [`${emoji} ${counts[emoji]}`] : []));
  return shown.length > 0 ? `Reactions: ${shown.join(' · ')}` : '';
}

/**
 * An item line and, after a blank line, its notes indented under it as Markdown (nesting kept), then its reaction
 * counts if it had any. A re-import reads the reactions line as the end of the item's notes, which export the same.
 */
function writeItem(item: { id: string; title: string; notes: string; presenter: string; plannedMinutes: number | null }, reactions: ItemReactions): string[] {
  const line = `- ${escapeInline(writeItemLine(item))}`;
  const nested = [item.notes.trim(), writeReactionsLine(reactions[item.id])].filter(Boolean).join('\n\n');
  return nested ? [line, '', indent(nested)] : [line];
}

/** The parts of a PublicCall the agenda is made of; any PublicCall fits, also one whose start is to be announced. */
export type AgendaSource = Pick<PublicCall, 'title' | 'description' | 'timezone' | 'plannedMinutes' | 'links' | 'sections'> & { startsAt: string | null };

/** The title line: the start in the call's timezone, or "date to be announced" with the planned length and timezone. */
function writeTitle(call: AgendaSource): string {
  const title = escapeInline(call.title);
  if (!call.startsAt) return `# Agenda for the ${title} (date to be announced, ${call.plannedMinutes} minutes, ${call.timezone})`;
  const startsAt = utcToZonedLocal(new Date(call.startsAt), call.timezone);
  return writeTitleLine(title, formatStart(startsAt, call.timezone, call.plannedMinutes));
}

/** The call's agenda as Markdown in the shape community calls use; parseCallMarkdown reads it back. The record adds reaction counts. */
export function exportAgendaMarkdown(call: AgendaSource, reactions: ItemReactions = {}): string {
  const blocks: string[][] = [[writeTitle(call)]];
  if (call.description.trim()) blocks.push([call.description.trim()]);
  if (call.links.length > 0) blocks.push(['## Links for participants'], call.links.map(writeLink));
  for (const section of call.sections) {
    blocks.push([`## ${escapeInline(section.title)}`]);
    if (section.notes.trim()) blocks.push([section.notes.trim()]);
    if (section.items.length > 0) blocks.push(section.items.flatMap((item) => writeItem(item, reactions)));
  }
  return `${blocks.map((lines) => lines.join('\n')).join('\n\n')}\n`;
}
