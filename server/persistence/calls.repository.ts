import { z } from 'zod';
import type { CallStatus, IntroState, PublicCall, PublicSection } from '@/lib/protocol';
import type { CallPatch } from '../domain/call-events';
import type { NewCall } from '../domain/call-factory';
import { saveAgendaChanges } from './agenda.repository';
import { chunksOf } from '@/lib/chunks';
import type { Database, Transaction } from './database';

export type NewCallRecord = NewCall;

/** Rows per createMany: SQLite refuses more than 999 bound parameters in one statement. */
const ROWS_PER_INSERT = 50;

const chunks = <Row>(rows: Row[]) => chunksOf(rows, ROWS_PER_INSERT);

/** A whole archive record (thousands of rows) may take longer than Prisma's default of 5 s on a busy machine. */
export const LONG_WRITE = { timeout: 60_000, maxWait: 20_000 };

/** Stores a new call with its agenda and, for an imported past call, its record (attendees, questions, minutes), all or nothing. */
export async function insertCall(database: Database, record: NewCallRecord): Promise<void> {
  await database.$transaction((transaction) => writeNewCall(transaction, record), LONG_WRITE);
}

/** `insertCall` inside a transaction that may store more (a series import). */
export async function writeNewCall(transaction: Transaction, record: NewCallRecord): Promise<void> {
  const { input, newId } = record;
  await transaction.call.create({
    data: {
      id: record.id,
      slug: record.slug,
      hostKey: record.hostKey,
      scribeKey: record.scribeKey,
      seriesId: record.seriesId,
      title: input.title,
      description: input.description,
      startsAt: record.startsAt,
      timezone: input.timezone,
      plannedMinutes: input.plannedMinutes,
      documentsBaseUrl: input.documentsBaseUrl,
      status: record.status,
      startedAt: record.startedAt,
      endedAt: record.endedAt,
      introState: record.introState ? JSON.stringify(record.introState) : '',
      links: { create: input.links.map((link, position) => ({ id: newId(), ...link, position })) },
    },
    select: { id: true },
  });
  await insertSections(transaction, record);
  for (const rows of chunks(record.participants)) {
    await transaction.participant.createMany({ data: rows.map((participant) => ({ ...participant, callId: record.id, lastSeenAt: participant.checkedInAt })) });
  }
  for (const rows of chunks(record.questions)) {
    await transaction.question.createMany({ data: rows.map((question) => ({ ...question, callId: record.id })) });
  }
  if (record.minutesState) {
    // The text goes in as the first update and a snapshot covering it, as if a scribe had written it and the
    // minutes had been compacted: the minutes rooms read it like any other, and the history lists it.
    const state = new Uint8Array(record.minutesState);
    const update = await transaction.minutesUpdate.create({ data: { callId: record.id, update: state }, select: { id: true } });
    await transaction.minutesSnapshot.create({ data: { callId: record.id, state, lastUpdateId: update.id }, select: { id: true } });
  }
}

async function insertSections(transaction: Transaction, record: NewCallRecord): Promise<void> {
  const sections = record.input.sections.map((section, position) => ({ id: record.newId(), position, section }));
  for (const rows of chunks(sections)) {
    await transaction.section.createMany({
      data: rows.map(({ id, position, section }) => ({ id, callId: record.id, title: section.title, notes: section.notes, position })),
    });
  }
  const items = sections.flatMap(({ id: sectionId, position: sectionPosition, section }) =>
    section.items.map((item, position) => ({ ...item, id: record.itemIds[sectionPosition]?.[position] ?? record.newId(), callId: record.id, sectionId, position })),
  );
  for (const rows of chunks(items)) await transaction.item.createMany({ data: rows });
}

export type CallAccess = { id: string; slug: string; hostKey: string; scribeKey: string };

export function findCallAccess(database: Database, slug: string): Promise<CallAccess | null> {
  return database.call.findUnique({ where: { slug }, select: { id: true, slug: true, hostKey: true, scribeKey: true } });
}

