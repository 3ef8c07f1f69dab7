import type { PublicCall } from '../protocol/call';
import { utcToZonedLocal } from '../time';
import { writeItemLine, writeTitleLine } from './agenda-lines';
import { formatStart } from './agenda-start';

/** A link the import reads back as the same label and URL, in the form people paste. */
function writeLink({ label, url }: { label: string; url: string }): string {
  const isPlain = !/[[\]]/.test(label) && !/[\s()<>]/.test(url);
  return isPlain ? `- [${label}](${url})` : `- ${label}: <${url}>`;
}

/** Item notes become nested bullets; their own deeper bullets keep their depth. */
function writeItemNotes(notes: string): string[] {
  if (!notes) return [];
  return notes.split('\n').map((line) => (!line ? '' : /^\s/.test(line) ? `  ${line}` : `  - ${line}`));
}

/** The parts of a PublicCall the agenda is made of; any PublicCall fits. */
export type AgendaSource = Pick<PublicCall, 'title' | 'description' | 'startsAt' | 'timezone' | 'plannedMinutes' | 'links' | 'sections'>;

/** The call's agenda as Markdown in the shape community calls use; parseAgendaMarkdown reads it back. */
export function exportAgendaMarkdown(call: AgendaSource): string {
  const startsAt = utcToZonedLocal(new Date(call.startsAt), call.timezone);
  const blocks: string[][] = [[writeTitleLine(call.title, formatStart(startsAt, call.timezone, call.plannedMinutes))]];
  if (call.description) blocks.push([call.description]);
  if (call.links.length > 0) blocks.push(['## Links for participants'], call.links.map(writeLink));
  for (const section of call.sections) {
    blocks.push([`## ${section.title}`]);
    if (section.notes) blocks.push([section.notes]);
    if (section.items.length > 0) {
      blocks.push(section.items.flatMap((item) => [`- ${writeItemLine(item)}`, ...writeItemNotes(item.notes)]));
    }
  }
  return `${blocks.map((lines) => lines.join('\n')).join('\n\n')}\n`;
}
