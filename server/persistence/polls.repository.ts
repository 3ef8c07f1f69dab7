import { POLL_KINDS, type PollAnswer, type PollOption, type PollResults, type PublicPoll, type Reaction } from '@/lib/protocol';
import { copyPollsAsDrafts, decideAnswers, matchCopiedItems, tallyPoll, type AnswerGroup, type AnswerOutcome, type AnswerRequest, type StoredAnswer } from '../domain/polls';
import type { Notice } from '../domain/decision';
import { createId } from '../domain/secrets';
import { chunksOfIds, type Database, type Transaction } from './database';

/** The columns of a poll that make up its state (the series export reads them without the id). */
export const pollStateFields = {
  question: true,
  kind: true,
  options: true,
  maxChoices: true,
  itemId: true,
  showResults: true,
  isNamed: true,
  status: true,
  openedAt: true,
  createdAt: true,
} as const;
const pollFields = { id: true, ...pollStateFields } as const;

type PollRow = {
  id: string;
  question: string;
  kind: string;
  options: string;
  maxChoices: number | null;
  itemId: string | null;
  showResults: string;
  isNamed: boolean;
  status: string;
  openedAt: Date | null;
  createdAt: Date;
};

function oneOf<Value extends string>(values: readonly Value[], value: string, what: string): Value {
  const known = values.find((candidate) => candidate === value);
  if (!known) throw new Error(`Unknown poll ${what} in database: ${value}`);
  return known;
}

