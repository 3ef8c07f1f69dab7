'use client';

import { useState } from 'react';
import { listItems } from '@/lib/call-state';
import type { PublicCall, PublicParticipant, PublicQuestion, Role, VoteSignal } from '@/lib/protocol';
import { sortQuestions } from '@/lib/questions';
import { Panel } from '../ui/panel';
import type { CallStore } from '../client/call-store';
import { QaSettingsForm } from './qa-settings';
import { QuestionCard } from './question-card';
import { QuestionForm } from './question-form';
import { QuestionModeration } from './question-moderation';
import { VoteSignalReview } from './vote-review';

type Order = 'top' | 'newest';

export type QuestionsPanelProps = {
  store: CallStore;
  call: PublicCall;
  questions: PublicQuestion[];
  role: Role;
  me: PublicParticipant | null;
  myVotes: string[];
  myQuestions: string[];
  /** Moderators only: the suspicious-activity signal of each question that has one. */
  voteSignals: Record<string, VoteSignal>;
};

export function canModerateQuestions(role: Role, call: PublicCall): boolean {
  return role === 'host' || (role === 'scribe' && call.qaScribesModerate);
}

function SortToggle({ order, onChange }: { order: Order; onChange: (order: Order) => void }) {
  const option = (value: Order, label: string) => (
    <button
      type="button"
      aria-pressed={order === value}
      onClick={() => onChange(value)}
      className={`min-h-9 rounded-md px-3 text-sm font-semibold max-md:min-h-11 ${order === value ? 'bg-white text-slate-900 shadow-sm' : 'text-slate-600 hover:text-slate-900'}`}
    >
      {label}
    </button>
  );
  return (
    <div role="group" aria-label="Sort questions" className="inline-flex rounded-lg bg-slate-100 p-1">
      {option('top', 'Top')}
      {option('newest', 'Newest')}
    </div>
  );
}

/** The audience Q&A: ask, vote, follow the queue live; moderators run it from the same list. */
export function QuestionsPanel({ store, call, questions, role, me, myVotes, myQuestions, voteSignals }: QuestionsPanelProps) {
  const [order, setOrder] = useState<Order>('top');
  const isModerator = canModerateQuestions(role, call);
  const itemTitles = new Map(listItems(call).map((item) => [item.id, item.title]));
  const byState = (state: PublicQuestion['state']) => sortQuestions(questions.filter((question) => question.state === state), order);
  const pinned = questions.find((question) => question.state === 'answering') ?? null;
  const open = byState('open');
  const answered = byState('answered');
  // Moderators get every question waiting for approval; anyone else only their own.
  const pending = byState('pending');
  const dismissed = isModerator ? byState('dismissed') : [];
  const visible = [...(pinned ? [pinned] : []), ...open, ...answered];

  const card = (question: PublicQuestion, isHighlighted = false) => (
    <QuestionCard
      key={question.id}
      store={store}
      question={question}
      itemTitle={question.itemId ? (itemTitles.get(question.itemId) ?? null) : null}
      isMine={myQuestions.includes(question.id)}
      hasVoted={myVotes.includes(question.id)}
      canVote={me !== null}
      isHighlighted={isHighlighted}
    >
      {isModerator && voteSignals[question.id] ? <VoteSignalReview store={store} question={question} signal={voteSignals[question.id]!} /> : null}
      {isModerator ? (
        <QuestionModeration
          store={store}
          question={question}
          mergeTargets={visible.filter((target) => target.id !== question.id)}
          canEdit={role === 'host'}
          answererName={me?.displayName ?? ''}
        />
      ) : null}
    </QuestionCard>
  );

  return (
    <Panel title="Questions">
      <div className="space-y-5">
        {role === 'host' ? <QaSettingsForm store={store} call={call} /> : null}
        <QuestionForm store={store} call={call} me={me} />

        {pending.length > 0 ? (
          <section aria-labelledby="qa-approval" className="rounded-xl bg-amber-50/50 p-3 ring-1 ring-amber-200">
            <h3 id="qa-approval" className="mb-2 text-sm font-semibold text-amber-900">
              {isModerator ? `Approval queue (${pending.length})` : `Your questions waiting for approval (${pending.length})`}
            </h3>
            {isModerator ? null : <p className="mb-2 text-xs text-amber-900">Only you and the hosts see these until a host approves them.</p>}
            <ol className="space-y-2">{pending.map((question) => card(question))}</ol>
          </section>
        ) : null}

        {pinned ? (
          <section aria-labelledby="qa-pinned">
            <h3 id="qa-pinned" className="mb-2 text-sm font-semibold text-amber-800">
              Answering now
            </h3>
            <ol>{card(pinned, true)}</ol>
          </section>
        ) : null}

        <section aria-labelledby="qa-open">
          <div className="mb-2 flex flex-wrap items-center justify-between gap-2">
            <h3 id="qa-open" className="text-sm font-semibold text-slate-700">
              Open questions ({open.length})
            </h3>
            <SortToggle order={order} onChange={setOrder} />
          </div>
          {open.length > 0 ? (
            <ol className="space-y-2">{open.map((question) => card(question))}</ol>
          ) : (
            <p className="text-sm text-slate-500">No open questions yet.</p>
          )}
        </section>

        {answered.length > 0 ? (
          <section aria-labelledby="qa-answered">
            <h3 id="qa-answered" className="mb-2 text-sm font-semibold text-slate-700">
              Answered ({answered.length})
            </h3>
            <ol className="space-y-2">{answered.map((question) => card(question))}</ol>
          </section>
        ) : null}

        {dismissed.length > 0 ? (
          <details className="rounded-xl p-2 ring-1 ring-slate-200">
            <summary className="cursor-pointer text-sm font-semibold text-slate-700">Dismissed ({dismissed.length})</summary>
            <ol className="mt-2 space-y-2">{dismissed.map((question) => card(question))}</ol>
          </details>
        ) : null}
      </div>
    </Panel>
  );
}
