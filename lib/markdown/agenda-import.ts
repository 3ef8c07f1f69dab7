import type { ImportNotice } from './call-draft';
import { parseCallMarkdown } from './import';

export type AgendaDraftItem = { title: string; notes: string; presenter: string; plannedMinutes: number | null };
export type AgendaDraftSection = { title: string; notes: string; items: AgendaDraftItem[] };
/** The agenda fields of a CallDraft (no line numbers, no record parts). */
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

/** The agenda part of parseCallMarkdown, for callers not yet switched to it (to be removed). */
export function parseAgendaMarkdown(markdown: string): AgendaImportResult {
  const result = parseCallMarkdown(markdown);
  if (!result.ok) return result;
  const { title, description, startsAt, timezone, plannedMinutes, links, sections } = result.draft;
  const draft: AgendaDraft = {
    title,
    description,
    ...(startsAt ? { startsAt } : {}),
    ...(timezone ? { timezone } : {}),
    ...(plannedMinutes ? { plannedMinutes } : {}),
    links: links.map(({ label, url }) => ({ label, url })),
    sections: sections.map((section) => ({
      title: section.title,
      notes: section.notes,
      items: section.items.map(({ title: itemTitle, notes, presenter, plannedMinutes: minutes }) => ({ title: itemTitle, notes, presenter, plannedMinutes: minutes })),
    })),
  };
  return { ok: true, draft, notices: result.notices };
}
