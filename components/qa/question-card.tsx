'use client';

import type { ReactNode } from 'react';
import type { PublicQuestion } from '@/lib/protocol';
import { isOpenState } from '@/lib/questions';
import { ErrorMessage } from '../ui/panel';
import type { CallStore } from '../client/call-store';
import * as questions from '../client/questions.commands';
import { useCommand } from '../client/use-command';

function shorten(text: string, max = 80): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

export function questionTextId(question: PublicQuestion): string {
  return `question-${question.id}`;
}

function VoteButton({ store, question, hasVoted, canVote }: { store: CallStore; question: PublicQuestion; hasVoted: boolean; canVote: boolean }) {
  const { error, isBusy, run } = useCommand();
  const votes = `${question.voteCount} ${question.voteCount === 1 ? 'vote' : 'votes'}`;
  if (!isOpenState(question.state)) {
    return <span className="flex min-w-12 flex-col items-center rounded-lg px-2 py-1 text-sm text-slate-500">{question.voteCount}<span className="sr-only"> {votes}</span></span>;
  }
  const label = `${hasVoted ? 'Remove your vote' : 'Upvote'}: “${shorten(question.text)}”, ${votes}`;
  return (
    <div className="shrink-0">
      <button
        type="button"
        aria-pressed={hasVoted}
        aria-label={label}
        title={canVote ? undefined : 'Check in to vote'}
        disabled={!canVote || isBusy}
        onClick={() => run(() => (hasVoted ? questions.unvote : questions.vote)(store, question.id))}
        className={`flex min-h-12 min-w-12 flex-col items-center justify-center rounded-lg px-2 py-1 text-sm font-semibold ring-1 transition disabled:cursor-not-allowed disabled:opacity-60 ${
          hasVoted ? 'bg-indigo-600 text-white ring-indigo-600 hover:bg-indigo-700' : 'bg-white text-slate-700 ring-slate-300 hover:bg-slate-50'
        }`}
      >
        <span aria-hidden="true">▲</span>
        <span data-testid="vote-count">{question.voteCount}</span>
      </button>
      <ErrorMessage message={error} />
    </div>
  );
}

/** One question: its votes, text, author and answer. Text stays plain text (React escapes it). */
export function QuestionCard({
  store,
  question,
  itemTitle,
  isMine,
  hasVoted,
  canVote,
  isHighlighted = false,
  children,
}: {
  store: CallStore;
  question: PublicQuestion;
  itemTitle: string | null;
  isMine: boolean;
  hasVoted: boolean;
  canVote: boolean;
  isHighlighted?: boolean;
  children?: ReactNode;
}) {
  return (
    <li
      data-testid="question"
      className={`rounded-xl p-3 ring-1 ${isHighlighted ? 'bg-amber-50 ring-2 ring-amber-400' : question.state === 'answered' ? 'bg-slate-50 ring-slate-200' : 'bg-white ring-slate-200'}`}
    >
      <div className="flex gap-3">
        <VoteButton store={store} question={question} hasVoted={hasVoted} canVote={canVote} />
        <div className="min-w-0 flex-1">
          <p id={questionTextId(question)} className="break-words whitespace-pre-line text-slate-900">
            {question.text}
          </p>
          <p className="mt-1 flex flex-wrap gap-x-2 text-xs text-slate-500">
            <span>{question.isAnonymous ? 'Anonymous' : question.authorName}</span>
            {itemTitle ? <span>· about {itemTitle}</span> : null}
            {isMine ? <span className="rounded bg-indigo-100 px-1.5 font-semibold text-indigo-800">You asked</span> : null}
            {hasVoted ? <span className="text-indigo-700">· You voted</span> : null}
          </p>
          {question.state === 'answered' ? (
            <div className="mt-2 rounded-lg bg-emerald-50 px-3 py-2 text-sm text-emerald-950 ring-1 ring-emerald-200" data-testid="answer">
              <p className="font-semibold">Answered{question.answeredBy ? ` by ${question.answeredBy}` : ''}</p>
              {question.answer ? <p className="mt-1 break-words whitespace-pre-line">{question.answer}</p> : null}
            </div>
          ) : null}
        </div>
      </div>
      {children}
    </li>
  );
}
