import type { CallEvent, CallSnapshot, PublicCall, PublicPoll, PublicQuestion, SequencedEvent } from './protocol';

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
      const { type: _type, ...settings } = event;
      return { ...call, ...settings };
    }
    case 'intro.updated':
      return { ...call, intro: event.intro };
    case 'question.upserted':
    case 'question.merged':
    case 'poll.upserted':
    case 'poll.deleted':
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

/** Puts a poll in the list (in the order polls were created), replacing an older copy of it. */
export function upsertPoll(polls: PublicPoll[], poll: PublicPoll): PublicPoll[] {
  const others = polls.filter((candidate) => candidate.id !== poll.id);
  return [...others, poll].sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
}

export function applyPollEvent({ polls, pollResults }: Pick<CallSnapshot, 'polls' | 'pollResults'>, event: CallEvent): Pick<CallSnapshot, 'polls' | 'pollResults'> {
  if (event.type === 'poll.upserted') return { polls: upsertPoll(polls, event.poll), pollResults };
  if (event.type === 'poll.deleted') {
    const { [event.pollId]: _deleted, ...kept } = pollResults;
    return { polls: polls.filter((poll) => poll.id !== event.pollId), pollResults: kept };
  }
  return { polls, pollResults };
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
      ...applyPollEvent(snapshot, sequenced.event),
    },
  };
}

export function listItems(call: PublicCall) {
  return call.sections.flatMap((section) => section.items.map((item) => ({ ...item, sectionId: section.id, sectionTitle: section.title })));
}
