'use client';

import type { ParticipantView, PresenceUpdate, PublicParticipant, Role } from '@/lib/protocol';
import { ErrorMessage, Panel } from '../ui/panel';
import type { CallStore } from '../client/call-store';
import * as participantCommands from '../client/participants.commands';
import { useCommand } from '../client/use-command';

const badge = 'rounded-full px-2 py-0.5 text-[11px] font-semibold';

function Badges({ participant }: { participant: ParticipantView }) {
  return (
    <>
      {participant.role !== 'attendee' ? <span className={`${badge} bg-indigo-100 text-indigo-800`}>{participant.role === 'host' ? 'Host' : 'Scribe'}</span> : null}
      {participant.isTeam ? <span className={`${badge} bg-emerald-100 text-emerald-800`}>Team</span> : null}
    </>
  );
}

export function ParticipantsPanel({
  store,
  participants,
  presence,
  role,
  me,
  isExpanded,
  onToggle,
  removedNotice = null,
}: {
  store: CallStore;
  participants: ParticipantView[] | null;
  presence: PresenceUpdate;
  role: Role;
  me: PublicParticipant | null;
  isExpanded: boolean;
  onToggle: () => void;
  /** Once the retention sweep removed the names: said instead of a list of blank names. */
  removedNotice?: string | null;
}) {
  const { run, error } = useCommand();
  const isHost = role === 'host';
  const hereCount = participants ? participants.filter((participant) => participant.isOnline).length : presence.onlineCount;
  const checkedInCount = participants ? participants.length : presence.participantCount;
  const left = checkedInCount - hereCount;

  function remove(participant: ParticipantView) {
    const block = window.confirm(`Remove ${participant.displayName}? Press OK to also block them from rejoining with this browser, Cancel to only remove their check-in.`);
    void run(() => participantCommands.remove(store, participant.id, block));
  }

  return (
    <Panel title="Participants">
      <div className="flex items-center justify-between gap-2">
        <p className="text-sm text-slate-700" data-testid="participant-counts">
          <strong>{hereCount}</strong> here now · {checkedInCount} checked in{left > 0 ? ` · ${left} left` : ''}
        </p>
        {removedNotice ? null : (
          <button type="button" className="text-xs font-semibold text-indigo-700 max-md:min-h-11 max-md:px-2" aria-expanded={isExpanded} onClick={onToggle}>
            {isExpanded ? 'Hide list' : 'Show list'}
          </button>
        )}
      </div>
      {removedNotice ? (
        <p className="mt-2 text-sm text-slate-600" data-testid="names-removed">
          {removedNotice}
        </p>
      ) : null}
      <ErrorMessage message={error} />
      {isExpanded && !removedNotice && !participants ? (
        <p role="status" className="mt-3 text-sm text-slate-500">
          Loading the list…
        </p>
      ) : null}
      {isExpanded && !removedNotice && participants ? (
        <ul className="mt-3 max-h-96 space-y-1 overflow-y-auto" aria-label="Participants">
          {participants.map((participant) => (
            <li key={participant.id} className={`flex items-start gap-2 rounded-lg px-2 py-1.5 ${participant.isOnline ? '' : 'opacity-60'}`} data-testid="participant">
              <span className={`mt-1.5 size-2 shrink-0 rounded-full ${participant.isOnline ? 'bg-emerald-500' : 'bg-slate-300'}`} aria-hidden />
              <div className="min-w-0 flex-1">
                <p className="flex flex-wrap items-center gap-1.5 text-sm font-medium">
                  <span className="break-words">{participant.displayName}</span>
                  {participant.pronouns ? <span className="font-normal text-slate-500">({participant.pronouns})</span> : null}
                  <Badges participant={participant} />
                  {participant.handRaisedAt ? <span aria-label="Hand raised">✋</span> : null}
                  {participant.id === me?.id ? <span className="text-xs font-normal text-slate-500">(you)</span> : null}
                  <span className="sr-only">{participant.isOnline ? 'online' : 'left'}</span>
                </p>
                {participant.affiliation ? <p className="text-xs text-slate-600">{participant.affiliation}</p> : null}
                {participant.reason ? <p className="text-xs text-slate-500">“{participant.reason}”</p> : null}
              </div>
              {isHost && participant.id !== me?.id ? (
                <span className="flex shrink-0 gap-1">
                  <button
                    type="button"
                    className="rounded px-1.5 py-1 text-xs font-semibold text-slate-600 hover:bg-slate-100"
                    aria-pressed={participant.isTeam}
                    aria-label={`Mark ${participant.displayName} as team`}
                    onClick={() => void run(() => participantCommands.setTeam(store, participant.id, !participant.isTeam))}
                  >
                    Team
                  </button>
                  <button type="button" className="rounded px-1.5 py-1 text-xs font-semibold text-red-700 hover:bg-red-50" aria-label={`Remove ${participant.displayName}`} onClick={() => remove(participant)}>
                    Remove
                  </button>
                </span>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
    </Panel>
  );
}
