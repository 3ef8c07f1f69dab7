import { isOpenState } from '@/lib/questions';
import type { QuestionState } from '@/lib/protocol';
import type { Notice } from './decision';
import { voteRefusal, type VoteRule } from './vote-integrity';

export type VoteRequest = { questionId: string; participantId: string; isVote: boolean };
export type VoteRefusal = { ok: false; code: 'not_found' | 'invalid_state' | 'not_checked_in' | 'forbidden'; message: string };
/** `holdsQuestion`: the vote raised a burst signal on an open question the host wants held for review. */
export type VoteOutcome = { ok: true; voteCount: number; holdsQuestion?: boolean } | VoteRefusal;
export type VotePair = { questionId: string; participantId: string };

/** What a batch of votes is decided against, read in the batch's transaction. */
export type VoteState = {
  /** The state of each requested question that exists in the call (merged ones do not). */
  questionStates: ReadonlyMap<string, QuestionState>;
  /** The requested (question, participant) pairs that already hold a vote. */
  existingVotes: readonly VotePair[];
  /** The requesting participants still checked in (not removed). */
  activeParticipantIds: ReadonlySet<string>;
  /** The call's vote rule and when each requesting participant checked in (without them, every vote counts). */
  rule?: VoteRule;
  checkedInAt?: ReadonlyMap<string, Date>;
};

export type VoteDecision = {
  /** Per request, in order: accepted (its count is known only after writing) or refused. */
  outcomes: ({ ok: true } | VoteRefusal)[];
  toCreate: VotePair[];
  toDelete: VotePair[];
  /** The tally of each question whose votes changed, for everyone on the next tick once the batch is committed. */
  notices: Notice[];
};

const keyOf = ({ questionId, participantId }: VotePair) => `${questionId} ${participantId}`;

function refuse(code: VoteRefusal['code'], message: string): VoteRefusal {
  return { ok: false, code, message };
}

/**
 * Decides a batch of votes and unvotes in order: a participant votes once per question, only while it is open
 * or being answered, only while checked in, and only if the call's vote rule lets them (an unvote always may). A later request in the batch sees the earlier ones.
 */
export function decideVotes(state: VoteState, requests: readonly VoteRequest[]): VoteDecision {
  const before = new Set(state.existingVotes.map(keyOf));
  const voted = new Set(before);
  const changed = new Map<string, VotePair>();
  const outcomes = requests.map(({ questionId, participantId, isVote }): { ok: true } | VoteRefusal => {
    if (!state.activeParticipantIds.has(participantId)) return refuse('not_checked_in', 'Check in first to ask or vote.');
    const questionState = state.questionStates.get(questionId);
    if (!questionState) return refuse('not_found', 'That question does not exist.');
    if (!isOpenState(questionState)) return refuse('invalid_state', 'Voting is closed for this question.');
    const checkedInAt = state.checkedInAt?.get(participantId);
    const ruledOut = isVote && state.rule && checkedInAt ? voteRefusal({ checkedInAt }, state.rule) : null;
    if (ruledOut) return refuse('forbidden', ruledOut);
    const key = keyOf({ questionId, participantId });
    if (isVote === voted.has(key)) return refuse('invalid_state', isVote ? 'You already voted for this question.' : 'You have not voted for this question.');
    if (isVote) voted.add(key);
    else voted.delete(key);
    changed.set(key, { questionId, participantId });
    return { ok: true };
  });
  // Only the net change is written: a vote taken back within the batch writes nothing, and an unvote followed
  // by a vote again (a double click) neither deletes nor inserts the row, which would collide with the one kept.
  const toCreate: VotePair[] = [];
  const toDelete: VotePair[] = [];
  for (const [key, pair] of changed) {
    if (voted.has(key) && !before.has(key)) toCreate.push(pair);
    else if (!voted.has(key) && before.has(key)) toDelete.push(pair);
  }
  // Every question an accepted request touched is recounted, so each ack carries its count, even with no net change.
  const touched = new Set([...changed.values()].map((vote) => vote.questionId));
  return { outcomes, toCreate, toDelete, notices: [...touched].map((questionId) => ({ type: 'tally.changed', questionId })) };
}
