import { z } from 'zod';
import type { Issue } from '@/lib/protocol';
import { parseAgendaMarkdown, type LineMessage } from '@/lib/markdown/agenda-import';
import { HttpError } from './http-utils';

export const MARKDOWN_CONTENT_TYPES = ['text/markdown', 'text/x-markdown'];

/** `{ markdown, ...overrides }`: any other field is a create-call field that wins over the Markdown. */
export const markdownBodySchema = z.looseObject({ markdown: z.string() });

/** The query parameters a text/markdown request may add: what the Markdown may lack. */
export function overridesFromQuery(query: URLSearchParams): Record<string, unknown> {
  const overrides: Record<string, unknown> = {};
  for (const key of ['startsAt', 'timezone'] as const) {
    const value = query.get(key);
    if (value !== null) overrides[key] = value;
  }
  const minutes = query.get('plannedMinutes');
  if (minutes !== null) overrides.plannedMinutes = Number(minutes);
  return overrides;
}

/**
 * The create-call body a Markdown agenda describes, with `overrides` on top, still to be validated by
 * createCallSchema. Throws a 400 for Markdown that cannot be read and for a start we would have to guess.
 */
export function callInputFromMarkdown(markdown: string, overrides: Record<string, unknown>): { input: Record<string, unknown>; notices: LineMessage[] } {
  const parsed = parseAgendaMarkdown(markdown);
  if (!parsed.ok) {
    const issues: Issue[] = parsed.errors.map(({ line, message }) => ({ path: 'markdown', line, message }));
    throw new HttpError(400, 'invalid_payload', 'The Markdown agenda could not be read. Fix the lines listed.', issues);
  }
  const input: Record<string, unknown> = { ...parsed.draft, ...overrides };
  const missing: Issue[] = [];
  if (input.startsAt === undefined) {
    missing.push({
      path: 'startsAt',
      message: 'The start date and time could not be read from the Markdown; write them in the title line or send startsAt (YYYY-MM-DDTHH:mm).',
    });
  }
  if (input.timezone === undefined) {
    missing.push({
      path: 'timezone',
      message: 'The timezone could not be read from the Markdown; write it in the title line (e.g. CET) or send timezone (e.g. Europe/Berlin).',
    });
  }
  if (missing.length > 0) {
    const read = parsed.notices.map(({ line, message }) => ({ path: 'markdown', line, message }));
    throw new HttpError(400, 'invalid_payload', 'The call could not be created: the Markdown does not say when it starts.', [...missing, ...read]);
  }
  return { input, notices: parsed.notices };
}
