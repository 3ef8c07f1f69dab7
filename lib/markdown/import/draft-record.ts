import type { ParticipantView, PublicQuestion } from '../../protocol';
import { zonedLocalToUtc } from '../../time';
import type { CallRecordSource } from '../call-record';
import type { CallDraft } from '../call-draft';

/**
 * The call a draft creates, in the shape the record export takes: what Roundtable would write back for the document.
 * Ids are made up; an intro order names the attendees it lists.
 */
export function recordSourceOf(draft: CallDraft): Required<CallRecordSource> {
  const timezone = draft.timezone ?? 'UTC';
  const attendees: ParticipantView[] = draft.attendees.map((attendee, index) => ({
    id: `p${index}`,
    displayName: attendee.displayName,
    affiliation: attendee.affiliation,
    pronouns: '',
    reason: attendee.reason,
    role: 'attendee',
    isTeam: attendee.isTeam,
    isOnline: false,
    handRaisedAt: null,
    checkedInAt: new Date(Date.UTC(2020, 0, 1, 0, 0, index)).toISOString(),
  }));
  const order = draft.introOrder.flatMap((name) => attendees.find((attendee) => attendee.displayName === name)?.id ?? []);
  const questions: PublicQuestion[] = draft.questions.map((question, index) => ({
    id: `q${index}`,
    text: question.text,
    authorName: question.authorName,
    isAnonymous: !question.authorName,
    itemId: null,
    state: question.isAnswered ? 'answered' : 'open',
    answer: question.answer,
    answeredBy: question.answeredBy,
    voteCount: 0,
    createdAt: new Date(Date.UTC(2020, 0, 1, 0, 0, index)).toISOString(),
  }));
  return {
    call: {
      title: draft.title,
      description: draft.description,
      startsAt: draft.startsAt ? zonedLocalToUtc(draft.startsAt, timezone).toISOString() : null,
      timezone,
      plannedMinutes: draft.plannedMinutes ?? 60,
      links: draft.links.map((link, index) => ({ id: `l${index}`, label: link.label, url: link.url })),
      sections: draft.sections.map((section, index) => ({
        id: `s${index}`,
        title: section.title,
        notes: section.notes,
        items: section.items.map((item, at) => ({ id: `i${index}-${at}`, title: item.title, notes: item.notes, presenter: item.presenter, plannedMinutes: item.plannedMinutes })),
      })),
      intro: order.length > 0 ? { status: 'done', order, currentIndex: order.length } : null,
    },
    questions,
    attendees,
    minutes: draft.minutes,
    // A document's polls, reactions, action items and decisions come back as minutes text and item notes.
    polls: [],
    reactions: {},
    actions: { actions: [], decisions: [] },
  };
}
