'use client';

import { useEffect, useState } from 'react';
import type { ParticipantView, PublicParticipant } from '@/lib/protocol';
import { formatTime } from '@/lib/time';
import { Button } from '../ui/button';
import { ErrorMessage } from '../ui/panel';
import type { CallStore } from '../client/call-store';
import * as participantCommands from '../client/participants.commands';
import { useCommand } from '../client/use-command';

/** Raise or lower one's own hand; the host sees every raised hand in order and lowers them. */
export function RaisedHands({ store, participants, me, isHost }: { store: CallStore; participants: ParticipantView[] | null; me: PublicParticipant | null; isHost: boolean }) {
  const { run, error, isBusy } = useCommand();
  // Without the list (an attendee not showing it) the last answer to one's own raise or lower tells the state.
  const [ownHand, setOwnHand] = useState<boolean | null>(null);
  useEffect(() => participantCommands.onSelf(store, (self) => setOwnHand(self.handRaisedAt !== null)), [store]);
  const raised = (participants ?? []).filter((participant) => participant.handRaisedAt).sort((a, b) => a.handRaisedAt!.localeCompare(b.handRaisedAt!));
  const listed = participants?.find((participant) => participant.id === me?.id);
  const isMyHandUp = listed ? listed.handRaisedAt !== null : (ownHand ?? false);

  async function toggleOwnHand() {
    const response = await run(() => (isMyHandUp ? participantCommands.lowerHand(store) : participantCommands.raiseHand(store)));
    if (response.ok) setOwnHand(response.data.participant.handRaisedAt !== null);
  }

  return (
    <div className="space-y-3">
      {me ? (
        <Button variant={isMyHandUp ? 'primary' : 'secondary'} aria-pressed={isMyHandUp} disabled={isBusy} onClick={() => void toggleOwnHand()}>
          ✋ {isMyHandUp ? 'Lower your hand' : 'Raise your hand'}
        </Button>
      ) : null}
      {isHost && raised.length > 0 ? (
        <div>
          <h3 className="text-sm font-semibold">Raised hands</h3>
          <ol className="mt-1 space-y-1 text-sm" aria-label="Raised hands, in order" data-testid="raised-hands">
            {raised.map((participant) => (
              <li key={participant.id} className="flex items-center gap-2">
                <span className="flex-1">
                  {participant.displayName} <span className="text-xs text-slate-500">since {formatTime(participant.handRaisedAt!)}</span>
                </span>
                <button type="button" className="rounded px-2 py-0.5 text-xs font-semibold text-indigo-700 hover:bg-indigo-50" onClick={() => void run(() => participantCommands.lowerHand(store, participant.id))}>
                  Lower
                </button>
              </li>
            ))}
          </ol>
        </div>
      ) : null}
      <ErrorMessage message={error} />
    </div>
  );
}
