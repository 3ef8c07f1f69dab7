import { CommandError, type Role } from '@/lib/protocol';

/**
 * Poll rules (issue 13), pure: what an answer may be, how a poll moves between states, what its results are and
 * who may see them. Not wired to the protocol yet.
 */
export type PollKind = 'single' | 'multiple' | 'rating' | 'text';
export type PollStatus = 'draft' | 'open' | 'closed';
export type PollOption = { id: string; label: string };

export type Poll = {
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
};

export type PollAnswerInput = { optionIds?: string[]; rating?: number; text?: string };
/** An answer as stored: exactly the field its poll's kind uses. */
export type PollAnswer = { optionIds: string[] } | { rating: number } | { text: string };

export const RATING_MIN = 1;
export const RATING_MAX = 5;
export const MAX_TEXT_ANSWER = 200;

function refuse(message: string): never {
  throw new CommandError('invalid_payload', message);
}

/** The answer a participant may store for `poll`, read from what they sent; refused with a reason otherwise. */
export function decideAnswer(poll: Poll, input: PollAnswerInput): PollAnswer {
  if (poll.status !== 'open') throw new CommandError('invalid_state', poll.status === 'closed' ? 'This poll is closed.' : 'This poll is not open yet.');
  switch (poll.kind) {
    case 'single':
    case 'multiple': {
      const chosen = [...new Set(input.optionIds ?? [])];
      if (chosen.length === 0) refuse('Choose an option.');
      const known = new Set(poll.options.map((option) => option.id));
      if (chosen.some((id) => !known.has(id))) refuse('That option is not part of this poll.');
      if (poll.kind === 'single' && chosen.length > 1) refuse('Choose one option.');
      if (poll.kind === 'multiple' && poll.maxChoices !== null && chosen.length > poll.maxChoices) refuse(`Choose at most ${poll.maxChoices} options.`);
      return { optionIds: chosen };
    }
    case 'rating': {
      const { rating } = input;
      if (rating === undefined || !Number.isInteger(rating) || rating < RATING_MIN || rating > RATING_MAX) refuse(`Rate from ${RATING_MIN} to ${RATING_MAX}.`);
      return { rating };
    }
    case 'text': {
      const text = (input.text ?? '').trim();
      if (text === '') refuse('Write an answer.');
      if (text.length > MAX_TEXT_ANSWER) refuse(`Keep the answer under ${MAX_TEXT_ANSWER} characters.`);
      return { text };
    }
  }
}

/** Opening shows the poll to everyone; a closed poll may be reopened, and answers given before are kept. */
export function decideStatus(poll: Poll, next: 'open' | 'closed'): Poll {
  if (poll.status === next) throw new CommandError('invalid_state', next === 'open' ? 'The poll is already open.' : 'The poll is already closed.');
  if (next === 'closed' && poll.status === 'draft') throw new CommandError('invalid_state', 'Open the poll before closing it.');
  return { ...poll, status: next };
}

/** Hosts and scribes always see results; attendees while they are live, or once the poll is closed. */
export function canSeeResults(poll: Poll, role: Role): boolean {
  if (role !== 'attendee') return true;
  if (poll.status === 'draft') return false;
  return poll.showResults === 'live' || poll.status === 'closed';
}

export type OptionResult = PollOption & { count: number; percent: number };
export type PollResults = {
  /** How many participants answered. */
  answered: number;
  /** Single, multiple and rating (one entry per rating value, labelled "1" to "5"). */
  options: OptionResult[];
  /** Rating: the mean, one decimal; null without answers. */
  average: number | null;
  /** Text: the answers, oldest first (hidden ones left out by the caller). */
  texts: string[];
};

const percentOf = (count: number, answered: number) => (answered === 0 ? 0 : Math.round((count / answered) * 100));

/** Counts per option and the share of those who answered (multiple choice can add up to more than 100 %). */
export function tallyPoll(poll: Poll, answers: readonly PollAnswer[]): PollResults {
  const options: PollOption[] =
    poll.kind === 'rating'
      ? Array.from({ length: RATING_MAX - RATING_MIN + 1 }, (_, index) => ({ id: String(RATING_MIN + index), label: String(RATING_MIN + index) }))
      : poll.options;
  const counts = new Map(options.map((option) => [option.id, 0]));
  const ratings: number[] = [];
  const texts: string[] = [];
  for (const answer of answers) {
    if ('optionIds' in answer) {
      for (const id of answer.optionIds) if (counts.has(id)) counts.set(id, counts.get(id)! + 1);
    } else if ('rating' in answer) {
      ratings.push(answer.rating);
      counts.set(String(answer.rating), (counts.get(String(answer.rating)) ?? 0) + 1);
    } else {
      texts.push(answer.text);
    }
  }
  const answered = answers.length;
  const average = ratings.length === 0 ? null : Math.round((ratings.reduce((sum, rating) => sum + rating, 0) / ratings.length) * 10) / 10;
  return {
    answered,
    options: poll.kind === 'text' ? [] : options.map((option) => ({ ...option, count: counts.get(option.id)!, percent: percentOf(counts.get(option.id)!, answered) })),
    average,
    texts,
  };
}
