'use client';

import { REACTION_NAMES } from '@/lib/polls';
import { REACTIONS, type PublicCall, type PublicParticipant } from '@/lib/protocol';
import type { CallStore } from '../client/call-store';
import * as polls from '../client/polls.commands';
import { useCommand } from '../client/use-command';

/** Checked-in participants react while the call is live; a refusal (too fast) is said politely, not as an alert. */
export function ReactionBar({ store, call, me }: { store: CallStore; call: PublicCall; me: PublicParticipant | null }) {
  const { error, run } = useCommand();
  if (call.status !== 'live') return null;
  if (!me) return <p className="mt-3 text-sm text-slate-500">Check in to send reactions.</p>;
  return (
    <div className="mt-3">
      <div role="group" aria-label="Reactions" className="grid max-w-sm grid-cols-7 gap-1 sm:gap-1.5">
        {REACTIONS.map((emoji) => (
          <button
            key={emoji}
            type="button"
            aria-label={`React with ${REACTION_NAMES[emoji]}`}
            title={REACTION_NAMES[emoji]}
            className="grid aspect-square min-h-10 w-full place-items-center max-md:min-h-11 rounded-full bg-slate-50 text-xl ring-1 ring-slate-200 transition hover:bg-indigo-50 hover:ring-indigo-300 active:scale-95 motion-reduce:transition-none"
            onClick={() => void run(() => polls.react(store, emoji))}
          >
            <span aria-hidden="true">{emoji}</span>
          </button>
        ))}
      </div>
      <p role="status" className="mt-1 text-xs text-amber-800">
        {error}
      </p>
    </div>
  );
}
