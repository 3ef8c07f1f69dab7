import type { PublicQuestion } from '../protocol';
import { exportAgendaMarkdown, type AgendaSource } from './agenda-export';
import { exportQaMarkdown } from './qa-export';

export type CallRecordSource = { call: AgendaSource; questions: PublicQuestion[] };

/**
 * The call's record as one Markdown document: the agenda, then `# Call Minutes` with one `##` section per
 * part of the record. A new part (minutes text, attendees) is one more entry in `sections`.
 */
export function buildCallRecord({ call, questions }: CallRecordSource): string {
  const sections = [exportQaMarkdown(questions)];
  return [exportAgendaMarkdown(call).trimEnd(), '# Call Minutes', ...sections].join('\n\n') + '\n';
}
