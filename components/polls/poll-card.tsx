'use client';

import { canSeeResults, describeAnswer } from '@/lib/polls';
import type { PollAnswer, PollResults, PublicPoll, Role } from '@/lib/protocol';
import { Button } from '../ui/button';
import { ErrorMessage } from '../ui/panel';
import type { CallStore } from '../client/call-store';
import * as polls from '../client/polls.commands';
import { useCommand } from '../client/use-command';
import { PollAnswerForm } from './poll-answer-form';
import { PollResultsView } from './poll-results';

const STATUS: Record<PublicPoll['status'], { label: string; className: string }> = {
  draft: { label: 'Draft', className: 'bg-slate-100 text-slate-700 ring-slate-300' },
  open: { label: 'Open', className: 'bg-emerald-50 text-emerald-800 ring-emerald-300' },
  closed: { label: 'Closed', className: 'bg-slate-100 text-slate-500 ring-slate-200' },
};
const KIND_LABELS: Record<PublicPoll['kind'], string> = { single: 'Single choice', multiple: 'Multiple choice', rating: 'Rating 1–5', text: 'Open text' };

/** Open, close, reopen and delete, as the poll's state allows. */
function PollControls({ store, poll }: { store: CallStore; poll: PublicPoll }) {
  const { error, isBusy, run } = useCommand();
  const remove = (
    <Button variant="danger" disabled={isBusy} onClick={() => void run(() => polls.remove(store, poll.id))} aria-label={`Delete poll: ${poll.question}`}>
      Delete
    </Button>
  );
  return (
    <div>
      <div className="flex flex-wrap gap-2">
        {poll.status === 'open' ? (
          <Button variant="secondary" disabled={isBusy} onClick={() => void run(() => polls.close(store, poll.id))}>
            Close poll
          </Button>
        ) : (
          <Button variant={poll.status === 'draft' ? 'primary' : 'secondary'} disabled={isBusy} onClick={() => void run(() => polls.open(store, poll.id))}>
            {poll.status === 'draft' ? 'Open poll' : 'Reopen'}
          </Button>
        )}
        {poll.status === 'open' ? null : remove}
      </div>
      <ErrorMessage message={error} />
    </div>
  );
}

export type PollCardProps = {
  store: CallStore;
  poll: PublicPoll;
  results: PollResults | undefined;
  mine: PollAnswer | null;
  role: Role;
  canRun: boolean;
  isCheckedIn: boolean;
  itemTitle: string | null;
};

/** One poll: its state, the answer form while open, and the results when this participant may see them. */
export function PollCard({ store, poll, results, mine, role, canRun, isCheckedIn, itemTitle }: PollCardProps) {
  const status = STATUS[poll.status];
  const isShown = canSeeResults(poll, role) && results !== undefined;
  const headingId = `poll-${poll.id}`;
  return (
    <li>
      <article aria-labelledby={headingId} className="space-y-3 rounded-xl p-3 ring-1 ring-slate-200" data-testid="poll" data-status={poll.status}>
        <div className="flex flex-wrap items-center gap-x-2 gap-y-1 text-xs text-slate-500">
          <span className={`rounded-full px-2 py-0.5 font-semibold ring-1 ${status.className}`}>{status.label}</span>
          <span>{KIND_LABELS[poll.kind]}</span>
          {poll.isNamed ? <span>· named</span> : <span>· anonymous</span>}
          {itemTitle ? <span>· {itemTitle}</span> : null}
        </div>
        <h3 id={headingId} className={poll.status === 'open' ? 'sr-only' : 'font-semibold break-words text-slate-900'}>
          {poll.question}
        </h3>
        {poll.status === 'open' ? <PollAnswerForm store={store} poll={poll} mine={mine} isCheckedIn={isCheckedIn} /> : null}
        {poll.status === 'closed' && mine ? <p className="text-sm text-slate-600">{describeAnswer(poll, mine)}</p> : null}
        {isShown ? (
          <PollResultsView store={store} poll={poll} results={results} canModerate={canRun} />
        ) : poll.status === 'open' && poll.showResults === 'closed' ? (
          <p className="text-sm text-slate-500">Results are shown when the poll closes.</p>
        ) : null}
        {canRun ? <PollControls store={store} poll={poll} /> : null}
      </article>
    </li>
  );
}
