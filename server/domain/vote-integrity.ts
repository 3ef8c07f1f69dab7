import { createHmac } from 'node:crypto';
import { CommandError, type PublicQuestion, type VoteSignal, type VoterGroup } from '@/lib/protocol';
import type { Decision, Notice } from './decision';
import { publishQuestionChanges } from './questions';

/** How many participants one address may create in one call within the window (a browser keeps its own). */
export type IdentityLimit = { perAddress: number; windowMinutes: number };
export const DEFAULT_IDENTITY_LIMIT: IdentityLimit = { perAddress: 10, windowMinutes: 10 };

/**
 * The bucket a participant joined from: a keyed hash of the call and the client address, so the address is never
 * stored or sent, and the same address gives unrelated buckets in two calls.
 */
export function joinBucketOf(secret: string, callId: string, address: string): string {
  return createHmac('sha256', secret).update(`${callId}\n${address}`).digest('base64url').slice(0, 16);
}

/** The start of the window whose check-ins from one address count against the limit. */
export function identityWindowStart(limit: IdentityLimit, now: Date): Date {
  return new Date(now.getTime() - limit.windowMinutes * 60_000);
}

/** A new check-in is refused once the address created `perAddress` participants in the window. */
export function checkFreshIdentity(createdInWindow: number, limit: IdentityLimit): void {
  if (createdInWindow < limit.perAddress) return;
  throw new CommandError(
    'rate_limited',
    `Too many people checked in from your network in the last ${limit.windowMinutes} minutes. If you checked in before, use that browser; otherwise wait a few minutes or ask the host.`,
  );
}

export type VoterStanding = { checkedInAt: Date };
/** The call's vote rule: when the Q&A opened, and whether only those who checked in before may vote. */
export type VoteRule = { votersBeforeQa: boolean; qaOpenedAt: Date | null };

/** Null when the participant's vote counts; else why not. Presence and check-in are decided with the batch. */
export function voteRefusal(voter: VoterStanding, rule: VoteRule): string | null {
  if (!rule.votersBeforeQa || !rule.qaOpenedAt) return null;
  if (voter.checkedInAt.getTime() <= rule.qaOpenedAt.getTime()) return null;
  return 'Only participants who checked in before the Q&A opened may vote in this call.';
}

export type SignalOptions = {
  /** Votes are looked at within this window before the newest. */
  windowSeconds: number;
  /** A voter who checked in at most this long before voting is new. */
  newVoterSeconds: number;
  /** Votes from one join bucket that make it shared. */
  sharedBucketVotes: number;
  /** Suspicious votes in the window that raise the signal. */
  minimumVotes: number;
};
export const DEFAULT_SIGNAL_OPTIONS: SignalOptions = { windowSeconds: 30, newVoterSeconds: 60, sharedBucketVotes: 3, minimumVotes: 8 };

export type RecentVote = { votedAt: Date; checkedInAt: Date; joinBucket: string };

/** The newest votes of a question its signal is computed from: enough to see a burst, bounded under a storm. */
export const SIGNAL_SAMPLE_VOTES = 50;
/** How long a question whose sample was full (a storm) waits on this node before its signal is computed again. */
export const SATURATED_RECHECK_MS = 5_000;

/**
 * When a question's signal is computed again. A question with fewer than a full sample of recent votes is looked
 * at with every batch of votes (cheap, and a burst shows at once); one whose sample was full is looked at again
 * only after `SATURATED_RECHECK_MS`, so a vote storm costs one look per question every five seconds (and no read:
 * a batch that fills the sample by itself is the sample).
 */
export class SignalSchedule {
  readonly #nextAt = new Map<string, number>();

  constructor(private readonly recheckMs = SATURATED_RECHECK_MS) {}

