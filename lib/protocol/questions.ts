import { z } from 'zod';

export const QUESTION_STATES = ['pending', 'open', 'answering', 'answered', 'dismissed'] as const;
export type QuestionState = (typeof QUESTION_STATES)[number];

export const QUESTION_LIMITS = { text: 500, answer: 2000 } as const;
/** The most participants one `qa:removeGroup` may name; the page removes a larger group in several, showing progress. */
export const MAX_GROUP_REMOVAL = 500;
/** "Review voters" lists at most this many of a question's voters, the most recent; the answer says how many there are. */
export const MAX_VOTERS_REVIEWED = 5_000;

export type PublicQuestion = {
  id: string;
  text: string;
  /** Empty when asked anonymously. */
  authorName: string;
  isAnonymous: boolean;
  itemId: string | null;
  state: QuestionState;
  answer: string;
  answeredBy: string;
  voteCount: number;
  createdAt: string;
};

/**
 * A question's suspicious-activity signal, for moderators only: within `seconds`, `votes` votes, of which so many came
 * from participants who checked in seconds before voting, and so many from participants sharing an address.
 */
export type VoteSignal = { votes: number; seconds: number; fromNewParticipants: number; fromSharedAddress: number };

/** Voters who joined the same way (one address bucket, one check-in burst); the address itself is never sent. */
export type VoterGroup = {
  sharedAddress: boolean;
  firstCheckIn: string;
  lastCheckIn: string;
  participants: { id: string; displayName: string }[];
  /** Votes this group gave the question reviewed (one per participant). */
  votes: number;
};

/** The call's audience settings: Q&A open, pre-moderated, moderated by scribes too; scribes may run polls. */
export type QaSettings = {
  qaOpen: boolean;
  qaModerated: boolean;
  qaScribesModerate: boolean;
  scribesRunPolls: boolean;
  /** Only participants who checked in before the Q&A opened may vote. */
  qaVotersBeforeOpen: boolean;
  /** Questions with sudden vote bursts wait for review. */
  qaHoldVoteBursts: boolean;
};

const id = z.string().min(1).max(64);
const questionText = z.string().trim().min(1, 'Write a question').max(QUESTION_LIMITS.text, `At most ${QUESTION_LIMITS.text} characters`);

export const questionCommandSchemas = {
  'qa:ask': z.object({ text: questionText, isAnonymous: z.boolean().default(false), itemId: id.nullable().default(null) }),
  'qa:vote': z.object({ questionId: id }),
  'qa:unvote': z.object({ questionId: id }),
  'qa:approve': z.object({ questionId: id }),
  'qa:pin': z.object({ questionId: id }),
  'qa:answer': z.object({
    questionId: id,
    answer: z.string().trim().max(QUESTION_LIMITS.answer).default(''),
    answeredBy: z.string().trim().max(80).default(''),
  }),
  'qa:dismiss': z.object({ questionId: id }),
  'qa:restore': z.object({ questionId: id }),
  'qa:edit': z.object({ questionId: id, text: questionText }),
  'qa:merge': z.object({ questionId: id, intoQuestionId: id }),
  'qa:settings': z.object({
    qaOpen: z.boolean().optional(),
    qaModerated: z.boolean().optional(),
    qaScribesModerate: z.boolean().optional(),
    scribesRunPolls: z.boolean().optional(),
    qaVotersBeforeOpen: z.boolean().optional(),
    qaHoldVoteBursts: z.boolean().optional(),
  }),
  /** Moderators review who voted for a question, grouped by how they joined. */
  'qa:voters': z.object({ questionId: id }),
  /**
   * Moderators remove a group of participants: their check-ins, their votes (every tally is recounted) and their
   * questions (dismissed). `block` also keeps their tokens out of the call.
   */
  'qa:removeGroup': z.object({ participantIds: z.array(id).min(1).max(MAX_GROUP_REMOVAL), block: z.boolean().default(false) }),
} as const;

export type QuestionCommandName = keyof typeof questionCommandSchemas;
