import type { PublicQuestion } from '@/lib/protocol';

/**
 * Tells screen readers which question is being answered now. It sits outside the Q&A panel, which a phone shows
 * only on its own tab: a live region inside a hidden tab would say nothing.
 */
export function QuestionAnnouncer({ questions }: { questions: readonly PublicQuestion[] }) {
  const pinned = questions.find((question) => question.state === 'answering');
  return (
    <div aria-live="polite" className="sr-only">
      {pinned ? `Answering now: ${pinned.text}` : ''}
    </div>
  );
}
