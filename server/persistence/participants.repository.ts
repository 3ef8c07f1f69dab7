import type { ParticipantView, PublicParticipant, Role } from '@/lib/protocol';
import { orderedNow } from '../domain/ordered-clock';
import { chunksOfIds, MAX_IDS_PER_QUERY, type Database } from './database';

const publicFields = { id: true, displayName: true, affiliation: true, pronouns: true, reason: true, role: true } as const;

type ParticipantRow = { id: string; displayName: string; affiliation: string; pronouns: string; reason: string; role: string };

function toPublic(row: ParticipantRow): PublicParticipant {
  const role: Role = row.role === 'host' || row.role === 'scribe' ? row.role : 'attendee';
  return { ...row, role };
}

export async function insertParticipant(
  database: Database,
  participant: Omit<PublicParticipant, 'role'> & { role: Role; callId: string; joinBucket?: string },
): Promise<PublicParticipant> {
  return toPublic(await database.participant.create({ data: { ...participant, checkedInAt: orderedNow() }, select: publicFields }));
}

/** How many participants checked in to the call from one join bucket since a time (removed ones count too). */
export function countCheckInsFrom(database: Database, callId: string, joinBucket: string, since: Date): Promise<number> {
  return database.participant.count({ where: { callId, joinBucket, checkedInAt: { gte: since } } });
}

export async function updateParticipantProfile(
  database: Database,
  participantId: string,
  profile: Pick<PublicParticipant, 'displayName' | 'affiliation' | 'pronouns' | 'reason' | 'role'>,
): Promise<PublicParticipant> {
  return toPublic(await database.participant.update({ where: { id: participantId }, data: profile, select: publicFields }));
}

export async function findParticipant(database: Database, callId: string, participantId: string): Promise<PublicParticipant | null> {
  const row = await database.participant.findFirst({
    where: { id: participantId, callId, removedAt: null },
    select: publicFields,
  });
  return row ? toPublic(row) : null;
}

export function countParticipants(database: Database, callId: string): Promise<number> {
  return database.participant.count({ where: { callId, removedAt: null } });
}

const viewFields = { ...publicFields, isTeam: true, handRaisedAt: true, checkedInAt: true } as const;
type ViewRow = ParticipantRow & { isTeam: boolean; handRaisedAt: Date | null; checkedInAt: Date };

function toView(row: ViewRow, isOnline: (participantId: string) => boolean): ParticipantView {
  return {
    ...toPublic(row),
    isTeam: row.isTeam,
    isOnline: isOnline(row.id),
    handRaisedAt: row.handRaisedAt?.toISOString() ?? null,
    checkedInAt: row.checkedInAt.toISOString(),
  };
}

/** Participants in check-in order, or only the ones named. */
export async function listParticipants(
  database: Database,
  callId: string,
  isOnline: (participantId: string) => boolean,
  onlyIds?: string[],
): Promise<ParticipantView[]> {
  if (onlyIds && onlyIds.length > MAX_IDS_PER_QUERY) {
    // SQLite refuses more than 999 bound parameters in one statement.
    const chunks: ParticipantView[][] = [];
    for (const ids of chunksOfIds(onlyIds)) chunks.push(await listParticipants(database, callId, isOnline, ids));
    return chunks.flat().sort((a, b) => a.checkedInAt.localeCompare(b.checkedInAt) || a.id.localeCompare(b.id));
  }
  const rows = await database.participant.findMany({
    where: { callId, removedAt: null, ...(onlyIds ? { id: { in: onlyIds } } : {}) },
    orderBy: [{ checkedInAt: 'asc' }, { id: 'asc' }],
    select: viewFields,
  });
  return rows.map((row) => toView(row, isOnline));
}

export async function updateParticipantFlags(
  database: Database,
  callId: string,
  participantId: string,
  data: { isTeam?: boolean; handRaisedAt?: Date | null; removedAt?: Date; isBlocked?: boolean },
): Promise<boolean> {
  const result = await database.participant.updateMany({ where: { id: participantId, callId, removedAt: null }, data });
  return result.count === 1;
}


/** What a participant token names: the participant's call, whether the host blocked them, and them (null once removed). */
export type TokenHolder = { callId: string; isBlocked: boolean; participant: PublicParticipant | null };

/** The participants that tokens name, by id (several joins at once); `participant` is null once removed. */
export async function findParticipantsForTokens(database: Database, participantIds: string[]): Promise<Map<string, TokenHolder>> {
  const found = new Map<string, TokenHolder>();
  for (const ids of chunksOfIds(participantIds)) {
    const rows = await database.participant.findMany({
      where: { id: { in: ids } },
      select: { ...publicFields, callId: true, isBlocked: true, removedAt: true },
    });
    for (const { callId, isBlocked, removedAt, ...participant } of rows) {
      found.set(participant.id, { callId, isBlocked, participant: removedAt ? null : toPublic(participant) });
    }
  }
  return found;
}
