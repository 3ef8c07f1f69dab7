import { LIMITS } from '../../protocol/call';
import type { CallDraft, DraftItem, DraftSection, ImportNotice } from '../call-draft';

/** The notes limit the importer works to: the protocol's, never below what the issue's limits grow to. */
const NOTES_LIMIT = Math.max(LIMITS.notes, 20_000);
const DESCRIPTION_LIMIT = Math.max(LIMITS.description, 20_000);
const LINKS_LIMIT = Math.max(LIMITS.links, 50);
const SECTIONS_LIMIT = Math.max(LIMITS.sections, 100);
const ITEMS_LIMIT = Math.max(LIMITS.itemsPerSection, 200);

/** Cuts a title at a word boundary within the limit; the rest is returned for the notes. */
export function cutTitle(title: string, limit = LIMITS.title): { title: string; rest: string } {
  if (title.length <= limit) return { title, rest: '' };
  const space = title.lastIndexOf(' ', limit - 1);
  const at = space > limit / 2 ? space : limit - 1;
  return { title: `${title.slice(0, at).trimEnd()}…`, rest: `…${title.slice(at).trimStart()}` };
}

const joinNotes = (...parts: string[]) => parts.filter((part) => part.trim()).join('\n\n');

function fitItem(item: DraftItem, notices: ImportNotice[]): DraftItem {
  const cut = cutTitle(item.title);
  if (cut.rest) notices.push({ line: item.line, message: `Line ${item.line}: the item title is longer than ${LIMITS.title} characters; the rest is in its notes.` });
  const presenter = item.presenter.length > LIMITS.name ? '' : item.presenter;
  const notes = joinNotes(cut.rest, presenter === item.presenter ? '' : `Presented by ${item.presenter}`, item.notes);
  if (presenter !== item.presenter) notices.push({ line: item.line, message: `Line ${item.line}: the presenter is longer than ${LIMITS.name} characters; it was kept in the notes.` });
  if (notes.length > NOTES_LIMIT) notices.push({ line: item.line, message: `Line ${item.line}: the notes of this item are longer than ${NOTES_LIMIT} characters; they were kept whole.` });
  return { ...item, title: cut.title, presenter, notes };
}

function fitSection(section: DraftSection, notices: ImportNotice[]): DraftSection {
  const cut = cutTitle(section.title);
  if (cut.rest) notices.push({ line: section.line, message: `Line ${section.line}: the section title is longer than ${LIMITS.title} characters; the rest is in its notes.` });
  const items = section.items.map((item) => fitItem(item, notices));
  const overflow = items.splice(ITEMS_LIMIT);
  if (overflow.length > 0) notices.push({ line: overflow[0]!.line, message: `Line ${overflow[0]!.line}: a section can have at most ${ITEMS_LIMIT} items; the ${overflow.length} after that are in the section notes.` });
  const overflowText = overflow.map((item) => `- ${item.title}${item.notes ? `\n\n${item.notes.replace(/^/gm, '  ')}` : ''}`).join('\n');
  const notes = joinNotes(cut.rest, section.notes, overflowText);
  if (notes.length > NOTES_LIMIT) notices.push({ line: section.line, message: `Line ${section.line}: the text under this section is longer than ${NOTES_LIMIT} characters; it was kept whole.` });
  return { ...section, title: cut.title, notes, items };
}

/** Nothing is refused for its length: over-long titles go to the notes, surplus links/sections/items overflow into text. */
export function fitToLimits(draft: CallDraft, notices: ImportNotice[]): CallDraft {
  const cut = cutTitle(draft.title);
  if (cut.rest) notices.push({ line: draft.lines.title ?? 1, message: `Line ${draft.lines.title ?? 1}: the title is longer than ${LIMITS.title} characters; the rest is in the description.` });
  const links = draft.links.slice(0, LINKS_LIMIT);
  const extraLinks = draft.links.slice(LINKS_LIMIT);
  if (extraLinks.length > 0) notices.push({ line: extraLinks[0]!.line, message: `Line ${extraLinks[0]!.line}: a call can have at most ${LINKS_LIMIT} links; the others are in the description.` });
  let sections = draft.sections.map((section) => fitSection(section, notices));
  const extraSections = sections.splice(SECTIONS_LIMIT);
  if (extraSections.length > 0) {
    notices.push({ line: extraSections[0]!.line, message: `Line ${extraSections[0]!.line}: a call can have at most ${SECTIONS_LIMIT} sections; the others are in the last section's notes.` });
    const text = extraSections.map((section) => joinNotes(`**${section.title}**`, section.notes, section.items.map((item) => `- ${item.title}`).join('\n'))).join('\n\n');
    const last = sections[sections.length - 1]!;
    sections = [...sections.slice(0, -1), { ...last, notes: joinNotes(last.notes, text) }];
  }
  const description = joinNotes(cut.rest, draft.description, extraLinks.map((link) => `- [${link.label}](${link.url})`).join('\n'));
  if (description.length > DESCRIPTION_LIMIT) notices.push({ line: 1, message: `Line 1: the description is longer than ${DESCRIPTION_LIMIT} characters; it was kept whole.` });
  return { ...draft, title: cut.title, description, links, sections };
}
