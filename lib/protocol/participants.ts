import { z } from 'zod';
import type { PublicParticipant } from './call';

/** A participant as the participants panel shows them, with live presence. */
export type ParticipantView = PublicParticipant & {
  isTeam: boolean;
  isOnline: boolean;
  handRaisedAt: string | null;
  checkedInAt: string;
};

/** Live changes to the participants list, merged per tick: a participant, or the id of one who was removed. */
export type ParticipantChange = { participant: ParticipantView } | { removedId: string };

const id = z.string().min(1).max(64);

export const participantCommandSchemas = {
  /** Returns the list and follows its live changes until 'participants:unfollow'. */
  'participants:list': z.object({}),
  'participants:unfollow': z.object({}),
  'participant:setTeam': z.object({ participantId: id, isTeam: z.boolean() }),
  'participant:remove': z.object({ participantId: id, block: z.boolean().default(false) }),
  'hand:raise': z.object({}),
  'hand:lower': z.object({ participantId: id.optional() }),
  'intro:start': z.object({ order: z.enum(['checkIn', 'shuffle']).default('checkIn') }),
  'intro:next': z.object({}),
  'intro:reorder': z.object({ participantIds: z.array(id).max(10_000) }),
  'intro:skip': z.object({ participantId: id.optional() }),
  'intro:later': z.object({ participantId: id.optional() }),
  'intro:end': z.object({}),
} as const;
