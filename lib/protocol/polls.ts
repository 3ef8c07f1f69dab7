import { z } from 'zod';

export const POLL_KINDS = ['single', 'multiple', 'rating', 'text'] as const;
export type PollKind = (typeof POLL_KINDS)[number];
/** A draft is seen only by those who run polls; opening shows it to everyone; a closed poll may be reopened. */
export type PollStatus = 'draft' | 'open' | 'closed';
export type PollOption = { id: string; label: string };

export const POLL_LIMITS = { question: 300, option: 120, options: 12, text: 200 } as const;
export const RATING_MIN = 1;
export const RATING_MAX = 5;

export type PublicPoll = {
  id: string;
  question: string;
  kind: PollKind;
  /** Choices for single and multiple; empty for rating and text. */
  options: PollOption[];
  /** Multiple choice: how many options one answer may pick (null: any number). */
  maxChoices: number | null;
  itemId: string | null;
  showResults: 'live' | 'closed';
  /** Anonymous by default: nobody, the host included, sees who chose what unless the poll was created named. */
  isNamed: boolean;
  status: PollStatus;
  /** When it was first opened (the record lists polls in this order); null for a draft. */
  openedAt: string | null;
  createdAt: string;
};

/** An answer as stored: exactly the field its poll's kind uses. */
export type PollAnswer = { optionIds: string[] } | { rating: number } | { text: string };

/** One open-text answer as results show it; `hidden` and `name` reach only those who run polls. */
export type PollTextAnswer = { id: string; text: string; hidden?: boolean; name?: string };

export type PollResults = {
  /** How many participants answered. */
  answered: number;
  /** Single and multiple: each option; rating: each value "1" to "5". Shares are of those who answered. */
  options: { id: string; label: string; count: number; percent: number }[];
  /** Rating: the mean, one decimal; null without answers. */
  average: number | null;
  /** Text: the most frequent words of the visible answers (stop words dropped, case-folded). */
  words: { word: string; count: number }[];
  /** Text: the newest answers, newest last; attendees get visible ones only. */
  texts: PollTextAnswer[];
  /** Named polls, for those who run polls: who chose each option (or gave each rating). */
  voters?: Record<string, string[]>;
};

export const REACTIONS = ['👍', '👏', '🎉', '❤️', '😂', '🤔', '➕'] as const;
export type Reaction = (typeof REACTIONS)[number];
/** Reactions merged per tick: how many of each arrived, and the agenda item that was current. */
export type ReactionBurst = { itemId: string | null; counts: Partial<Record<Reaction, number>> };

const id = z.string().min(1).max(64);
const option = z.string().trim().min(1, 'An option needs a label').max(POLL_LIMITS.option);

export const pollCreateSchema = z
  .object({
    question: z.string().trim().min(1, 'Write the question').max(POLL_LIMITS.question),
    kind: z.enum(POLL_KINDS),
    options: z.array(option).max(POLL_LIMITS.options, `At most ${POLL_LIMITS.options} options`).optional(),
    maxChoices: z.number().int().min(1).max(POLL_LIMITS.options).nullable().optional(),
    itemId: id.nullable().optional(),
    showResults: z.enum(['live', 'closed']).default('live'),
    isNamed: z.boolean().default(false),
  })
  .superRefine((poll, context) => {
    const options = poll.options ?? [];
    const isChoice = poll.kind === 'single' || poll.kind === 'multiple';
    if (isChoice && options.length < 2) context.addIssue({ code: 'custom', path: ['options'], message: 'A choice poll needs at least two options' });
    if (!isChoice && options.length > 0) context.addIssue({ code: 'custom', path: ['options'], message: 'Only choice polls have options' });
    if (new Set(options.map((label) => label.toLocaleLowerCase())).size !== options.length) {
      context.addIssue({ code: 'custom', path: ['options'], message: 'Two options have the same label' });
    }
    if (poll.maxChoices != null && poll.kind !== 'multiple') context.addIssue({ code: 'custom', path: ['maxChoices'], message: 'Only multiple-choice polls have a maximum' });
    if (poll.maxChoices != null && poll.maxChoices > options.length) context.addIssue({ code: 'custom', path: ['maxChoices'], message: 'The maximum is more than the options' });
  });

export type PollCreateInput = z.input<typeof pollCreateSchema>;

export const pollCommandSchemas = {
  'poll:create': pollCreateSchema,
  'poll:open': z.object({ pollId: id }),
  'poll:close': z.object({ pollId: id }),
  'poll:delete': z.object({ pollId: id }),
  'poll:answer': z.object({
    pollId: id,
    optionIds: z.array(id).max(POLL_LIMITS.options).optional(),
    rating: z.number().int().min(RATING_MIN).max(RATING_MAX).optional(),
    text: z.string().max(POLL_LIMITS.text * 2).optional(),
  }),
  /** Moderation of an open-text answer: hidden answers leave the list and the word cloud for everyone. */
  'poll:hideAnswer': z.object({ pollId: id, answerId: id, hidden: z.boolean().default(true) }),
  'reaction:send': z.object({ emoji: z.enum(REACTIONS) }),
} as const;

export type PollCommandResults = {
  'poll:create': { poll: PublicPoll };
  'poll:open': { sequence: number };
  'poll:close': { sequence: number };
  'poll:delete': { sequence: number };
  'poll:answer': { ok: true };
  'poll:hideAnswer': { ok: true };
  'reaction:send': { ok: true };
};

export type PollServerEvents = {
  /** Results that changed since the last tick, merged per call; attendees get only those they may see. */
  'poll:results': (results: Record<string, PollResults>) => void;
  /** A draft poll was created or changed; sent only to those who run polls. */
  'poll:draft': (poll: PublicPoll) => void;
  /** The participant's own answer, to their other tabs. */
  'poll:myAnswer': (mine: { pollId: string; answer: PollAnswer }) => void;
  /** Reactions that arrived since the last tick. */
  'reactions': (burst: ReactionBurst) => void;
};
