import type { CallStatus } from '@/lib/protocol';
import { OPEN_STATES } from '@/lib/questions';
import type { CallCursor, CallListFilter } from '../domain/schedule';
import type { Database } from './database';

const summarySelect = {
  id: true,
  slug: true,
  title: true,
  startsAt: true,
  timezone: true,
  plannedMinutes: true,
  status: true,
  seriesId: true,
} as const;

export type CallSummaryRow = {
  id: string;
  slug: string;
  title: string;
  startsAt: Date | null;
  timezone: string;
  plannedMinutes: number;
  status: CallStatus;
  seriesId: string | null;
};

function parseStatus(status: string): CallStatus {
  if (status === 'scheduled' || status === 'live' || status === 'ended') return status;
  throw new Error(`Unknown call status in database: ${status}`);
}

/** Strictly after `after` in the list's order: by start, then id, calls without a date last. */
function afterCursor(order: 'asc' | 'desc', after: CallCursor) {
  const beyond = order === 'asc' ? 'gt' : 'lt';
  if (after.startsAt === null) return { startsAt: null, id: { [beyond]: after.id } };
  return { OR: [{ startsAt: { [beyond]: after.startsAt } }, { startsAt: after.startsAt, id: { [beyond]: after.id } }, { startsAt: null }] };
}

function matchesAnyOf(filter: CallListFilter) {
  return filter.anyOf.map(({ status, startsFrom, startsBefore, isUndated }) => {
    if (isUndated) return { status, startsAt: null };
    if (!startsFrom && !startsBefore) return { status };
    return { status, startsAt: { ...(startsFrom ? { gte: startsFrom } : {}), ...(startsBefore ? { lt: startsBefore } : {}) } };
  });
}

/** Calls matching `filter`, ordered by start then id, strictly after `after` in that order. */
export async function listCallSummaries(
  database: Database,
  filter: CallListFilter,
  after: CallCursor | null,
  take: number,
): Promise<CallSummaryRow[]> {
  const rows = await database.call.findMany({
    where: {
      AND: [{ OR: matchesAnyOf(filter) }, after ? afterCursor(filter.order, after) : {}],
    },
    orderBy: [{ startsAt: { sort: filter.order, nulls: 'last' } }, { id: filter.order }],
    take,
    select: summarySelect,
  });
  return rows.map((row) => ({ ...row, status: parseStatus(row.status) }));
}

/** What the next call of a series copies: everything but the ids, the keys and the live state. */
export async function loadCallTemplate(database: Database, callId: string) {
  return database.call.findUnique({
    where: { id: callId },
    select: {
      id: true,
      seriesId: true,
      title: true,
      description: true,
      startsAt: true,
      timezone: true,
      plannedMinutes: true,
      documentsBaseUrl: true,
      links: { orderBy: { position: 'asc' }, select: { label: true, url: true } },
      sections: {
        orderBy: { position: 'asc' },
        select: {
          title: true,
          notes: true,
          items: { orderBy: { position: 'asc' }, select: { title: true, notes: true, presenter: true, plannedMinutes: true } },
        },
      },
    },
  });
}

/** The starts of a series' dated calls, earliest first. */
export async function listSeriesStarts(database: Database, seriesId: string): Promise<Date[]> {
  const rows = await database.call.findMany({ where: { seriesId, startsAt: { not: null } }, orderBy: { startsAt: 'asc' }, select: { startsAt: true } });
  return rows.flatMap((row) => (row.startsAt ? [row.startsAt] : []));
}

/**
 * The call's series, created (titled after the call) if it has none. Claims the call with a guarded update,
 * so two hosts planning at once end up in one series.
 */
export async function ensureSeries(database: Database, callId: string, title: string, newId: () => string): Promise<string> {
  // Most calls asked about (every file of an archive after the first) are in a series already.
  const existing = await database.call.findUnique({ where: { id: callId }, select: { seriesId: true } });
  if (existing?.seriesId) return existing.seriesId;
  const seriesId = newId();
  const [, claimed] = await database.$transaction([
    database.series.create({ data: { id: seriesId, title } }),
    database.call.updateMany({ where: { id: callId, seriesId: null }, data: { seriesId } }),
  ]);
  if (claimed.count === 1) return seriesId;
  await database.series.delete({ where: { id: seriesId } });
  const call = await database.call.findUniqueOrThrow({ where: { id: callId }, select: { seriesId: true } });
  if (!call.seriesId) throw new Error(`Call ${callId} lost its series`);
  return call.seriesId;
}

export async function deleteCall(database: Database, callId: string): Promise<void> {
  await database.call.delete({ where: { id: callId } });
}

/**
 * Copies a call's unanswered questions (open or being answered) into another call as open questions with no
 * votes, keeping the author's name, anonymity and when they were asked. Returns how many were copied.
 */
export async function copyOpenQuestions(database: Database, fromCallId: string, toCallId: string, newId: () => string): Promise<number> {
  const questions = await database.question.findMany({
    where: { callId: fromCallId, mergedIntoId: null, state: { in: [...OPEN_STATES] } },
    orderBy: { createdAt: 'asc' },
    select: { text: true, authorName: true, isAnonymous: true, createdAt: true },
  });
  if (questions.length === 0) return 0;
  const { count } = await database.question.createMany({
    data: questions.map((question) => ({ ...question, id: newId(), callId: toCallId, state: 'open', voteCount: 0 })),
  });
  return count;
}
