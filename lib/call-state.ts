import type { CallEvent, CallSnapshot, PublicCall, PublicQuestion, SequencedEvent } from './protocol';

/** Applies one event to the public call. Pure: the browser store and the server's snapshot cache share it. */
export function applyCallEvent(call: PublicCall, event: CallEvent): PublicCall {
  switch (event.type) {
    case 'call.status':
      return {
        ...call,
        status: event.status,
        startedAt: event.startedAt ?? call.startedAt,
        endedAt: event.endedAt ?? call.endedAt,
      };
    case 'call.scheduled': {
      const { startsAt, timezone, plannedMinutes, documentsBaseUrl } = event;
      return { ...call, startsAt, timezone, plannedMinutes, documentsBaseUrl };
    }
    case 'agenda.current':
      return { ...call, currentItemId: event.currentItemId, itemStartedAt: event.itemStartedAt, timerPausedAt: null, timerExtraSeconds: 0 };
    case 'timer.changed':
      return { ...call, itemStartedAt: event.itemStartedAt, timerPausedAt: event.timerPausedAt, timerExtraSeconds: event.timerExtraSeconds };
    case 'agenda.updated':
      return { ...call, sections: event.sections };
    case 'qa.settings': {
      const { qaOpen, qaModerated, qaScribesModerate } = event;
      return { ...call, qaOpen, qaModerated, qaScribesModerate };
    }
    case 'intro.updated':
      return { ...call, intro: event.intro };
    case 'question.upserted':
    case 'question.merged':
      return call;
  }
}

/** Puts a question in the list, replacing an older copy of it. */
export function upsertQuestion(questions: PublicQuestion[], question: PublicQuestion): PublicQuestion[] {
  const index = questions.findIndex((candidate) => candidate.id === question.id);
  return index === -1 ? [...questions, question] : questions.map((candidate, at) => (at === index ? question : candidate));
}

export function applyQuestionEvent(questions: PublicQuestion[], event: CallEvent): PublicQuestion[] {
  if (event.type === 'question.upserted') return upsertQuestion(questions, event.question);
  if (event.type === 'question.merged') return questions.filter((question) => question.id !== event.questionId);
  return questions;
}

export type ApplyResult =
  | { kind: 'applied'; snapshot: CallSnapshot }
  | { kind: 'stale' }
  | { kind: 'gap'; expected: number; received: number };

/** Applies a sequenced event to a snapshot; reports a gap instead of guessing when one was missed. */
export function applySequencedEvent(snapshot: CallSnapshot, sequenced: SequencedEvent): ApplyResult {
  if (sequenced.sequence <= snapshot.sequence) return { kind: 'stale' };
  if (sequenced.sequence !== snapshot.sequence + 1) {
    return { kind: 'gap', expected: snapshot.sequence + 1, received: sequenced.sequence };
  }
  return {
    kind: 'applied',
    snapshot: {
      ...snapshot,
      sequence: sequenced.sequence,
      call: applyCallEvent(snapshot.call, sequenced.event),
      questions: applyQuestionEvent(snapshot.questions, sequenced.event),
    },
  };
}

export function listItems(call: PublicCall) {
  return call.sections.flatMap((section) => section.items.map((item) => ({ ...item, sectionId: section.id, sectionTitle: section.title })));
}
