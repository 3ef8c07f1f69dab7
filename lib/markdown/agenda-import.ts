import { LIMITS } from '../protocol/call';
import { readItemLine, readLinkLine, readTitleLine } from './agenda-lines';
import type { ImportNotice } from './call-draft';

export type AgendaDraftItem = { title: string; notes: string; presenter: string; plannedMinutes: number | null };
export type AgendaDraftSection = { title: string; notes: string; items: AgendaDraftItem[] };
/** The fields of CreateCallFormInput; the start and timezone are absent when the Markdown does not say them. */
export type AgendaDraft = {
  title: string;
  description: string;
  startsAt?: string;
  timezone?: string;
  plannedMinutes?: number;
  links: { label: string; url: string }[];
  sections: AgendaDraftSection[];
};
export type LineMessage = ImportNotice;
export type AgendaImportResult = { ok: true; draft: AgendaDraft; notices: LineMessage[] } | { ok: false; errors: LineMessage[] };

type Text = { lines: string[]; line: number };
type Item = { title: string; presenter: string; plannedMinutes: number | null; notes: Text; noteIndent: number | null };
type Section = { title: string; notes: Text; items: Item[]; bulletIndent: number | null };

const heading = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;
const bullet = /^([ \t]*)([-*+]|\d{1,9}[.)])(?:[ \t]+(.*))?$/;
const fence = /^ {0,3}(`{3,}|~{3,})/;
const linksHeading = /^(?:useful\s+|participant\s+)?links?(?:\s+for\s+(?:participants|attendees))?:?$/i;

const indentOf = (whitespace: string) => [...whitespace].reduce((width, char) => (char === '\t' ? width + 4 - (width % 4) : width + 1), 0);
const capitalize = (sentence: string) => sentence.charAt(0).toUpperCase() + sentence.slice(1);

/** Reads a community-call agenda written in Markdown. Pure; runs in the browser and on the server. */
export function parseAgendaMarkdown(markdown: string): AgendaImportResult {
  const lines = markdown.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  const errors: LineMessage[] = [];
  const notices: LineMessage[] = [];
  if (lines.every((line) => !line.trim())) return { ok: false, errors: [{ line: 1, message: 'Line 1: the Markdown is empty: paste or upload an agenda.' }] };

  const draft: AgendaDraft = { title: '', description: '', links: [], sections: [] };
  const description: Text = { lines: [], line: 1 };
  const sections: Section[] = [];
  let titleLine = 0;
  let mode: 'description' | 'links' | 'section' = 'description';
  let linkIndent: number | null = null;
  let item: Item | null = null;
  let openFence: string | null = null;
  let hasPendingBlank = false;

  const section = () => sections[sections.length - 1];
  const push = (text: Text, line: string) => {
    if (hasPendingBlank && text.lines.length > 0) text.lines.push('');
    text.lines.push(line);
    hasPendingBlank = false;
  };
  const sectionText = () => section()?.notes ?? description;

  lines.forEach((raw, index) => {
    const number = index + 1;
    const line = raw.replace(/\s+$/, '');
    const target = () => (mode === 'section' ? (item?.notes ?? sectionText()) : description);
    if (openFence) {
      target().lines.push(line);
      if (line.trim().startsWith(openFence)) openFence = null;
      return;
    }
    if (!line) {
      hasPendingBlank = true;
      return;
    }
    const fenced = fence.exec(line);
    if (fenced) {
      openFence = fenced[1]!;
      push(target(), line);
      return;
    }
    const headed = heading.exec(line);
    if (headed) {
      const level = headed[1]!.length;
      const text = (headed[2] ?? '').trim();
      if (level === 1 && titleLine === 0 && sections.length === 0 && mode === 'description') {
        titleLine = number;
        readTitle(text, number);
        return;
      }
      if (level === 2) {
        item = null;
        hasPendingBlank = false;
        if (!text) return errors.push({ line: number, message: 'This “##” heading has no title.' });
        if (linksHeading.test(text)) return (mode = 'links');
        mode = 'section';
        if (sections.length === LIMITS.sections) return errors.push({ line: number, message: `An agenda can have at most ${LIMITS.sections} sections.` });
        if (text.length > LIMITS.title) errors.push({ line: number, message: `The section title is longer than ${LIMITS.title} characters.` });
        sections.push({ title: text, notes: { lines: [], line: number }, items: [], bulletIndent: null });
        return;
      }
      // Other headings are content the host wrote: keep them as notes, verbatim.
      item = null;
      push(mode === 'section' ? sectionText() : description, line.trim());
      return;
    }
    const bulleted = bullet.exec(line);
    const indent = indentOf(/^[ \t]*/.exec(line)![0]);
    if (mode === 'links') return readLink(bulleted, line, indent, number);
    if (mode === 'description') return push(description, line);
    const current = section()!;
    if (bulleted) {
      const text = bulleted[3] ?? '';
      current.bulletIndent ??= indent;
      if (!item || indent <= current.bulletIndent) return addItem(current, text, number);
      item.noteIndent ??= indent;
      const depth = indent - item.noteIndent;
      push(item.notes, depth > 0 ? `${' '.repeat(depth)}${bulleted[2]} ${text}` : text);
      return;
    }
    // A line under an item (indented, or straight after it) continues the item; anything else is a section note.
    if (item && (indent >= 2 || !hasPendingBlank)) return push(item.notes, line.trim());
    item = null;
    push(current.notes, line);
  });

  function readTitle(text: string, number: number) {
    const { title, start } = readTitleLine(text);
    draft.title = title;
    if (!title) notices.push({ line: number, message: `Line ${number}: the title line has no call name; fill in the title.` });
    if (title.length > LIMITS.title) errors.push({ line: number, message: `The title is longer than ${LIMITS.title} characters.` });
    if (!start) {
      notices.push({ line: number, message: `Line ${number}: the title line gives no start date, time or timezone; fill them in.` });
      return;
    }
    Object.assign(draft, { startsAt: start.startsAt, timezone: start.timezone, plannedMinutes: start.plannedMinutes });
    for (const problem of start.problems) notices.push({ line: number, message: `Line ${number}: ${problem}.` });
  }

  function readLink(bulleted: RegExpExecArray | null, line: string, indent: number, number: number) {
    if (bulleted) linkIndent ??= indent;
    if (!bulleted || indent > (linkIndent ?? 0)) {
      notices.push({ line: number, message: `Line ${number}: “${line.trim()}” under the links is not a link; it was kept in the description.` });
      return push(description, line.trim());
    }
    const link = readLinkLine(bulleted[3] ?? '');
    if ('error' in link) return errors.push({ line: number, message: capitalize(`${link.error}.`) });
    if (draft.links.length === LIMITS.links) return errors.push({ line: number, message: `A call can have at most ${LIMITS.links} links.` });
    if (link.label.length > 80) errors.push({ line: number, message: 'The link label is longer than 80 characters.' });
    if (link.url.length > LIMITS.url) errors.push({ line: number, message: `The link is longer than ${LIMITS.url} characters.` });
    draft.links.push({ label: link.label, url: link.url });
    if (link.rest) {
      notices.push({ line: number, message: `Line ${number}: the text after the link (“${link.rest}”) was kept in the description.` });
      push(description, link.rest);
    }
  }

  function addItem(current: Section, text: string, number: number) {
    hasPendingBlank = false;
    if (!text.trim()) {
      item = null;
      return;
    }
    if (current.items.length === LIMITS.itemsPerSection) {
      errors.push({ line: number, message: `A section can have at most ${LIMITS.itemsPerSection} items.` });
      return;
    }
    const read = readItemLine(text);
    if (read.problem) notices.push({ line: number, message: `Line ${number}: ${read.problem}.` });
    if (read.title.length > LIMITS.title) errors.push({ line: number, message: `The item title is longer than ${LIMITS.title} characters.` });
    if (read.presenter.length > LIMITS.name) errors.push({ line: number, message: `The presenter name is longer than ${LIMITS.name} characters.` });
    item = { ...read, notes: { lines: [], line: number }, noteIndent: null };
    current.items.push(item);
  }

  if (titleLine === 0 && sections.length === 0) {
    return { ok: false, errors: [{ line: 1, message: 'Line 1: this does not look like an agenda: start with a “# Title” line and “## Section” headings.' }] };
  }
  if (titleLine === 0) notices.push({ line: 1, message: 'Line 1: there is no “# Title” line; fill in the title, date, time and timezone.' });
  if (openFence) notices.push({ line: lines.length, message: `Line ${lines.length}: a code block was not closed; it runs to the end.` });

  const join = (text: Text, limit: number, what: string) => {
    const joined = text.lines.join('\n').trim();
    if (joined.length > limit) errors.push({ line: text.line, message: `The ${what} is longer than ${limit} characters.` });
    return joined;
  };
  draft.description = join(description, LIMITS.description, 'description');
  draft.sections = sections.map((each) => ({
    title: each.title,
    notes: join(each.notes, LIMITS.notes, 'text under this section'),
    items: each.items.map((entry) => ({
      title: entry.title,
      notes: join(entry.notes, LIMITS.notes, 'notes of this item'),
      presenter: entry.presenter,
      plannedMinutes: entry.plannedMinutes,
    })),
  }));
  if (errors.length > 0) {
    const sorted = errors.sort((a, b) => a.line - b.line);
    return { ok: false, errors: sorted.map(({ line, message }) => ({ line, message: `Line ${line}: ${message}` })) };
  }
  for (const key of ['startsAt', 'timezone', 'plannedMinutes'] as const) if (draft[key] === undefined) delete draft[key];
  return { ok: true, draft, notices };
}
