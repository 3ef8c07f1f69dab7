import { applySequencedEvent, upsertPoll, upsertQuestion } from './call-state';
import { answerOf } from './polls';
import type { CallSnapshot, CommandName, CommandPayload, CommandResults, PollAnswer, PollResults, PublicPoll, PublicQuestion, SequencedEvent } from './protocol';

/**
 * What the browser holds of a call besides its connection: the snapshot, the events that arrived ahead of it, and
 * which questions this participant voted for and asked, and their poll answers. Pure: the browser store keeps one and replaces it.
 */
export type CallView = {
  snapshot: CallSnapshot | null;
  /** Events received but not applied yet: ahead of a missing one, or before the first snapshot. */
  pending: SequencedEvent[];
  myVotes: string[];
  myQuestions: string[];
  /** This participant's own answer to each poll they answered, by poll id. */
  myPollAnswers: Record<string, PollAnswer>;
};

export const EMPTY_CALL_VIEW: CallView = { snapshot: null, pending: [], myVotes: [], myQuestions: [], myPollAnswers: {} };

/** Applies every pending event that follows the snapshot in order; `hasGap` says one is missing before the rest. */
export function drainEvents(view: CallView): { view: CallView; hasGap: boolean } {
  let { snapshot, myVotes } = view;
  if (!snapshot) return { view, hasGap: false };
  const pending = [...view.pending].sort((a, b) => a.sequence - b.sequence);
  while (pending.length > 0) {
    const result = applySequencedEvent(snapshot, pending[0]!);
    if (result.kind === 'gap') return { view: { ...view, snapshot, myVotes, pending }, hasGap: true };
    const { event } = pending.shift()!;
    if (result.kind !== 'applied') continue;
    snapshot = result.snapshot;
    // The server moved this participant's vote over to the question the duplicate was merged into.
    if (event.type === 'question.merged' && myVotes.includes(event.questionId)) {
      myVotes = [...myVotes.filter((id) => id !== event.questionId && id !== event.intoQuestionId), event.intoQuestionId];
    }
  }
  return { view: { ...view, snapshot, myVotes, pending }, hasGap: false };
}

/** Adds an event as it arrives and applies what can be applied. */
export function receiveEvent(view: CallView, event: SequencedEvent): { view: CallView; hasGap: boolean } {
  return drainEvents({ ...view, pending: [...view.pending, event] });
}

/** A fresh snapshot replaces the local copy; only events newer than it are kept, then applied. */
export function receiveSnapshot(view: CallView, joined: Pick<CallView, 'myVotes' | 'myQuestions' | 'myPollAnswers'> & { snapshot: CallSnapshot }) {
  const pending = view.pending.filter((event) => event.sequence > joined.snapshot.sequence);
  return drainEvents({ ...joined, pending });
}

/** Vote counts merged on the server's tick; the snapshot object stays the same when none of them is shown. */
export function applyTallies(snapshot: CallSnapshot, tallies: Record<string, number>): CallSnapshot {
  if (!snapshot.questions.some((question) => question.id in tallies)) return snapshot;
  const questions = snapshot.questions.map((question) => {
    const voteCount = tallies[question.id];
    return voteCount === undefined ? question : { ...question, voteCount };
  });
  return { ...snapshot, questions };
}

/** A question only moderators see (pending approval) arrives outside the sequence. */
export function applyUnsequencedQuestion(snapshot: CallSnapshot, question: PublicQuestion): CallSnapshot {
  return { ...snapshot, questions: upsertQuestion(snapshot.questions, question) };
}

/** Narrows a command's payload by its name. */
function isPayloadOf<Name extends CommandName>(name: CommandName, expected: Name, _payload: unknown): _payload is CommandPayload<Name> {
  return name === expected;
}

/** Poll results merged on the server's tick: each replaces the poll's earlier results. */
export function applyPollResults(snapshot: CallSnapshot, results: Record<string, PollResults>): CallSnapshot {
  if (Object.keys(results).length === 0) return snapshot;
  return { ...snapshot, pollResults: { ...snapshot.pollResults, ...results } };
}

/**
 * A draft (only those who run polls get them) arrives outside the sequence; it never turns a poll the sequence
 * already opened back into a draft.
 */
export function applyPollDraft(snapshot: CallSnapshot, poll: PublicPoll): CallSnapshot {
  const known = snapshot.polls.find((candidate) => candidate.id === poll.id);
  if (known && known.status !== 'draft') return snapshot;
  return { ...snapshot, polls: upsertPoll(snapshot.polls, poll) };
}

/** One's own answer to a poll, from this tab's command or from another tab of the same participant. */
export function recordPollAnswer(view: CallView, pollId: string, answer: PollAnswer): CallView {
  return { ...view, myPollAnswers: { ...view.myPollAnswers, [pollId]: answer } };
}

/**
 * What this participant's own successful command tells about them: a question asked, a vote cast or taken back,
 * a poll created (shown before its draft notice arrives) or answered.
 */
export function recordOwnCommand<Name extends CommandName>(view: CallView, name: Name, payload: CommandPayload<Name>, data: CommandResults[Name]): CallView {
  const questionId = 'questionId' in payload && typeof payload.questionId === 'string' ? payload.questionId : null;
  const voteCount = typeof data === 'object' && data !== null && 'voteCount' in data && typeof data.voteCount === 'number' ? data.voteCount : null;
  if (name === 'qa:ask' && typeof data === 'object' && data !== null && 'question' in data) {
    return { ...view, myQuestions: [...view.myQuestions, data.question.id] };
  }
  if ((name === 'qa:vote' || name === 'qa:unvote') && questionId && voteCount !== null) {
    const others = view.myVotes.filter((id) => id !== questionId);
    const snapshot = view.snapshot && applyTallies(view.snapshot, { [questionId]: voteCount });
    return { ...view, snapshot, myVotes: name === 'qa:vote' ? [...others, questionId] : others };
  }
  if (name === 'poll:create' && view.snapshot && typeof data === 'object' && data !== null && 'poll' in data) {
    return { ...view, snapshot: applyPollDraft(view.snapshot, data.poll) };
  }
  if (isPayloadOf(name, 'poll:answer', payload)) {
    const poll = view.snapshot?.polls.find((candidate) => candidate.id === payload.pollId);
    const answer = poll && answerOf(poll, payload);
    return answer ? recordPollAnswer(view, poll.id, answer) : view;
  }
  return view;
}