function toPublic(row: PollRow): PublicPoll {
  return {
    ...row,
    kind: oneOf(POLL_KINDS, row.kind, 'kind'),
    options: JSON.parse(row.options) as PollOption[],
    showResults: oneOf(['live', 'closed'] as const, row.showResults, 'results setting'),
    status: oneOf(['draft', 'open', 'closed'] as const, row.status, 'status'),
    openedAt: row.openedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}

export async function insertPoll(transaction: Transaction, callId: string, poll: PublicPoll): Promise<void> {
  const { options, openedAt, createdAt, ...rest } = poll;
  await transaction.poll.create({
    data: { ...rest, callId, options: JSON.stringify(options), openedAt: openedAt ? new Date(openedAt) : null, createdAt: new Date(createdAt) },
    select: { id: true },
  });
}

export async function findPoll(database: Database, callId: string, pollId: string): Promise<PublicPoll | null> {
  const row = await database.poll.findFirst({ where: { id: pollId, callId }, select: pollFields });
  return row ? toPublic(row) : null;
}

/** The call's polls in the order they were created; drafts only when asked for. */
export async function listPolls(database: Database | Transaction, callId: string, options: { includeDrafts: boolean }): Promise<PublicPoll[]> {
  const rows = await database.poll.findMany({
    where: { callId, ...(options.includeDrafts ? {} : { status: { not: 'draft' } }) },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    select: pollFields,
  });
  return rows.map(toPublic);
}

export async function savePollStatus(transaction: Transaction, poll: PublicPoll): Promise<void> {
  await transaction.poll.update({ where: { id: poll.id }, data: { status: poll.status, openedAt: poll.openedAt ? new Date(poll.openedAt) : null } });
}

export async function deletePoll(transaction: Transaction, pollId: string): Promise<void> {
  await transaction.poll.delete({ where: { id: pollId } });
}

function answerOf(row: { optionIds: string | null; rating: number | null; text: string | null }): PollAnswer {
  if (row.optionIds !== null) return { optionIds: JSON.parse(row.optionIds) as string[] };
  if (row.rating !== null) return { rating: row.rating };
  return { text: row.text ?? '' };
}

const columnsOf = (answer: PollAnswer) => ({
  optionIds: 'optionIds' in answer ? JSON.stringify(answer.optionIds) : null,
  rating: 'rating' in answer ? answer.rating : null,
  text: 'text' in answer ? answer.text : null,
});

/**
 * Applies a tick's worth of answers in one transaction: reads what `decideAnswers` needs, writes what it returns.
 * New answers are inserted with one statement (an upsert each cost about a millisecond of the event loop, half a
 * core while 5,000 attendees answer within ten seconds); changed answers are updated one by one. The unique
 * (poll, participant) pair keeps one answer per participant: when another node inserted one after this batch
 * read, the insert fails and the batch runs again, now updating it.
 */
export async function applyAnswerBatch(
  database: Database,
  callId: string,
  requests: AnswerRequest[],
): Promise<{ outcomes: AnswerOutcome[]; notices: Notice[] }> {
  try {
    return await writeAnswerBatch(database, callId, requests);
  } catch (error) {
    if (isUniqueViolation(error)) return writeAnswerBatch(database, callId, requests);
    throw error;
  }
}

const isUniqueViolation = (error: unknown) => typeof error === 'object' && error !== null && 'code' in error && error.code === 'P2002';

function writeAnswerBatch(database: Database, callId: string, requests: AnswerRequest[]): Promise<{ outcomes: AnswerOutcome[]; notices: Notice[] }> {
  return database.$transaction(async (transaction) => {
    const pollIds = [...new Set(requests.map((request) => request.pollId))];
    const participantIds = [...new Set(requests.map((request) => request.participantId))];
    const polls = await transaction.poll.findMany({ where: { callId, id: { in: pollIds } }, select: pollFields });
    const active = new Set<string>();
    const answered = new Set<string>();
    for (const ids of chunksOfIds(participantIds)) {
      const rows = await transaction.participant.findMany({ where: { callId, id: { in: ids }, removedAt: null }, select: { id: true } });
      for (const row of rows) active.add(row.id);
      const existing = await transaction.pollAnswer.findMany({ where: { pollId: { in: pollIds }, participantId: { in: ids } }, select: { pollId: true, participantId: true } });
      for (const row of existing) answered.add(`${row.pollId} ${row.participantId}`);
    }
    const { outcomes, toSave, notices } = decideAnswers(new Map(polls.map((row) => [row.id, toPublic(row)])), active, requests);
    const isNew = (answer: (typeof toSave)[number]) => !answered.has(`${answer.pollId} ${answer.participantId}`);
    const created = toSave.filter(isNew).map(({ pollId, participantId, answer }) => ({ id: createId(), pollId, participantId, ...columnsOf(answer) }));
    if (created.length > 0) await transaction.pollAnswer.createMany({ data: created });
    for (const { pollId, participantId, answer } of toSave.filter((saved) => !isNew(saved))) {
      await transaction.pollAnswer.update({ where: { pollId_participantId: { pollId, participantId } }, data: columnsOf(answer), select: { id: true } });
    }
    return { outcomes, notices };
  });
}

/** Each named participant's answers to the call's polls, read together for a batch of joins. */
export async function listOwnAnswers(database: Database, callId: string, participantIds: string[]): Promise<Map<string, Record<string, PollAnswer>>> {
  const answers = new Map(participantIds.map((id): [string, Record<string, PollAnswer>] => [id, {}]));
  for (const ids of chunksOfIds(participantIds)) {
    const rows = await database.pollAnswer.findMany({
      where: { participantId: { in: ids }, poll: { callId } },
      select: { pollId: true, participantId: true, optionIds: true, rating: true, text: true },
    });
    for (const row of rows) {
      const own = answers.get(row.participantId);
      if (own) own[row.pollId] = answerOf(row);
    }
  }
  return answers;
}

/**
 * A poll's results as those who run polls see them. Choices and ratings are counted by the database (equal
 * answers grouped), so a poll with thousands of answers reads a handful of rows; texts, and the answers of a
 * named poll, are read one by one.
 */
export async function readPollResults(database: Database, poll: PublicPoll): Promise<PollResults> {
  const rows = await database.pollAnswer.groupBy({ by: ['optionIds', 'rating'], where: { pollId: poll.id }, _count: { _all: true } });
  const groups: AnswerGroup[] = rows.map((row) => ({
    ...(row.optionIds !== null ? { optionIds: JSON.parse(row.optionIds) as string[] } : {}),
    ...(row.rating !== null ? { rating: row.rating } : {}),
    count: row._count._all,
  }));
  let stored: StoredAnswer[] = [];
  if (poll.kind === 'text' || poll.isNamed) {
    const answers = await database.pollAnswer.findMany({
      where: { pollId: poll.id },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      select: { id: true, optionIds: true, rating: true, text: true, hidden: true, participant: { select: { displayName: true } } },
    });
    stored = answers.map((row) => ({ ...answerOf(row), id: row.id, text: row.text ?? '', hidden: row.hidden, name: row.participant.displayName }));
  }
  return tallyPoll(poll, groups, stored);
}

/** Hides (or shows again) an open-text answer; false when the poll has no such answer. */
export async function setAnswerHidden(database: Database, pollId: string, answerId: string, hidden: boolean): Promise<boolean> {
  const result = await database.pollAnswer.updateMany({ where: { id: answerId, pollId, text: { not: null } }, data: { hidden } });
  return result.count === 1;
}

/** Adds a tick's reactions to the current item's counts. */
export async function addReactions(database: Database, callId: string, itemId: string, counts: Partial<Record<Reaction, number>>): Promise<void> {
  const entries = Object.entries(counts).filter(([, count]) => (count ?? 0) > 0);
  if (entries.length === 0) return;
  await database.$transaction(async (transaction) => {
    for (const [emoji, count = 0] of entries) {
      await transaction.reactionCount.upsert({
        where: { itemId_emoji: { itemId, emoji } },
        create: { callId, itemId, emoji, count },
        update: { count: { increment: count } },
        select: { itemId: true },
      });
    }
  });
}

/** Reaction counts per agenda item: item id → emoji → count. */
export async function listReactionCounts(database: Database, callId: string): Promise<Record<string, Record<string, number>>> {
  const rows = await database.reactionCount.findMany({ where: { callId }, select: { itemId: true, emoji: true, count: true } });
  const counts: Record<string, Record<string, number>> = {};
  for (const row of rows) (counts[row.itemId] ??= {})[row.emoji] = row.count;
  return counts;
}

/** All visible open-text answers of a poll, oldest first: the record lists every one, results only the newest. */
export async function listVisiblePollTexts(database: Database, pollId: string): Promise<string[]> {
  const rows = await database.pollAnswer.findMany({
    where: { pollId, hidden: false, text: { not: null } },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    select: { text: true },
  });
  return rows.flatMap((row) => (row.text ? [row.text] : []));
}

const itemsInOrder = (transaction: Transaction, callId: string) =>
  transaction.item.findMany({ where: { callId }, orderBy: [{ section: { position: 'asc' } }, { position: 'asc' }, { id: 'asc' }], select: { id: true, title: true } });

/**
 * Copies a call's polls (drafts too) into the next call of its series, whose agenda is a copy of this one's:
 * `matchCopiedItems` finds each item's copy. Returns how many were copied.
 */
export async function copyPollsToNextCall(database: Database, fromCallId: string, toCallId: string, newId: () => string): Promise<number> {
  return database.$transaction(async (transaction) => {
    const polls = await listPolls(transaction, fromCallId, { includeDrafts: true });
    if (polls.length === 0) return 0;
    const from = await itemsInOrder(transaction, fromCallId);
    const to = await itemsInOrder(transaction, toCallId);
    const copies = copyPollsAsDrafts(polls, matchCopiedItems(from, to), newId, new Date());
    for (const poll of copies) await insertPoll(transaction, toCallId, poll);
    return copies.length;
  });
}
