import type { PublicQuestion } from './protocol';

/** Votes first (ties: older first), or newest first. */
export function sortQuestions(questions: PublicQuestion[], order: 'top' | 'newest'): PublicQuestion[] {
  return [...questions].sort((a, b) =>
    order === 'newest' ? b.createdAt.localeCompare(a.createdAt) : b.voteCount - a.voteCount || a.createdAt.localeCompare(b.createdAt),
  );
}
