'use client';

import type { PollResults, PollTextAnswer, PublicPoll } from '@/lib/protocol';
import { ErrorMessage } from '../ui/panel';
import type { CallStore } from '../client/call-store';
import * as polls from '../client/polls.commands';
import { useCommand } from '../client/use-command';

const answersText = (count: number) => `${count} ${count === 1 ? 'answer' : 'answers'}`;

/** Bars that are also text: each row says its count and share, the bar only repeats it. */
function OptionBars({ poll, results, large }: { poll: PublicPoll; results: PollResults; large: boolean }) {
  const top = Math.max(0, ...results.options.map((option) => option.count));
  return (
    <ul className={large ? 'space-y-5' : 'space-y-2'}>
      {results.options.map((option) => {
        const voters = results.voters?.[option.id];
        const label = poll.kind === 'rating' ? `${option.label} of 5` : option.label;
        return (
          <li key={option.id} data-testid="poll-result-option">
            <div className={`flex items-baseline justify-between gap-3 ${large ? 'text-3xl' : 'text-sm'}`}>
              <span className="min-w-0 font-medium break-words">{label}</span>
              <span className={`shrink-0 tabular-nums ${large ? 'text-slate-300' : 'text-slate-600'}`} data-testid="poll-result-count">
                {option.count} · {option.percent}%
              </span>
            </div>
            <div className={`mt-1 overflow-hidden rounded-full ${large ? 'h-5 bg-slate-800' : 'h-2.5 bg-slate-100'}`} aria-hidden="true">
              <div
                className={`h-full rounded-full transition-[width] duration-500 motion-reduce:transition-none ${option.count === top && top > 0 ? 'bg-indigo-500' : 'bg-indigo-300'}`}
                style={{ width: `${option.percent}%` }}
              />
            </div>
            {voters && voters.length > 0 ? <p className="mt-1 text-xs text-slate-500">{voters.join(', ')}</p> : null}
          </li>
        );
      })}
    </ul>
  );
}

/** Font size by count: the most frequent word is largest. */
export function WordCloud({ words, large = false }: { words: PollResults['words']; large?: boolean }) {
  if (words.length === 0) return null;
  const most = Math.max(...words.map((word) => word.count));
  const [smallest, largest] = large ? [1.5, 4.5] : [0.875, 2.25];
  return (
    <ul aria-label="Word cloud" className="flex flex-wrap items-baseline justify-center gap-x-4 gap-y-1 py-2" data-testid="word-cloud">
      {words.map(({ word, count }) => (
        <li
          key={word}
          className={`leading-tight font-semibold ${count === most ? (large ? 'text-indigo-300' : 'text-indigo-700') : large ? 'text-slate-200' : 'text-slate-700'}`}
          style={{ fontSize: `${smallest + ((largest - smallest) * count) / most}rem` }}
        >
          {word}
          <span className="sr-only"> ({count})</span>
        </li>
      ))}
    </ul>
  );
}

function TextAnswer({ store, pollId, answer, canModerate }: { store: CallStore; pollId: string; answer: PollTextAnswer; canModerate: boolean }) {
  const { error, isBusy, run } = useCommand();
  return (
    <li className="rounded-lg bg-slate-50 px-3 py-2 text-sm ring-1 ring-slate-200" data-testid="poll-text-answer">
      <div className="flex items-start justify-between gap-2">
        <p className={`min-w-0 break-words ${answer.hidden ? 'text-slate-500 line-through' : 'text-slate-800'}`}>
          {answer.text}
          {answer.name ? <span className="text-slate-500"> · {answer.name}</span> : null}
          {answer.hidden ? <span className="ml-1 text-xs text-slate-500 no-underline">(hidden)</span> : null}
        </p>
        {canModerate ? (
          <button
            type="button"
            className="min-h-9 shrink-0 rounded-md px-2 text-xs font-semibold text-slate-700 ring-1 ring-slate-300 hover:bg-white disabled:opacity-50"
            disabled={isBusy}
            aria-label={`${answer.hidden ? 'Show' : 'Hide'} answer “${answer.text}”`}
            onClick={() => void run(() => polls.hideAnswer(store, pollId, answer.id, !answer.hidden))}
          >
            {answer.hidden ? 'Show' : 'Hide'}
          </button>
        ) : null}
      </div>
      <ErrorMessage message={error} />
    </li>
  );
}

/** A poll's results as text and bars; those who run polls may hide open-text answers. */
export function PollResultsView({ store, poll, results, canModerate }: { store: CallStore; poll: PublicPoll; results: PollResults; canModerate: boolean }) {
  return (
    <section aria-label={`Results: ${poll.question}`} className="space-y-3" data-testid="poll-results">
      <p className="text-sm font-semibold text-slate-700">
        <span data-testid="poll-answered">{answersText(results.answered)}</span>
        {poll.kind === 'rating' && results.average !== null ? <span data-testid="poll-average"> · average {results.average} of 5</span> : null}
      </p>
      {poll.kind === 'text' ? (
        <>
          <WordCloud words={results.words} />
          {results.texts.length > 0 ? (
            <ul aria-label="Answers" className="max-h-80 space-y-1.5 overflow-y-auto">
              {[...results.texts].reverse().map((answer) => (
                <TextAnswer key={answer.id} store={store} pollId={poll.id} answer={answer} canModerate={canModerate} />
              ))}
            </ul>
          ) : null}
        </>
      ) : (
        <OptionBars poll={poll} results={results} large={false} />
      )}
    </section>
  );
}

/** The projector's results: big type, no names, no hidden answers. */
export function LargeResults({ poll, results }: { poll: PublicPoll; results: PollResults }) {
  return (
    <div className="space-y-6" data-testid="present-poll-results">
      <p className="text-3xl text-slate-300">
        {answersText(results.answered)}
        {poll.kind === 'rating' && results.average !== null ? ` · average ${results.average} of 5` : ''}
      </p>
      {poll.kind === 'text' ? <WordCloud words={results.words} large /> : <OptionBars poll={poll} results={{ ...results, voters: undefined }} large />}
    </div>
  );
}
