import { isAllowedLinkUrl, LIMITS } from '../../protocol/call';
import type { CallDraft, DraftItem, DraftLink, DraftSection, ImportNotice } from '../call-draft';

/** Cuts a title at a word boundary within the limit; the rest is returned for the notes. */
export function cutTitle(title: string, limit: number = LIMITS.title): { title: string; rest: string } {
  if (title.length <= limit) return { title, rest: '' };
  const space = title.lastIndexOf(' ', limit - 1);
  const at = space > limit / 2 ? space : limit - 1;
  return { title: `${title.slice(0, at).trimEnd()}…`, rest: `…${title.slice(at).trimStart()}` };
}

/** Splits text into pieces within the limit, at line breaks where it can. */
export function splitText(text: string, limit: number = LIMITS.notes): string[] {
  const pieces: string[] = [];
  let rest = text;
  while (rest.length > limit) {
    const paragraph = rest.lastIndexOf('\n\n', limit);
    const line = rest.lastIndexOf('\n', limit);
    const at = paragraph > limit / 2 ? paragraph : line > limit / 2 ? line : limit;
    pieces.push(rest.slice(0, at).trimEnd());
    rest = rest.slice(at).replace(/^\n+/, '');
  }
  return [...pieces, rest];
}

const joinNotes = (...parts: string[]) => parts.filter((part) => part.trim()).join('\n\n');
const say = (notices: ImportNotice[], line: number, message: string) => notices.push({ line, message: `Line ${line}: ${message}` });

function fitItem(item: DraftItem, notices: ImportNotice[], overflow: string[]): DraftItem {
  const cut = cutTitle(item.title);
  if (cut.rest) say(notices, item.line, `the item title is longer than ${LIMITS.title} characters; the rest is in its notes.`);
  const presenter = item.presenter.length > LIMITS.name ? '' : item.presenter;
  if (presenter !== item.presenter) say(notices, item.line, `the presenter is longer than ${LIMITS.name} characters; it was kept in the notes.`);
  const [notes = '', ...more] = splitText(joinNotes(cut.rest, presenter === item.presenter ? '' : `Presented by ${item.presenter}`, item.notes));
  if (more.length > 0) {
    say(notices, item.line, `the notes of this item are longer than ${LIMITS.notes} characters; the rest is in the section notes.`);
    overflow.push(...more.map((text) => `Notes of “${cut.title}” (continued):\n\n${text}`));
  }
  return { ...item, title: cut.title, presenter, notes };
}

/** A section within the limits, followed by "(continued)" sections for notes that do not fit. */
function fitSection(section: DraftSection, notices: ImportNotice[]): DraftSection[] {
  const cut = cutTitle(section.title);
  if (cut.rest) say(notices, section.line, `the section title is longer than ${LIMITS.title} characters; the rest is in its notes.`);
  const overflow: string[] = [];
  const items = section.items.map((item) => fitItem(item, notices, overflow));
  const extra = items.splice(LIMITS.itemsPerSection);
  if (extra.length > 0) say(notices, extra[0]!.line, `a section can have at most ${LIMITS.itemsPerSection} items; the ${extra.length} after that are in the section notes.`);
  const extraText = extra.map((item) => `- ${item.title}${item.notes ? `\n\n${item.notes.replace(/^(?=.)/gm, '  ')}` : ''}`).join('\n');
  const [notes = '', ...more] = splitText(joinNotes(cut.rest, section.notes, extraText, ...overflow));
  if (more.length > 0) say(notices, section.line, `the text under this section is longer than ${LIMITS.notes} characters; the rest follows in “(continued)” sections.`);
  const continued = more.map((text) => ({ title: cutTitle(`${cut.title} (continued)`).title, notes: text, items: [], line: section.line }));
  return [{ ...section, title: cut.title, notes, items }, ...continued];
}

/** A link the API takes; one it does not (too long, a URL it refuses) is kept as text instead. */
function fitLinks(links: DraftLink[], notices: ImportNotice[]): { links: DraftLink[]; text: string[] } {
  const kept: DraftLink[] = [];
  const text: string[] = [];
  for (const link of links) {
    const isUsable = isAllowedLinkUrl(link.url) && link.url.length <= LIMITS.url;
    if (!isUsable || kept.length === LIMITS.links) {
      say(notices, link.line, isUsable ? `a call can have at most ${LIMITS.links} links; the others are in the description.` : `the link “${link.url}” cannot be a call link; it was kept in the description.`);
      text.push(`- [${link.label}](<${link.url}>)`);
      continue;
    }
    const label = cutTitle(link.label, LIMITS.linkLabel);
    if (label.rest) say(notices, link.line, `the link label is longer than ${LIMITS.linkLabel} characters; it was cut.`);
    kept.push({ ...link, label: label.title });
  }
  return { links: kept, text };
}

/** Nothing is refused for its length: over-long text moves into notes or "(continued)" sections, surplus links/sections/items into text. */
export function fitToLimits(draft: CallDraft, notices: ImportNotice[]): CallDraft {
  const titleLine = draft.lines.title ?? 1;
  const cut = cutTitle(draft.title);
  if (cut.rest) say(notices, titleLine, `the title is longer than ${LIMITS.title} characters; the rest is in the description.`);
  const { links, text: linkText } = fitLinks(draft.links, notices);
  const [description = '', ...moreDescription] = splitText(joinNotes(cut.rest, draft.description, linkText.join('\n')), LIMITS.description);
  if (moreDescription.length > 0) say(notices, 1, `the description is longer than ${LIMITS.description} characters; the rest is in a first section.`);
  const fromDescription = moreDescription.map((text) => ({ title: 'Description (continued)', notes: text, items: [], line: 1 }));
  let sections = [...fromDescription, ...draft.sections].flatMap((section) => fitSection(section, notices));
  const extraSections = sections.splice(LIMITS.sections);
  if (extraSections.length > 0) {
    say(notices, extraSections[0]!.line, `a call can have at most ${LIMITS.sections} sections; the others are in the last section's notes.`);
    const text = extraSections.map((section) => joinNotes(`**${section.title}**`, section.notes, section.items.map((item) => `- ${item.title}`).join('\n'))).join('\n\n');
    const last = sections[sections.length - 1]!;
    sections = [...sections.slice(0, -1), ...fitSection({ ...last, notes: joinNotes(last.notes, text), items: last.items }, notices).slice(0, 1)];
  }
  const plannedMinutes = draft.plannedMinutes !== undefined && draft.plannedMinutes >= 5 && draft.plannedMinutes <= 1440 ? draft.plannedMinutes : undefined;
  const { plannedMinutes: _planned, ...rest } = draft;
  return {
    ...rest,
    ...(plannedMinutes ? { plannedMinutes } : {}),
    title: cut.title,
    description,
    links,
    sections,
    questions: draft.questions.map((question) => ({ ...question, authorName: question.authorName.slice(0, LIMITS.name), answeredBy: question.answeredBy.slice(0, LIMITS.name) })),
    attendees: draft.attendees.map((attendee) => ({ ...attendee, affiliation: cutTitle(attendee.affiliation, LIMITS.name).title })),
  };
}
