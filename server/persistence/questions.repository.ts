import { QUESTION_STATES, type PublicQuestion, type QuestionState } from '@/lib/protocol';
import { PUBLIC_STATES } from '@/lib/questions';
import { decideVotes, type VoteOutcome, type VotePair, type VoteRequest } from '../domain/votes';
import type { Notice } from '../domain/decision';
import { chunksOf } from '@/lib/chunks';
import { SignalSchedule } from '../domain/vote-integrity';
import { updateVoteSignals, type SignalBatch } from './vote-integrity.repository';
import { recount } from './vote-counts';
import { chunksOfIds, type Database, type Transaction } from './database';
import { Prisma } from './generated/sqlite/client';

const fields = {
  id: true,
  text: true,
  authorName: true,
  isAnonymous: true,
  itemId: true,
  state: true,
  answer: true,
  answeredBy: true,
  voteCount: true,
  createdAt: true,
} as const;

type QuestionRow = Omit<PublicQuestion, 'state' | 'createdAt'> & { state: string; createdAt: Date };

function parseState(state: string): QuestionState {
  const known = QUESTION_STATES.find((candidate) => candidate === state);
  if (!known) throw new Error(`Unknown question state in database: ${state}`);
  return known;
}

/** Never reveals the name behind an anonymous question. */
function toPublic(row: QuestionRow): PublicQuestion {
  return { ...row, authorName: row.isAnonymous ? '' : row.authorName, state: parseState(row.state), createdAt: row.createdAt.toISOString() };
}

export async function insertQuestion(
  transaction: Transaction,
  question: {
    id: string;
    callId: string;
    authorId: string;
    authorName: string;
    isAnonymous: boolean;
    itemId: string | null;
    text: string;
    state: QuestionState;
    createdAt: Date;
  },
): Promise<void> {
  await transaction.question.create({ data: question, select: { id: true } });
}

/** A question with its author's participant id (null once the author was deleted), which never leaves the server. */
export async function findQuestion(database: Database, callId: string, questionId: string): Promise<{ question: PublicQuestion; authorId: string | null } | null> {
  const row = await database.question.findFirst({ where: { id: questionId, callId, mergedIntoId: null }, select: { ...fields, authorId: true } });
  if (!row) return null;
  const { authorId, ...question } = row;
  return { question: toPublic(question), authorId };
}

export async function findPinnedQuestion(database: Database, callId: string): Promise<PublicQuestion | null> {
  const row = await database.question.findFirst({ where: { callId, state: 'answering' }, select: fields });
  return row ? toPublic(row) : null;
}

export async function saveQuestions(transaction: Transaction, questions: PublicQuestion[]): Promise<void> {
  for (const { id, state, text, answer, answeredBy } of questions) {
    await transaction.question.update({ where: { id }, data: { state, text, answer, answeredBy } });
  }
}

/** The call's questions; `authorIds` keeps those asked by these participants. */
export async function listQuestions(database: Database, callId: string, options: { includeHidden: boolean; authorIds?: string[] }): Promise<PublicQuestion[]> {
  const rows = await database.question.findMany({
    where: {
      callId,
      mergedIntoId: null,
      ...(options.includeHidden ? {} : { state: { in: [...PUBLIC_STATES] } }),
      ...(options.authorIds ? { authorId: { in: options.authorIds } } : {}),
    },
    orderBy: { createdAt: 'asc' },
    select: fields,
  });
  return rows.map(toPublic);
}

export type OwnActivity = { myVotes: string[]; myQuestions: string[] };

/**
 * Each named participant's votes and questions in the call, read together for a batch of joins. The votes come
 * as one row per participant with their question ids joined: when 5,000 attendees rejoin a call after a long Q&A,
 * a row per vote (200,000 of them) took Prisma 2 s in the bench, holding every rejoin; this takes a quarter of it.
 * `string_agg` is in both PostgreSQL and SQLite (3.44 on), and question ids (`createId`, base64url) never contain a comma.
 */
