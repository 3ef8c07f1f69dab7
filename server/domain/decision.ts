import type { CallEvent, PollAnswer, PublicPoll, PublicQuestion, VoteSignal } from '@/lib/protocol';

/** Something delivered outside the call's sequence, to a narrower audience or on the next tick. */
export type Notice =
  /** A question the audience does not see changed: moderators and its asker hear. */
  | { type: 'question.hidden'; question: PublicQuestion; authorId: string | null }
  /** A question's votes came in a suspicious burst: the host (and scribes, while they moderate) hear at once. */
  | { type: 'question.signal'; questionId: string; signal: VoteSignal; scribesModerate: boolean }
  /** A question's votes changed: everyone gets its count on the next tick. */
  | { type: 'tally.changed'; questionId: string }
  /** A participant's profile, hand or presence changed, or they were removed. */
  | { type: 'participant.changed'; participantId: string }
  /** A poll only those who run polls see (a draft) was created or changed. */
  | { type: 'poll.draft'; poll: PublicPoll }
  /** A poll's answers (or who may see its results) changed: its results go out on the next tick. */
  | { type: 'poll.answered'; pollId: string }
  /** A participant's answer was stored: their other tabs hear (the one it came from, `origin`, has its ack). */
  | { type: 'poll.ownAnswer'; participantId: string; pollId: string; answer: PollAnswer; origin?: string };

/**
 * What a decider returns: sequenced events for everyone in the call, and notices. The caller publishes both
 * once, after the change is committed; a decision whose commit fails or is retried is never published.
 */
export type Decision = { events: CallEvent[]; notices: Notice[] };

export function decided(events: CallEvent[], notices: Notice[] = []): Decision {
  return { events, notices };
}
