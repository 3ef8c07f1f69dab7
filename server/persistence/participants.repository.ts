import type { PublicParticipant, Role } from '@/lib/protocol';
import type { Database } from './database';

const publicFields = { id: true, displayName: true, affiliation: true, pronouns: true, reason: true, role: true } as const;

type ParticipantRow = { id: string; displayName: string; affiliation: string; pronouns: string; reason: string; role: string };

function toPublic(row: ParticipantRow): PublicParticipant {
  const role: Role = row.role === 'host' || row.role === 'scribe' ? row.role : 'attendee';
  return { ...row, role };
}

export async function insertParticipant(
  database: Database,
  participant: Omit<PublicParticipant, 'role'> & { role: Role; callId: string },
): Promise<PublicParticipant> {
  return toPublic(await database.participant.create({ data: participant, select: publicFields }));
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
