import { canSeeResults, currentPoll } from '@/lib/polls';
import type { PollResults, PublicPoll } from '@/lib/protocol';
import { LargeResults } from './poll-results';

/** Projector view: the open poll opened last, its question and options, and its results once attendees may see them. */
export function PresentPoll({ polls, results }: { polls: PublicPoll[]; results: Record<string, PollResults> }) {
  const poll = currentPoll(polls);
  if (!poll) return null;
  // The projector is public whoever opened it: it shows what attendees see, never names or hidden answers.
  const shown = canSeeResults(poll, 'attendee') ? results[poll.id] : undefined;
  const publicShown = shown && { ...shown, voters: undefined, texts: shown.texts.filter((answer) => !answer.hidden) };
  return (
    <section aria-label="Poll" className="mt-10 rounded-2xl bg-indigo-400/10 p-8 ring-2 ring-indigo-400" data-testid="present-poll">
      <p className="text-xl font-semibold tracking-wide text-indigo-300 uppercase">Poll</p>
      <h2 className="mt-3 text-5xl leading-tight font-bold break-words">{poll.question}</h2>
      <div className="mt-8">
        {publicShown ? (
          <LargeResults poll={poll} results={publicShown} />
        ) : (
          <>
            {poll.options.length > 0 ? (
              <ul className="space-y-3 text-4xl">
                {poll.options.map((option) => (
                  <li key={option.id}>{option.label}</li>
                ))}
              </ul>
            ) : null}
            <p className="mt-6 text-2xl text-slate-400">{poll.showResults === 'closed' ? 'Results are shown when the poll closes.' : 'Answer on your device.'}</p>
          </>
        )}
      </div>
    </section>
  );
}