/** A call's own columns that make up its state (the public view and the series export read them alike). */
export const callStateFields = {
  title: true,
  description: true,
  startsAt: true,
  timezone: true,
  plannedMinutes: true,
  status: true,
  startedAt: true,
  endedAt: true,
  currentItemId: true,
  itemStartedAt: true,
  timerPausedAt: true,
  timerExtraSeconds: true,
  qaOpen: true,
  qaModerated: true,
  qaScribesModerate: true,
  scribesRunPolls: true,
  introState: true,
  documentsBaseUrl: true,
} as const;

export async function loadPublicCall(database: Database | Transaction, callId: string): Promise<{ call: PublicCall; sequence: number } | null> {
  const row = await database.call.findUnique({
    where: { id: callId },
    select: {
      slug: true,
      ...callStateFields,
      qaVotersBeforeOpen: true,
      qaHoldVoteBursts: true,
      qaOpenedAt: true,
      personalDataRemovedAt: true,
      sequence: true,
      links: { orderBy: { position: 'asc' }, select: { id: true, label: true, url: true } },
      sections: {
        orderBy: { position: 'asc' },
        select: {
          id: true,
          title: true,
          notes: true,
          items: {
            orderBy: { position: 'asc' },
            select: { id: true, title: true, notes: true, presenter: true, plannedMinutes: true },
          },
        },
      },
    },
  });
  if (!row) return null;
  const { sequence, introState, ...call } = row;
  return {
    sequence,
    call: {
      ...call,
      status: parseStatus(call.status),
      startsAt: call.startsAt?.toISOString() ?? null,
      startedAt: call.startedAt?.toISOString() ?? null,
      endedAt: call.endedAt?.toISOString() ?? null,
      itemStartedAt: call.itemStartedAt?.toISOString() ?? null,
      timerPausedAt: call.timerPausedAt?.toISOString() ?? null,
      qaOpenedAt: call.qaOpenedAt?.toISOString() ?? null,
      personalDataRemovedAt: call.personalDataRemovedAt?.toISOString() ?? null,
      intro: parseIntro(introState),
    },
  };
}

const introSchema = z.object({ status: z.enum(['running', 'done']), order: z.array(z.string()), currentIndex: z.number().int().min(0) });

export function parseIntro(stored: string): IntroState | null {
  return stored ? introSchema.parse(JSON.parse(stored)) : null;
}

export function parseStatus(status: string): CallStatus {
  if (status === 'scheduled' || status === 'live' || status === 'ended') return status;
  throw new Error(`Unknown call status in database: ${status}`);
}

/**
 * Applies a patch (and an agenda edit, if any) and advances the call's sequence by `eventCount`, but only if
 * nobody changed the call since `expectedSequence` was read. Returns the first new sequence number, or null
 * on a conflict.
 */
export async function commitCallChange(
  database: Database,
  callId: string,
  expectedSequence: number,
  change: {
    patch: CallPatch;
    eventCount: number;
    agenda?: { before: PublicSection[]; after: PublicSection[] };
    /** Further writes that belong to the same change (questions, votes). */
    write?: (transaction: Transaction) => Promise<void>;
  },
): Promise<number | null> {
  return database.$transaction(async (transaction) => {
    const result = await transaction.call.updateMany({
      where: { id: callId, sequence: expectedSequence },
      data: { ...change.patch, sequence: { increment: change.eventCount } },
    });
    if (result.count !== 1) return null;
    if (change.agenda) await saveAgendaChanges(transaction, callId, change.agenda.before, change.agenda.after);
    if (change.write) await change.write(transaction);
    return expectedSequence + 1;
  });
}

/** The call's series: it may join one after it was created (planning its next call), so it is not cached. */
export async function readSeriesIdOf(database: Database, callId: string): Promise<string | null> {
  const row = await database.call.findUnique({ where: { id: callId }, select: { seriesId: true } });
  return row?.seriesId ?? null;
}

export async function readSequence(database: Database, callId: string): Promise<number | null> {
  const row = await database.call.findUnique({ where: { id: callId }, select: { sequence: true } });
  return row?.sequence ?? null;
}
