import type { ParticipantView, PublicCall, PublicQuestion } from '../protocol';
import { exportAttendeesMarkdown } from './attendees-export';
import { exportAgendaMarkdown, type AgendaSource } from './agenda-export';
import { exportQaMarkdown } from './qa-export';

export type CallRecordSource = {
  call: AgendaSource & { intro: PublicCall['intro'] };
  questions: PublicQuestion[];
  attendees: ParticipantView[];
  /** The scribes' shared minutes (Markdown), placed between the attendees and the Q&A. */
  minutes?: string;
};

/**
 * The call's record as one Markdown document: the agenda, then `# Call Minutes` with one `##` section per
 * part of the record. A new part (minutes text, attendees) is one more entry in `sections`.
 */
export function buildCallRecord({ call, questions, attendees, minutes = '' }: CallRecordSource): string {
  const notes = minutes.trim();
  const sections = [exportAttendeesMarkdown(attendees, call.intro), ...(notes ? [notes] : []), exportQaMarkdown(questions)];
  return [exportAgendaMarkdown(call).trimEnd(), '# Call Minutes', ...sections].join('\n\n') + '\n';
}
