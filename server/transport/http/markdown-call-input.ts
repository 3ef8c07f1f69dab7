import type { ImportNotice } from '@/lib/markdown/call-draft';
import { parseCallMarkdown } from '@/lib/markdown/import';
import { isLocalDateTime } from '@/lib/time';
import type { createCallQuerySchema, Issue } from '@/lib/protocol';
import type { z } from 'zod';
import { HttpError } from './http-utils';

/** Bodies read as Markdown; plain text is what many editors save a `.md` file as. */
export const MARKDOWN_CONTENT_TYPES = ['text/markdown', 'text/x-markdown', 'text/plain'];

/** The query parameters a text/markdown request may add: what the Markdown may lack. */
export function overridesFromQuery(query: z.output<typeof createCallQuerySchema>): Record<string, unknown> {
  const overrides: Record<string, unknown> = {};
  for (const key of ['startsAt', 'timezone', 'documentsBaseUrl'] as const) {
    const value = query[key];
    if (value !== undefined) overrides[key] = value;
  }
  if (query.plannedMinutes !== undefined) overrides.plannedMinutes = Number(query.plannedMinutes);
  return overrides;
}

const NO_DATE_NOTICE = 'No start date could be read; the call is created with its date to be announced.';

/**
 * The create-call body a community's document describes, with `overrides` on top, still to be validated by
 * createCallSchema, and what the reader noticed. Nothing in the document is refused for what it says: a
 * document without a date makes a call to be announced, a start without a timezone is read as UTC (with a
 * notice each). Only a document the parser gives up on is a 400.
 */
export function callInputFromMarkdown(
  markdown: string,
  overrides: Record<string, unknown>,
  filename: string | undefined,
): { input: Record<string, unknown>; notices: ImportNotice[]; lineOf: (path: PropertyKey[]) => number | undefined } {
  const parsed = parseCallMarkdown(markdown, filename ? { filename } : {});
  if (!parsed.ok) {
    const issues: Issue[] = parsed.errors.map(({ line, message }) => ({ path: 'markdown', line, message }));
    throw new HttpError(400, 'invalid_payload', 'The Markdown could not be read. Fix the lines listed.', issues);
  }
  const { lines: _lines, ...draft } = parsed.draft;
  const input: Record<string, unknown> = { ...draft, ...overrides };
  const notices = [...parsed.notices];
  const line = parsed.draft.lines.start ?? parsed.draft.lines.title ?? 1;
  if (typeof input.startsAt === 'string' && isLocalDateTime(input.startsAt) && input.timezone === undefined) {
    input.timezone = 'UTC';
    notices.push({ line, message: `The start ${input.startsAt.replace('T', ' ')} has no timezone; it is read as UTC. Send ?timezone= (e.g. Europe/Berlin) or change it in the call.` });
  }
  if (input.startsAt === undefined && !notices.some((notice) => /announced/i.test(notice.message))) {
    notices.push({ line, message: NO_DATE_NOTICE });
  }
  const lines: Record<string, number | undefined> = { ...parsed.draft.lines, startsAt: parsed.draft.lines.start, timezone: parsed.draft.lines.start };
  return { input, notices, lineOf: (path) => lineInDraft(input, path, lines) };
}

/**
 * The document line a create-call field came from: the `line` of the deepest part of the draft on `path`
 * (`sections.2.items.0.title` is on its item's line), else the draft's line for that part, if any.
 */
export function lineInDraft(input: Record<string, unknown>, path: PropertyKey[], lines: Record<string, number | undefined> = {}): number | undefined {
  let found: number | undefined = typeof path[0] === 'string' ? lines[path[0]] : undefined;
  let node: unknown = input;
  for (const step of path) {
    if (typeof node !== 'object' || node === null) break;
    node = Reflect.get(node, step);
    if (typeof node === 'object' && node !== null && 'line' in node && typeof node.line === 'number') found = node.line;
  }
  return found;
}
