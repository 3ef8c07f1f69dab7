'use client';

import type { IntroState, ParticipantView, PublicParticipant } from '@/lib/protocol';
import { Button } from '../ui/button';
import { ErrorMessage, Panel } from '../ui/panel';
import type { CallStore } from '../client/call-store';
import * as participantCommands from '../client/participants.commands';
import { useCommand } from '../client/use-command';

/** The intro round: who speaks now and next for everyone; running it for the host; skip or later for oneself. */
export function IntroRound({
  store,
  intro,
  participants,
  isHost,
  me,
}: {
  store: CallStore;
  intro: IntroState | null;
  participants: ParticipantView[];
  isHost: boolean;
  me: PublicParticipant | null;
}) {
  const { run, error, isBusy } = useCommand();
  const names = new Map(participants.map((participant) => [participant.id, participant.displayName]));
  const nameOf = (id: string) => names.get(id) ?? (participants.length > 0 ? 'Someone who left' : '…');
  const isRunning = intro?.status === 'running';
  if (!isRunning && !isHost) return null;

  const current = isRunning ? intro.order[intro.currentIndex] : undefined;
  const waiting = isRunning ? intro.order.slice(intro.currentIndex + 1) : [];
  const isMeWaiting = Boolean(me && (current === me.id || waiting.includes(me.id)));

  function move(index: number, offset: number) {
    const order = [...waiting];
    const [moved] = order.splice(index, 1);
    order.splice(index + offset, 0, moved!);
    void run(() => participantCommands.reorderIntro(store, order));
  }

  return (
    <Panel title="Intro round">
      <div aria-live="polite">
        {current ? (
          <p className="text-lg" data-testid="intro-current">
            Now introducing: <strong>{nameOf(current)}</strong>
            {current === me?.id ? <span className="ml-1 text-sm font-semibold text-indigo-700">— that’s you!</span> : null}
          </p>
        ) : (
          <p className="text-sm text-slate-600">{intro?.status === 'done' ? 'The intro round is over.' : 'Everyone introduces themselves and shares what brings them here.'}</p>
        )}
        {waiting[0] ? (
          <p className="mt-1 text-sm text-slate-600" data-testid="intro-next">
            Up next: {nameOf(waiting[0])}
          </p>
        ) : null}
      </div>
      {isRunning && waiting.length > 0 ? (
        <ol className="mt-3 space-y-1 text-sm" aria-label="Waiting to speak">
          {waiting.map((id, index) => (
            <li key={id} className="flex items-center gap-2">
              <span className="w-5 text-right text-slate-500">{index + 1}.</span>
              <span className="flex-1">{nameOf(id)}</span>
              {isHost ? (
                <>
                  <button type="button" className="rounded px-1.5 text-xs disabled:opacity-30" disabled={index === 0 || isBusy} onClick={() => move(index, -1)} aria-label={`Move ${nameOf(id)} earlier`}>
                    ↑
                  </button>
                  <button type="button" className="rounded px-1.5 text-xs disabled:opacity-30" disabled={index === waiting.length - 1 || isBusy} onClick={() => move(index, 1)} aria-label={`Move ${nameOf(id)} later`}>
                    ↓
                  </button>
                </>
              ) : null}
            </li>
          ))}
        </ol>
      ) : null}
      <div className="mt-3 flex flex-wrap gap-2">
        {isHost && !isRunning ? (
          <>
            <Button disabled={isBusy} onClick={() => void run(() => participantCommands.startIntro(store, 'checkIn'))}>
              Start intro round
            </Button>
            <Button variant="secondary" disabled={isBusy} onClick={() => void run(() => participantCommands.startIntro(store, 'shuffle'))}>
              Start shuffled
            </Button>
          </>
        ) : null}
        {isHost && isRunning ? (
          <>
            <Button disabled={isBusy} onClick={() => void run(() => participantCommands.nextSpeaker(store))}>
              Next speaker
            </Button>
            <Button variant="ghost" disabled={isBusy} onClick={() => void run(() => participantCommands.endIntro(store))}>
              End intro round
            </Button>
          </>
        ) : null}
        {isMeWaiting ? (
          <>
            <Button variant="secondary" disabled={isBusy} onClick={() => void run(() => participantCommands.introduceLater(store))}>
              Later, please
            </Button>
            <Button variant="ghost" disabled={isBusy} onClick={() => void run(() => participantCommands.skipIntro(store))}>
              Skip me
            </Button>
          </>
        ) : null}
      </div>
      <ErrorMessage message={error} />
    </Panel>
  );
}
