'use client';

import { useEffect, useState } from 'react';
import type { ParticipantChange, ParticipantView } from '@/lib/protocol';
import type { CallStore, ConnectionStatus } from '../client/call-store';
import * as participantCommands from '../client/participants.commands';

function applyChanges(list: ParticipantView[], changes: ParticipantChange[]): ParticipantView[] {
  const byId = new Map(list.map((participant) => [participant.id, participant]));
  for (const change of changes) {
    if ('removedId' in change) byId.delete(change.removedId);
    else byId.set(change.participant.id, change.participant);
  }
  return [...byId.values()].sort((a, b) => a.checkedInAt.localeCompare(b.checkedInAt));
}

/**
 * The live participants list while `isWanted`: fetched when online (again after each reconnect), then kept by
 * merged changes. When it is not wanted the server stops sending changes, so a big call stays quiet.
 */
export function useParticipants(store: CallStore, connection: ConnectionStatus, isWanted: boolean): ParticipantView[] | null {
  const [participants, setParticipants] = useState<ParticipantView[] | null>(null);
  useEffect(() => {
    if (connection !== 'online' || !isWanted) return;
    let isCurrent = true;
    let early: ParticipantChange[] = [];
    let hasList = false;
    const stop = participantCommands.onChanged(store, (changes) => {
      if (!hasList) early = [...early, ...changes];
      else setParticipants((list) => applyChanges(list ?? [], changes));
    });
    void participantCommands.list(store).then((response) => {
      if (!isCurrent || !response.ok) return;
      hasList = true;
      setParticipants(applyChanges(response.data.participants, early));
    });
    return () => {
      isCurrent = false;
      stop();
      setParticipants(null);
      // After a disconnect the server has already forgotten this socket's rooms.
      if (store.getState().connection === 'online') void participantCommands.unfollow(store);
    };
  }, [store, connection, isWanted]);
  return participants;
}
