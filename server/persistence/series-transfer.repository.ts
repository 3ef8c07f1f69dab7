import { POLL_KINDS, QUESTION_STATES, REACTIONS, ROLES, type PollOption } from '@/lib/protocol';
import { chunksOf } from '@/lib/chunks';
import type { ImportedCall, StoredCallState } from '../domain/series-transfer';
import { callTimeOf } from './actions.repository';
import { callStateFields, LONG_WRITE, parseIntro, parseStatus, writeNewCall } from './calls.repository';
import { pollStateFields } from './polls.repository';
import type { Database, Transaction } from './database';

const byOrder = [{ position: 'asc' as const }, { id: 'asc' as const }];
const byCreation = [{ createdAt: 'asc' as const }, { id: 'asc' as const }];

const oneOf = <Value extends string>(values: readonly Value[], value: string): Value => {
  const known = values.find((candidate) => candidate === value);
  if (!known) throw new Error(`Unknown value in database: ${value}`);
  return known;
};

/** Everything a call's export holds, or null when there is no such call. */
export async function readCallState(database: Database, callId: string): Promise<StoredCallState | null> {
  const row = await database.call.findUnique({
    where: { id: callId },
    select: {
      id: true,
      ...callStateFields,
      links: { orderBy: byOrder, select: { label: true, url: true } },
      sections: {
        orderBy: byOrder,
        select: { title: true, notes: true, items: { orderBy: byOrder, select: { id: true, title: true, notes: true, presenter: true, plannedMinutes: true } } },
      },
      participants: {
        orderBy: [{ checkedInAt: 'asc' }, { id: 'asc' }],
        select: { id: true, displayName: true, affiliation: true, pronouns: true, reason: true, role: true, isTeam: true, checkedInAt: true, removedAt: true },
      },
      questions: {
        where: { mergedIntoId: null },
        orderBy: byCreation,
        select: { text: true, authorId: true, isAnonymous: true, authorName: true, itemId: true, state: true, answer: true, answeredBy: true, voteCount: true, createdAt: true },
      },
      polls: {
        orderBy: byCreation,
        select: {
          ...pollStateFields,
          answers: { orderBy: byCreation, select: { participantId: true, optionIds: true, rating: true, text: true, hidden: true, createdAt: true } },
        },
      },
      reactionCounts: { orderBy: [{ itemId: 'asc' }, { emoji: 'asc' }], select: { itemId: true, emoji: true, count: true } },
      actionItems: { orderBy: byOrder, select: { text: true, owner: true, due: true, isDone: true, closedInCallId: true } },
      decisions: { orderBy: byOrder, select: { text: true } },
    },
  });
  if (!row) return null;
  const { status, introState, participants, questions, polls, reactionCounts, actionItems, ...call } = row;
  return {
    ...call,
    status: parseStatus(status),
    introState: parseIntro(introState),
    participants: participants.map((participant) => ({ ...participant, role: oneOf(ROLES, participant.role) })),
    questions: questions.map((question) => ({ ...question, state: oneOf(QUESTION_STATES, question.state) })),
    polls: polls.map((poll) => ({
      ...poll,
      kind: oneOf(POLL_KINDS, poll.kind),
      options: JSON.parse(poll.options) as PollOption[],
      showResults: oneOf(['live', 'closed'] as const, poll.showResults),
      status: oneOf(['draft', 'open', 'closed'] as const, poll.status),
      answers: poll.answers.map((answer) => ({ ...answer, optionIds: answer.optionIds === null ? null : (JSON.parse(answer.optionIds) as string[]) })),
    })),
    reactions: reactionCounts.map((reaction) => ({ ...reaction, emoji: oneOf(REACTIONS, reaction.emoji) })),
    actions: actionItems,
  };
}

/** A series' title and its calls with their host keys (to check a download), earliest first; null when there is no such series. */
export async function readSeriesCalls(database: Database, seriesId: string): Promise<{ title: string; calls: { id: string; hostKey: string }[] } | null> {
  const series = await database.series.findUnique({
    where: { id: seriesId },
    select: { title: true, calls: { select: { id: true, hostKey: true, startsAt: true, startedAt: true, createdAt: true } } },
  });
  if (!series) return null;
  const calls = series.calls.sort((a, b) => callTimeOf(a) - callTimeOf(b) || a.createdAt.getTime() - b.createdAt.getTime() || a.id.localeCompare(b.id));
  return { title: series.title, calls: calls.map(({ id, hostKey }) => ({ id, hostKey })) };
}

async function writeCallRecord(transaction: Transaction, { call, settings, polls, reactions }: ImportedCall): Promise<void> {
  await writeNewCall(transaction, call);
  await transaction.call.update({ where: { id: call.id }, data: settings, select: { id: true } });
  for (const { answers, options, ...poll } of polls) {
    await transaction.poll.create({ data: { ...poll, callId: call.id, options: JSON.stringify(options) }, select: { id: true } });
    for (const rows of chunksOf(answers, 50)) {
      await transaction.pollAnswer.createMany({
        data: rows.map(({ optionIds, ...answer }) => ({ ...answer, pollId: poll.id, optionIds: optionIds === null ? null : JSON.stringify(optionIds), updatedAt: answer.createdAt })),
      });
    }
  }
  if (reactions.length > 0) await transaction.reactionCount.createMany({ data: reactions.map((reaction) => ({ ...reaction, callId: call.id })) });
}

/** A new series with its calls and everything they hold, all or nothing. */
export async function insertImportedSeries(database: Database, series: { id: string; title: string }, calls: ImportedCall[]): Promise<void> {
  await database.$transaction(async (transaction) => {
    await transaction.series.create({ data: series, select: { id: true } });
    for (const call of calls) await writeCallRecord(transaction, call);
  }, LONG_WRITE);
}

/** A call's own action items in the order its minutes list them. */
export async function listOwnActionIds(database: Database, callId: string): Promise<string[]> {
  const rows = await database.actionItem.findMany({ where: { callId }, orderBy: byOrder, select: { id: true } });
  return rows.map((row) => row.id);
}
