import { CommandError, type IntroState } from '@/lib/protocol';
import type { Decision } from './decision';
import { isWaitingToSpeak } from './intro';

/**
 * The participant a command is about: the one it names, else the actor. Who may name someone else is
 * decided by `can` (only the host).
 */
export function targetOf(named: string | undefined, actorId: string | undefined): string {
  const target = named ?? actorId;
  if (!target) throw new CommandError('not_checked_in', 'Check in first.');
  return target;
}

export type ParticipantFlags = { isTeam?: boolean; handRaisedAt?: Date | null; removedAt?: Date; isBlocked?: boolean };

/** A raised hand keeps when it went up, which orders the queue of hands. */
export function decideHand(isRaised: boolean, now: () => Date): ParticipantFlags {
  return { handRaisedAt: isRaised ? now() : null };
}

export type Removal = {
  flags: ParticipantFlags;
  /** What the removed participant's sockets are told. */
  message: string;
  /** Whether their sockets are also dropped from the call (a block), not only their check-in. */
  isBlocked: boolean;
  /** Whether they must leave the running intro round, where they were still to speak. */
  leavesIntro: boolean;
};

/** The host removes a participant's check-in, or blocks them from the call; never themselves. */
export function decideRemoval(actorId: string | undefined, targetId: string, block: boolean, intro: IntroState | null, now: Date): Removal {
  if (targetId === actorId) throw new CommandError('invalid_state', 'You cannot remove yourself.');
  return {
    flags: { removedAt: now, isBlocked: block, handRaisedAt: null },
    message: block ? 'The host removed you from this call; your votes were withdrawn.' : 'The host removed your check-in and withdrew your votes. You can check in again.',
    isBlocked: block,
    leavesIntro: isWaitingToSpeak(intro, targetId),
  };
}

/** The intro round changed: everyone hears. */
export function introDecision(intro: IntroState | null): Decision {
  return { events: [{ type: 'intro.updated', intro }], notices: [] };
}
