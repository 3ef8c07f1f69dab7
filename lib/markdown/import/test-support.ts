import type { CallDraft, ImportNotice } from '../call-draft';
import { parseCallMarkdown } from './index';

/** Imports a document that must import; fails the test with the errors otherwise. */
export function importCall(markdown: string, filename?: string): { draft: CallDraft; notices: ImportNotice[] } {
  const result = parseCallMarkdown(markdown, { filename, today: new Date('2026-12-02T12:00:00Z') });
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result;
}
