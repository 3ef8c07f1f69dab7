import type { PublicQuestion } from '@/lib/protocol';
import { sortQuestions } from '@/lib/questions';

const authorOf = (question: PublicQuestion) => (question.isAnonymous ? 'Anonymous' : question.authorName);

/** Projector view: the question being answered, large, and the three most wanted open ones. */
export function PresentQuestions({ questions }: { questions: PublicQuestion[] }) {
  const pinned = questions.find((question) => question.state === 'answering');
  const top = sortQuestions(
    questions.filter((question) => question.state === 'open'),
    'top',
  ).slice(0, 3);
  if (!pinned && top.length === 0) return null;
  return (
    <section aria-label="Questions" className="mt-10 mb-8 grid gap-6 border-t border-slate-800 pt-8 lg:grid-cols-2">
      {pinned ? (
        <div className="rounded-2xl bg-amber-400/10 p-6 ring-2 ring-amber-400" data-testid="present-pinned">
          <p className="text-xl font-semibold tracking-wide text-amber-300 uppercase">Answering now</p>
          <p className="mt-3 text-4xl leading-snug font-semibold break-words whitespace-pre-line">{pinned.text}</p>
          <p className="mt-3 text-2xl text-slate-300">{authorOf(pinned)}</p>
        </div>
      ) : null}
      {top.length > 0 ? (
        <div>
          <p className="text-xl font-semibold tracking-wide text-slate-400 uppercase">Top questions</p>
          <ol className="mt-3 space-y-3" data-testid="present-top-questions">
            {top.map((question) => (
              <li key={question.id} className="flex gap-4 text-2xl">
                <span className="min-w-12 text-right font-bold text-indigo-300">▲ {question.voteCount}</span>
                <span className="min-w-0 break-words">
                  {question.text} <span className="text-slate-400">· {authorOf(question)}</span>
                </span>
              </li>
            ))}
          </ol>
        </div>
      ) : null}
    </section>
  );
}