export async function listOwnActivity(database: Database, callId: string, participantIds: string[]): Promise<Map<string, OwnActivity>> {
  const activity = new Map(participantIds.map((id): [string, OwnActivity] => [id, { myVotes: [], myQuestions: [] }]));
  for (const ids of chunksOfIds(participantIds)) {
    const [votes, questions] = await Promise.all([
      database.$queryRaw<{ participantId: string; questionIds: string }[]>`
        SELECT v."participantId" AS "participantId", string_agg(v."questionId", ',') AS "questionIds"
        FROM "Vote" v JOIN "Question" q ON q."id" = v."questionId"
        WHERE q."callId" = ${callId} AND v."participantId" IN (${Prisma.join(ids)})
        GROUP BY v."participantId"`,
      database.question.findMany({ where: { callId, authorId: { in: ids } }, select: { id: true, authorId: true } }),
    ]);
    for (const { participantId, questionIds } of votes) activity.get(participantId)?.myVotes.push(...questionIds.split(','));
    for (const question of questions) if (question.authorId) activity.get(question.authorId)?.myQuestions.push(question.id);
  }
  return activity;
}

/**
 * Takes the questions' row locks (in id order, so two writers cannot deadlock) before votes are read or
 * written: on PostgreSQL another node's batch for the same questions then waits until this one commits, and
 * the counts read afterwards include its votes. SQLite runs one write transaction at a time anyway.
 */
async function lockQuestions(transaction: Transaction, questionIds: string[]): Promise<void> {
  for (const id of [...questionIds].sort()) {
    await transaction.question.updateMany({ where: { id }, data: { voteCount: { increment: 0 } } });
  }
}

/** Moves the source's votes to the target (a voter of both counts once) and hides the source. */
export async function mergeQuestion(transaction: Transaction, sourceId: string, targetId: string): Promise<number> {
  await lockQuestions(transaction, [sourceId, targetId]);
  const [sourceVoters, targetVoters] = await Promise.all(
    [sourceId, targetId].map((questionId) => transaction.vote.findMany({ where: { questionId }, select: { participantId: true } })),
  );
  const already = new Set(targetVoters!.map((vote) => vote.participantId));
  const moving = sourceVoters!.filter((vote) => !already.has(vote.participantId));
  if (moving.length > 0) await transaction.vote.createMany({ data: moving.map(({ participantId }) => ({ questionId: targetId, participantId })) });
  await transaction.vote.deleteMany({ where: { questionId: sourceId } });
  await transaction.question.update({ where: { id: sourceId }, data: { state: 'dismissed', mergedIntoId: targetId, voteCount: 0 } });
  return (await recount(transaction, [targetId])).get(targetId) ?? 0;
}


/**
 * Whether votes are checked against the call's vote rule and watched for bursts (on, except in the bench's
 * comparison), and when each question's burst signal is due on this node.
 */
export type VoteChecks = { isEnabled: boolean; signals: SignalSchedule };

/**
 * Applies a tick's worth of votes in one transaction: reads what `decideVotes` needs, writes what it returns.
 * The primary key (question, participant) makes a vote count once whatever the clients send.
 */
