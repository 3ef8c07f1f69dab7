'use client';

import { useState } from 'react';
import { listItems } from '@/lib/call-state';
import { can } from '@/lib/permissions';
import type { PollAnswer, PollResults, PublicCall, PublicParticipant, PublicPoll, Role } from '@/lib/protocol';
import { Button } from '../ui/button';
import { Panel } from '../ui/panel';
import type { CallStore } from '../client/call-store';
import { PollCard } from './poll-card';
import { PollCreateForm } from './poll-create-form';

export type PollsPanelProps = {
  store: CallStore;
  call: PublicCall;
  polls: PublicPoll[];
  pollResults: Record<string, PollResults>;
  myPollAnswers: Record<string, PollAnswer>;
  role: Role;
  me: PublicParticipant | null;
};

/** The host, and scribes while the host allows it. */
export function canRunPolls(role: Role, call: PublicCall): boolean {
  return can(role, 'poll:create', { settings: call });
}

const byOpening = (a: PublicPoll, b: PublicPoll) => (b.openedAt ?? b.createdAt).localeCompare(a.openedAt ?? a.createdAt);

/** Polls: open ones to answer first, then drafts (for those who run polls), then closed ones with their results. */
export function PollsPanel({ store, call, polls, pollResults, myPollAnswers, role, me }: PollsPanelProps) {
  const [isCreating, setCreating] = useState(false);
  const canRun = canRunPolls(role, call);
  const itemTitles = new Map(listItems(call).map((item) => [item.id, item.title]));
  const shown = polls.filter((poll) => canRun || poll.status !== 'draft');
  if (!canRun && shown.length === 0) return null;
  const groups = (['open', 'draft', 'closed'] as const)
    .map((status) => ({ status, polls: shown.filter((poll) => poll.status === status).sort(byOpening) }))
    .filter((group) => group.polls.length > 0);
  const titles = { open: 'Open', draft: 'Drafts', closed: 'Closed' };

  return (
    <Panel title="Polls">
      <div className="space-y-5">
        {canRun ? (
          isCreating ? (
            <PollCreateForm store={store} call={call} onDone={() => setCreating(false)} />
          ) : (
            <Button variant="secondary" onClick={() => setCreating(true)} disabled={call.status === 'ended'}>
              New poll
            </Button>
          )
        ) : null}
        {groups.map((group) => (
          <section key={group.status} aria-labelledby={`polls-${group.status}`}>
            <h3 id={`polls-${group.status}`} className="mb-2 text-sm font-semibold text-slate-700">
              {titles[group.status]} ({group.polls.length})
            </h3>
            <ol className="space-y-3">
              {group.polls.map((poll) => (
                <PollCard
                  key={poll.id}
                  store={store}
                  poll={poll}
                  results={pollResults[poll.id]}
                  mine={myPollAnswers[poll.id] ?? null}
                  role={role}
                  canRun={canRun}
                  isCheckedIn={me !== null}
                  itemTitle={poll.itemId ? (itemTitles.get(poll.itemId) ?? null) : null}
                />
              ))}
            </ol>
          </section>
        ))}
        {shown.length === 0 ? <p className="text-sm text-slate-500">No polls yet.</p> : null}
      </div>
    </Panel>
  );
}
