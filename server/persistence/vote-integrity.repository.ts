import { z } from 'zod';
import { MAX_VOTERS_REVIEWED, type VoteSignal } from '@/lib/protocol';
import { DEFAULT_SIGNAL_OPTIONS, detectVoteBurst, shouldHoldForReview, SIGNAL_SAMPLE_VOTES, type RecentVote, type SignalSchedule, type Voter } from '../domain/vote-integrity';
import type { Database, Transaction } from './database';
import { recount } from './vote-counts';

const signalSchema = z.object({ votes: z.number(), seconds: z.number(), fromNewParticipants: z.number(), fromSharedAddress: z.number() });

function parseSignal(stored: string): VoteSignal | null {
  return stored ? signalSchema.parse(JSON.parse(stored)) : null;
}

export type SignalChange = { questionId: string; signal: VoteSignal; isHeld: boolean };

/** What a vote batch already read and wrote: its questions' state and stored signal, and the votes it created per question. */
export type SignalBatch = {
  questions: ReadonlyMap<string, { state: string; voteSignal: string }>;
  newVotes: ReadonlyMap<string, readonly RecentVote[]>;
};

/**
 * Recomputes the signal of the questions the batch created votes for (those `schedule` says are due), from each
 * one's newest votes within the signal's window, and stores it when it is new or larger. Under a storm the batch's
 * own votes fill the sample, and nothing is read; otherwise the newest votes are read. `isHeld`: the host holds
 * bursts and the question was open without a signal.
 */
export async function updateVoteSignals(transaction: Transaction, batch: SignalBatch, holdsBursts: boolean, now: Date, schedule: SignalSchedule): Promise<SignalChange[]> {
  const since = new Date(now.getTime() - DEFAULT_SIGNAL_OPTIONS.windowSeconds * 1000);
  const changes: SignalChange[] = [];
  for (const questionId of schedule.due([...batch.newVotes.keys()], now.getTime())) {
    const fromBatch = batch.newVotes.get(questionId)!;
    const recent = fromBatch.length >= SIGNAL_SAMPLE_VOTES ? fromBatch.slice(-SIGNAL_SAMPLE_VOTES) : await readRecentVotes(transaction, questionId, since);
    schedule.checked(questionId, now.getTime(), recent.length >= SIGNAL_SAMPLE_VOTES);
    const signal = detectVoteBurst(recent);
    const question = batch.questions.get(questionId);
    if (!signal || !question) continue;
    const before = parseSignal(question.voteSignal);
    if (before && signal.votes <= before.votes) continue;
    await transaction.question.update({ where: { id: questionId }, data: { voteSignal: JSON.stringify(signal) } });
    changes.push({ questionId, signal, isHeld: shouldHoldForReview(holdsBursts, question.state, before, signal) });
  }
  return changes;
}

async function readRecentVotes(transaction: Transaction, questionId: string, since: Date): Promise<RecentVote[]> {
  const rows = await transaction.vote.findMany({
    where: { questionId, createdAt: { gte: since } },
    orderBy: { createdAt: 'desc' },
    take: SIGNAL_SAMPLE_VOTES,
    select: { createdAt: true, participant: { select: { checkedInAt: true, joinBucket: true } } },
  });
  return rows.map((vote) => ({ votedAt: vote.createdAt, checkedInAt: vote.participant.checkedInAt, joinBucket: vote.participant.joinBucket }));
}

/** The signal of every question of the call that has one, for a moderator's snapshot. */
export async function listVoteSignals(database: Database, callId: string): Promise<Record<string, VoteSignal>> {
  const rows = await database.question.findMany({ where: { callId, voteSignal: { not: '' } }, select: { id: true, voteSignal: true } });
  return Object.fromEntries(rows.flatMap((row) => {
    const signal = parseSignal(row.voteSignal);
    return signal ? [[row.id, signal] as const] : [];
  }));
}

/**
 * Who voted for a question (checked in or not), with how they joined: the most recent `MAX_VOTERS_REVIEWED`, and
 * how many there are. Null when the call has no such question.
 */
export async function listVoters(database: Database, callId: string, questionId: string): Promise<{ voters: Voter[]; total: number } | null> {
  const question = await database.question.findFirst({ where: { id: questionId, callId }, select: { id: true } });
  if (!question) return null;
  const total = await database.vote.count({ where: { questionId } });
  const votes = await database.vote.findMany({
    where: { questionId },
    orderBy: { createdAt: 'desc' },
    take: MAX_VOTERS_REVIEWED,
    select: { participant: { select: { id: true, displayName: true, joinBucket: true, checkedInAt: true } } },
  });
  const voters = votes.map(({ participant }) => ({ participantId: participant.id, displayName: participant.displayName, joinBucket: participant.joinBucket, checkedInAt: participant.checkedInAt }));
  return { voters, total };
}

/**
 * Removes participants' check-ins (and blocks them, when asked) with their votes, and recounts every question whose
 * votes changed, in the caller's transaction: the tallies never show a half removal. Returns the recounted questions.
 */
export async function removeParticipantsWithVotes(
  transaction: Transaction,
  callId: string,
  participantIds: string[],
  options: { block: boolean; now: Date },
): Promise<{ removedIds: string[]; recountedIds: string[] }> {
  const found = await transaction.participant.findMany({ where: { callId, id: { in: participantIds } }, select: { id: true } });
  const removedIds = found.map((participant) => participant.id);
  if (removedIds.length === 0) return { removedIds, recountedIds: [] };
  const votes = await transaction.vote.findMany({ where: { participantId: { in: removedIds } }, select: { questionId: true } });
  await transaction.vote.deleteMany({ where: { participantId: { in: removedIds } } });
  await transaction.participant.updateMany({
    where: { id: { in: removedIds } },
    data: { removedAt: options.now, handRaisedAt: null, ...(options.block ? { isBlocked: true } : {}) },
  });
  const recountedIds = [...new Set(votes.map((vote) => vote.questionId))];
  if (recountedIds.length > 0) await recount(transaction, recountedIds);
  return { removedIds, recountedIds };
}
