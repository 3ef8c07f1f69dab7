import type { PublicQuestion, QuestionState } from './protocol';

/** Open or being answered: still in the queue, so it can be voted on and carries over to the next call. */
export const OPEN_STATES = ['open', 'answering'] as const satisfies readonly QuestionState[];
/** What attendees may see; pending questions wait for a moderator, dismissed ones are gone. */
export const PUBLIC_STATES = ['open', 'answering', 'answered'] as const satisfies readonly QuestionState[];

export function isOpenState(state: QuestionState): boolean {
  return (OPEN_STATES as readonly QuestionState[]).includes(state);
}

export function isPublicState(state: QuestionState): boolean {
  return (PUBLIC_STATES as readonly QuestionState[]).includes(state);
}

/** Votes first (ties: older first), or newest first. */
export function sortQuestions(questions: PublicQuestion[], order: 'top' | 'newest'): PublicQuestion[] {
  return [...questions].sort((a, b) =>
    order === 'newest' ? b.createdAt.localeCompare(a.createdAt) : b.voteCount - a.voteCount || a.createdAt.localeCompare(b.createdAt),
  );
}
