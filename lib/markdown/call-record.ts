import type { ParticipantView, PublicCall, PublicQuestion } from '../protocol';
import { exportAttendeesMarkdown } from './attendees-export';
import { exportAgendaMarkdown, type AgendaSource } from './agenda-export';
import { exportQaMarkdown, isRecordedQuestion } from './qa-export';

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
  // Minutes that keep their own Q&A part (an imported "No questions this time.") need no second one.
  const hasOwnQa = questions.filter(isRecordedQuestion).length === 0 && /^#{1,6}\s+(?:community\s+)?(?:q\s*&\s*a|questions)\s*$/im.test(notes);
  const sections = [exportAttendeesMarkdown(attendees, call.intro), ...(notes ? [notes] : []), ...(hasOwnQa ? [] : [exportQaMarkdown(questions)])];
  return [exportAgendaMarkdown(call).trimEnd(), '# Call Minutes', ...sections].join('\n\n') + '\n';
}
