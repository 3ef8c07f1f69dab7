'use client';

import { useId, useRef, useState } from 'react';
import type { PublicQuestion, VoteSignal, VoterGroup } from '@/lib/protocol';
import { Button } from '../ui/button';
import { ErrorMessage } from '../ui/panel';
import type { CallStore } from '../client/call-store';
import * as questions from '../client/questions.commands';
import { useCommand } from '../client/use-command';

/** "9 votes in 20 s from new participants": what the signal says, in words. */
export function describeSignal(signal: VoteSignal): string {
  const sources = [
    signal.fromNewParticipants > 0 ? `${signal.fromNewParticipants} from participants who had just checked in` : null,
    signal.fromSharedAddress > 0 ? `${signal.fromSharedAddress} from one shared address` : null,
  ].filter(Boolean);
  return `${signal.votes} ${signal.votes === 1 ? 'vote' : 'votes'} in ${signal.seconds} s (${sources.join(', ')})`;
}

const time = (iso: string) => new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' });

function howTheyJoined(group: VoterGroup): string {
  const when = group.firstCheckIn === group.lastCheckIn ? `at ${time(group.firstCheckIn)}` : `between ${time(group.firstCheckIn)} and ${time(group.lastCheckIn)}`;
  return `${group.sharedAddress ? 'Same address' : 'Own address'}, checked in ${when}`;
}

/** A group's names: all of a small group, the first few of a large one. */
const NAMES_SHOWN = 30;
function namesOf(group: VoterGroup): string {
  const names = group.participants.slice(0, NAMES_SHOWN).map((participant) => participant.displayName).join(', ');
  const more = group.participants.length - NAMES_SHOWN;
  return more > 0 ? `${names} and ${more.toLocaleString()} more` : names;
}

function GroupRow({ store, group, onRemoved }: { store: CallStore; group: VoterGroup; onRemoved: () => void }) {
  const [isConfirming, setConfirming] = useState(false);
  const [removed, setRemoved] = useState<number | null>(null);
  const { error, isBusy, run } = useCommand();
  const headingId = useId();
  const size = group.participants.length;
  const remove = async () => {
    setRemoved(0);
    const response = await run(() => questions.removeGroup(store, group.participants.map((participant) => participant.id), setRemoved));
    setRemoved(null);
    if (response.ok) onRemoved();
  };
  return (
    <li className="rounded-lg p-3 ring-1 ring-slate-200" aria-labelledby={headingId} data-testid="voter-group">
      <p id={headingId} className="font-semibold">
        {howTheyJoined(group)} · {group.votes} {group.votes === 1 ? 'vote' : 'votes'}
      </p>
      <p className="mt-1 text-sm break-words text-slate-700">{namesOf(group)}</p>
      {isConfirming ? (
        <div className="mt-2 flex flex-wrap items-center gap-2" role="group" aria-label="Confirm removal">
          <span className="text-sm text-slate-800">
            Remove these {size.toLocaleString()} participants, withdraw their votes and dismiss their questions?
          </span>
          <Button variant="danger" disabled={isBusy} onClick={() => void remove()}>
            Yes, remove them
          </Button>
          {removed !== null ? (
            <progress className="w-full" max={size} value={removed} aria-label={`Removed ${removed.toLocaleString()} of ${size.toLocaleString()}`} />
          ) : null}
          <Button variant="secondary" onClick={() => setConfirming(false)}>
            Keep
          </Button>
        </div>
      ) : (
        <Button variant="secondary" className="mt-2" onClick={() => setConfirming(true)}>
          Remove this group and their votes
        </Button>
      )}
      <ErrorMessage message={error} />
    </li>
  );
}

const listed = (groups: VoterGroup[]) => groups.reduce((sum, group) => sum + group.participants.length, 0);

/** Moderators: the question's vote signal in words, and "Review voters" in a modal dialog. */
export function VoteSignalReview({ store, question, signal }: { store: CallStore; question: PublicQuestion; signal: VoteSignal }) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const openerRef = useRef<HTMLButtonElement>(null);
  const [groups, setGroups] = useState<VoterGroup[] | null>(null);
  const [voters, setVoters] = useState(0);
  const { error, isBusy, run } = useCommand();
  const titleId = useId();
  const load = async () => {
    const response = await run(() => questions.reviewVoters(store, question.id));
    setGroups(response.ok ? response.data.groups : []);
    setVoters(response.ok ? response.data.voters : 0);
  };
  const open = () => {
    setGroups(null);
    dialogRef.current?.showModal();
    void load();
  };
  return (
    <div className="mt-2 rounded-lg bg-amber-50 px-3 py-2 text-sm text-amber-950 ring-1 ring-amber-300" data-testid="vote-signal">
      <p>
        <span aria-hidden="true">⚠ </span>
        <strong>Unusual votes:</strong> {describeSignal(signal)}
      </p>
      <Button ref={openerRef} variant="secondary" className="mt-2" aria-haspopup="dialog" onClick={open}>
        Review voters
      </Button>
      <dialog
        ref={dialogRef}
        aria-labelledby={titleId}
        onClose={() => openerRef.current?.focus()}
        className="m-auto w-[min(36rem,calc(100%-2rem))] rounded-2xl bg-white p-5 text-slate-900 shadow-xl backdrop:bg-slate-900/50"
      >
        <h2 id={titleId} className="text-lg font-bold">
          Voters of “{question.text}”
        </h2>
        <p className="mt-1 text-sm text-slate-600">Grouped by how they joined: the same address and a burst of check-ins. Addresses are never shown.</p>
        {groups === null || isBusy ? <p className="mt-3 text-sm">Loading voters…</p> : null}
        {groups && groups.length === 0 && !error ? <p className="mt-3 text-sm">Nobody votes for this question any more.</p> : null}
        {groups && listed(groups) < voters ? (
          <p className="mt-3 text-sm">
            The {listed(groups).toLocaleString()} most recent of {voters.toLocaleString()} voters. Review again after removing a group to see the others.
          </p>
        ) : null}
        <ul className="mt-3 max-h-[60vh] space-y-2 overflow-y-auto">
          {(groups ?? []).map((group) => (
            <GroupRow key={group.firstCheckIn + group.participants[0]!.id} store={store} group={group} onRemoved={() => void load()} />
          ))}
        </ul>
        <ErrorMessage message={error} />
        <div className="mt-4 flex justify-end">
          <Button variant="secondary" onClick={() => dialogRef.current?.close()}>
            Close
          </Button>
        </div>
      </dialog>
    </div>
  );
}