  due(questionIds: readonly string[], now: number): string[] {
    return questionIds.filter((id) => (this.#nextAt.get(id) ?? 0) <= now);
  }

  checked(questionId: string, now: number, sampleWasFull: boolean): void {
    if (sampleWasFull) this.#nextAt.set(questionId, now + this.recheckMs);
    else this.#nextAt.delete(questionId);
  }
}

/**
 * The suspicious-activity signal of one question: within the window before its newest vote, the votes from
 * participants who checked in seconds before voting, or who share a join bucket with others. Null below the bar.
 */
export function detectVoteBurst(votes: readonly RecentVote[], options: SignalOptions = DEFAULT_SIGNAL_OPTIONS): VoteSignal | null {
  if (votes.length < options.minimumVotes) return null;
  // A loop, not Math.max(...): a storm's window can hold more votes than a call's arguments may.
  const newest = votes.reduce((latest, vote) => Math.max(latest, vote.votedAt.getTime()), 0);
  const recent = votes.filter((vote) => vote.votedAt.getTime() >= newest - options.windowSeconds * 1000);
  const perBucket = new Map<string, number>();
  for (const vote of recent) if (vote.joinBucket) perBucket.set(vote.joinBucket, (perBucket.get(vote.joinBucket) ?? 0) + 1);
  let fromNewParticipants = 0;
  let fromSharedAddress = 0;
  let earliest = newest;
  for (const vote of recent) {
    const isNew = vote.votedAt.getTime() - vote.checkedInAt.getTime() <= options.newVoterSeconds * 1000;
    const isShared = (perBucket.get(vote.joinBucket) ?? 0) >= options.sharedBucketVotes;
    if (isNew) fromNewParticipants += 1;
    if (isShared) fromSharedAddress += 1;
    if (isNew || isShared) earliest = Math.min(earliest, vote.votedAt.getTime());
  }
  const votesInBurst = recent.filter((vote) => vote.votedAt.getTime() >= earliest).length;
  if (Math.max(fromNewParticipants, fromSharedAddress) < options.minimumVotes) return null;
  return { votes: votesInBurst, seconds: Math.max(1, Math.ceil((newest - earliest) / 1000)), fromNewParticipants, fromSharedAddress };
}

/** Whether a new signal should hold an open question for review (the host's setting; only once, while open). */
export function shouldHoldForReview(holdBursts: boolean, state: string, before: VoteSignal | null, after: VoteSignal | null): boolean {
  return holdBursts && state === 'open' && before === null && after !== null;
}

export type Voter = { participantId: string; displayName: string; joinBucket: string; checkedInAt: Date };

/**
 * A question's voters grouped by how they joined: one group per join bucket and check-in burst (check-ins at most
 * `burstSeconds` apart). Largest groups first; the bucket itself never leaves the server.
 */
export function groupVoters(voters: readonly Voter[], burstSeconds = 60): VoterGroup[] {
  const byBucket = new Map<string, Voter[]>();
  for (const voter of voters) byBucket.set(voter.joinBucket, [...(byBucket.get(voter.joinBucket) ?? []), voter]);
  const groups: VoterGroup[] = [];
  for (const members of byBucket.values()) {
    const sorted = [...members].sort((a, b) => a.checkedInAt.getTime() - b.checkedInAt.getTime());
    let current: Voter[] = [];
    const close = () => {
      if (current.length === 0) return;
      groups.push({
        sharedAddress: members.length > 1,
        firstCheckIn: current[0]!.checkedInAt.toISOString(),
        lastCheckIn: current.at(-1)!.checkedInAt.toISOString(),
        participants: current.map(({ participantId, displayName }) => ({ id: participantId, displayName })),
        votes: current.length,
      });
      current = [];
    };
    for (const voter of sorted) {
      const previous = current.at(-1);
      if (previous && voter.checkedInAt.getTime() - previous.checkedInAt.getTime() > burstSeconds * 1000) close();
      current.push(voter);
    }
    close();
  }
  return groups.sort((a, b) => b.votes - a.votes || a.firstCheckIn.localeCompare(b.firstCheckIn));
}

/**
 * Removing a group of participants: never the moderator themselves. Their questions are dismissed and published like
 * any dismissal; their votes are withdrawn and the tallies recounted where it is stored.
 */
export function decideGroupRemoval(actorId: string | undefined, participantIds: readonly string[], authored: readonly PublicQuestion[]): Decision & { dismissed: PublicQuestion[] } {
  if (actorId && participantIds.includes(actorId)) throw new CommandError('invalid_state', 'You cannot remove yourself; leave yourself out of the group.');
  const before = authored.filter((question) => question.state !== 'dismissed');
  const dismissed = before.map((question) => ({ ...question, state: 'dismissed' as const }));
  const { events, notices } = publishQuestionChanges(before, dismissed, null);
  return { dismissed, events, notices: [...notices, ...participantIds.map((participantId): Notice => ({ type: 'participant.changed', participantId }))] };
}

/** A question whose votes came in a burst waits for review, if it is still open. */
export function decideHold(question: PublicQuestion, authorId: string | null): Decision & { changed: PublicQuestion[] } {
  if (question.state !== 'open') return { changed: [], events: [], notices: [] };
  const changed = [{ ...question, state: 'pending' as const }];
  return { changed, ...publishQuestionChanges([question], changed, authorId) };
}
