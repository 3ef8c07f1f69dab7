import type { ParticipantView, PublicCall, PublicQuestion } from '../protocol';
import type { CallActions } from '../protocol/actions';
import { exportActionsMarkdown } from './actions-export';
import { exportAttendeesMarkdown } from './attendees-export';
import { exportAgendaMarkdown, type AgendaSource, type ItemReactions } from './agenda-export';
import { exportPollsMarkdown, type RecordedPoll } from './polls-export';
import { exportQaMarkdown, isRecordedQuestion } from './qa-export';
import { removedNamesNotice } from '../retention';

export type CallRecordSource = {
  call: AgendaSource & Partial<Pick<PublicCall, 'endedAt' | 'personalDataRemovedAt'>> & { intro: PublicCall['intro'] };
  questions: PublicQuestion[];
  attendees: ParticipantView[];
  /** The scribes' shared minutes (Markdown), placed between the attendees and the Q&A. */
  minutes?: string;
  /** The call's polls with what attendees may see of their results; those never opened are left out. */
  polls?: RecordedPoll[];
  /** Reaction counts per agenda item (item id → emoji → count), shown under the items that had any. */
  reactions?: ItemReactions;
  /** The action items (with the open ones carried over from earlier calls) and decisions, after the polls. */
  actions?: CallActions;
};

const NO_ACTIONS: CallActions = { actions: [], decisions: [] };

/**
 * The call's record as one Markdown document: the agenda, then `# Call Minutes` with one `##` section per
 * part of the record. A new part (minutes text, attendees) is one more entry in `sections`. The polls follow the
 * minutes text: the importer keeps what it cannot place as minutes text, so a re-imported record exports the same.
 */
export function buildCallRecord({ call, questions, attendees, minutes = '', polls = [], reactions = {}, actions = NO_ACTIONS }: CallRecordSource): string {
  const notes = minutes.trim();
  // Minutes that keep their own Q&A part (an imported "No questions this time.") need no second one.
  const hasOwnQa = questions.filter(isRecordedQuestion).length === 0 && /^#{1,6}\s+(?:community\s+)?(?:q\s*&\s*a|questions)\s*$/im.test(notes);
  const pollsPart = exportPollsMarkdown(polls);
  // Likewise minutes that keep an imported `## Action items` or `## Decisions` part: the items are read from it.
  const actionsPart = exportActionsMarkdown({
    actions: /^##[ \t]+action items[ \t]*$/im.test(notes) ? [] : actions.actions,
    decisions: /^##[ \t]+decisions[ \t]*$/im.test(notes) ? [] : actions.decisions,
  });
  const sections = [
    exportAttendeesMarkdown(attendees, call.intro, removedNamesNotice({ endedAt: call.endedAt ?? null, personalDataRemovedAt: call.personalDataRemovedAt ?? null })),
    ...(notes ? [notes] : []),
    ...(pollsPart ? [pollsPart] : []),
    ...(actionsPart ? [actionsPart] : []),
    ...(hasOwnQa ? [] : [exportQaMarkdown(questions)]),
  ];
  return [exportAgendaMarkdown(call, reactions).trimEnd(), '# Call Minutes', ...sections].join('\n\n') + '\n';
}