export async function applyVoteBatch(
  database: Database,
  callId: string,
  requests: VoteRequest[],
  checks: VoteChecks = { isEnabled: true, signals: new SignalSchedule() },
): Promise<{ outcomes: VoteOutcome[]; notices: Notice[] }> {
  const isChecked = checks.isEnabled;
  return database.$transaction(async (transaction) => {
    const questionIds = [...new Set(requests.map((request) => request.questionId))];
    const participantIds = [...new Set(requests.map((request) => request.participantId))];
    await lockQuestions(transaction, questionIds);
    const questions = await transaction.question.findMany({ where: { callId, id: { in: questionIds }, mergedIntoId: null }, select: { id: true, state: true, voteSignal: true } });
    const existingVotes = await transaction.vote.findMany({
      where: { questionId: { in: questionIds }, participantId: { in: participantIds } },
      select: { questionId: true, participantId: true },
    });
    // Checked here, once per batch, rather than once per vote: a removed participant's votes are refused.
    const active = await transaction.participant.findMany({ where: { callId, id: { in: participantIds }, removedAt: null }, select: { id: true, checkedInAt: true, joinBucket: true } });
    const call = !isChecked ? null : await transaction.call.findUnique({ where: { id: callId }, select: { qaVotersBeforeOpen: true, qaOpenedAt: true, qaHoldVoteBursts: true, qaScribesModerate: true } });
    const { outcomes, toCreate, toDelete, notices } = decideVotes(
      {
        questionStates: new Map(questions.map((question) => [question.id, parseState(question.state)])),
        existingVotes,
        activeParticipantIds: new Set(active.map((participant) => participant.id)),
        rule: call ? { votersBeforeQa: call.qaVotersBeforeOpen, qaOpenedAt: call.qaOpenedAt } : undefined,
        checkedInAt: new Map(active.map((participant) => [participant.id, participant.checkedInAt])),
      },
      requests,
    );
    const votedAt = new Date();
    if (toCreate.length > 0) await insertVotes(transaction, toCreate, votedAt);
    // One statement per question rather than per unvote: a retracting storm cost a query each.
    for (const [questionId, voterIds] of byQuestion(toDelete, (vote) => vote.participantId)) {
      for (const chunk of chunksOfIds(voterIds)) await transaction.vote.deleteMany({ where: { questionId, participantId: { in: chunk } } });
    }
    const touched = notices.flatMap((notice) => (notice.type === 'tally.changed' ? [notice.questionId] : []));
    const counts = touched.length > 0 ? await recount(transaction, touched) : new Map<string, number>();
    const signals = isChecked && toCreate.length > 0 ? await updateVoteSignals(transaction, signalBatch(questions, active, toCreate, votedAt), call?.qaHoldVoteBursts ?? false, votedAt, checks.signals) : [];
    // The first accepted vote of a question to hold carries the hold out to the handler, which moderates it.
    const toHold = new Set(signals.filter((change) => change.isHeld).map((change) => change.questionId));
    return {
      outcomes: outcomes.map((outcome, index): VoteOutcome => {
        if (!outcome.ok) return outcome;
        const { questionId } = requests[index]!;
        const holdsQuestion = toHold.delete(questionId);
        return { ok: true, voteCount: counts.get(questionId) ?? 0, ...(holdsQuestion ? { holdsQuestion } : {}) };
      }),
      notices: [...notices, ...signals.map(({ questionId, signal }): Notice => ({ type: 'question.signal', questionId, signal, scribesModerate: call?.qaScribesModerate ?? false }))],
    };
  });
}

/** What the burst signal needs from a vote batch: its questions as read, and the votes it created with their voters. */
function signalBatch(
  questions: { id: string; state: string; voteSignal: string }[],
  voters: { id: string; checkedInAt: Date; joinBucket: string }[],
  created: readonly VotePair[],
  votedAt: Date,
): SignalBatch {
  const byId = new Map(voters.map((voter) => [voter.id, voter]));
  return {
    questions: new Map(questions.map((question) => [question.id, question])),
    newVotes: byQuestion(created, ({ participantId }) => {
      const { checkedInAt, joinBucket } = byId.get(participantId)!;
      return { votedAt, checkedInAt, joinBucket };
    }),
  };
}

/** Three parameters a row, within the 999 bound parameters SQLite may be built to allow. */
const VOTES_PER_INSERT = 300;

/**
 * One multi-row INSERT per chunk. Prisma's createMany took about 70 µs a row (a batch of 300 votes held the
 * writer for 20–40 ms); the same rows as one statement take a few. The time is written as Prisma writes it.
 */
async function insertVotes(transaction: Transaction, votes: { questionId: string; participantId: string }[], createdAt: Date): Promise<void> {
  for (const chunk of chunksOf(votes, VOTES_PER_INSERT)) {
    const rows = chunk.map(({ questionId, participantId }) => Prisma.sql`(${questionId}, ${participantId}, ${createdAt})`);
    await transaction.$executeRaw`INSERT INTO "Vote" ("questionId", "participantId", "createdAt") VALUES ${Prisma.join(rows)}`;
  }
}

/** What `valueOf` gives for each vote, grouped by the vote's question. */
function byQuestion<Value>(votes: readonly VotePair[], valueOf: (vote: VotePair) => Value): Map<string, Value[]> {
  const groups = new Map<string, Value[]>();
  for (const vote of votes) {
    const values = groups.get(vote.questionId);
    if (values) values.push(valueOf(vote));
    else groups.set(vote.questionId, [valueOf(vote)]);
  }
  return groups;
}

export async function readVoteCounts(database: Database, callId: string, questionIds: string[]): Promise<Record<string, number>> {
  const rows = await database.question.findMany({ where: { callId, id: { in: questionIds } }, select: { id: true, voteCount: true } });
  return Object.fromEntries(rows.map((row) => [row.id, row.voteCount]));
}
