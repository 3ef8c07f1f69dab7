import { z } from 'zod';
import type { Ack } from './ack';
import type { CallSnapshot, PresenceUpdate, SequencedEvent } from './events';
import type { PublicParticipant, Role } from './call';
import { documentsBaseUrlSchema, LIMITS, startsAtSchema } from './call';
import { isValidTimeZone } from '../time';
import { participantCommandSchemas, type ParticipantChange, type ParticipantView } from './participants';
import { questionCommandSchemas, type PublicQuestion, type VoteSignal, type VoterGroup } from './questions';
import { minutesCommandSchemas, type MinutesCommandResults, type MinutesServerEvents } from './minutes';
import { actionCommandSchemas, type ActionCommandResults, type ActionServerEvents, type CallActions } from './actions';
import { pollCommandSchemas, type PollAnswer, type PollCommandResults, type PollServerEvents } from './polls';
import type { PublishingServerEvents } from './publishing';

export const PROTOCOL_VERSION = 1;

/**
 * How a client retries a lost connection: after a server restart every attendee comes back within a few
 * seconds instead of Socket.IO's default backoff of up to 5 s; refused attempts cost the server nothing.
 */
export const RECONNECTION = { reconnectionDelay: 500, reconnectionDelayMax: 2000 } as const;

/** What everyone in a call reads once its host deleted it. */
export const CALL_DELETED_MESSAGE = 'This call was deleted by its host.';

const id = z.string().min(1).max(64);
const optionalText = (max: number) => z.string().trim().max(max).default('');
const position = z.number().int().min(0).max(1000);
const itemTitle = z.string().trim().min(1, 'Enter a title').max(LIMITS.title);
const itemFields = {
  title: itemTitle,
  notes: optionalText(LIMITS.notes),
  presenter: optionalText(LIMITS.name),
  plannedMinutes: z.number().int().min(1).max(600).nullable().default(null),
};
const partialItemFields = {
  title: itemTitle.optional(),
  notes: z.string().trim().max(LIMITS.notes).optional(),
  presenter: z.string().trim().max(LIMITS.name).optional(),
  plannedMinutes: z.number().int().min(1).max(600).nullable().optional(),
};

/** Every client→server command: its name and the schema its payload must match. */
export const commandSchemas = {
  'call:join': z.object({
    protocolVersion: z.number().int(),
    slug: z.string().min(1).max(64),
    key: z.string().max(128).optional(),
    token: z.string().max(256).optional(),
  }),
  'participant:checkIn': z.object({
    displayName: z.string().trim().min(1, 'Enter a display name').max(LIMITS.name),
    affiliation: optionalText(LIMITS.name),
    pronouns: optionalText(40),
    reason: optionalText(200),
  }),
  'call:start': z.object({}),
  'call:end': z.object({}),
  /**
   * The host sets (or clears: null, to be announced) the call's date, and may change its timezone, length and
   * documents base URL. A local start is read in the given timezone, else the call's.
   */
  'call:schedule': z.object({
    startsAt: startsAtSchema.nullable(),
    timezone: z.string().refine(isValidTimeZone, 'Must be an IANA timezone like Europe/Berlin').optional(),
    plannedMinutes: z.number().int().min(5).max(1440).optional(),
    documentsBaseUrl: documentsBaseUrlSchema.optional(),
  }),
  'agenda:advance': z.object({ direction: z.enum(['next', 'previous']) }),
  'agenda:jump': z.object({ itemId: id }),
  'timer:pause': z.object({}),
  'timer:resume': z.object({}),
  'timer:reset': z.object({}),
  'timer:extend': z.object({ minutes: z.number().int().min(-60).max(120).refine((minutes) => minutes !== 0, 'Must not be 0') }),
  'agenda:addSection': z.object({ title: itemTitle, notes: optionalText(LIMITS.notes), index: position.optional() }),
  'agenda:updateSection': z.object({ sectionId: id, title: itemTitle.optional(), notes: z.string().trim().max(LIMITS.notes).optional() }),
  'agenda:deleteSection': z.object({ sectionId: id }),
  'agenda:moveSection': z.object({ sectionId: id, toIndex: position }),
  'agenda:addItem': z.object({ sectionId: id, index: position.optional(), ...itemFields }),
  'agenda:updateItem': z.object({ itemId: id, ...partialItemFields }),
  'agenda:deleteItem': z.object({ itemId: id }),
  'agenda:moveItem': z.object({ itemId: id, toSectionId: id, toIndex: position }),
  ...questionCommandSchemas,
  ...minutesCommandSchemas,
  ...participantCommandSchemas,
  ...pollCommandSchemas,
  ...actionCommandSchemas,
} as const;

export type CommandName = keyof typeof commandSchemas;
export type CommandPayload<Name extends CommandName> = z.infer<(typeof commandSchemas)[Name]>;

export type JoinResult = {
  snapshot: CallSnapshot;
  /** Ids of the questions this participant has voted for. */
  myVotes: string[];
  /** Ids of the questions this participant asked. */
  myQuestions: string[];
  /** This participant's answers to the call's polls, by poll id. */
  myPollAnswers: Record<string, PollAnswer>;
  /** The call's action items (its own and the series' open ones carried over) and decisions. */
  actions: CallActions;
  /** Moderators only (empty for others): the suspicious-activity signal of each question that has one. */
  voteSignals: Record<string, VoteSignal>;
  role: Role;
  participant: PublicParticipant | null;
  /** The secret link keys, sent only to a host so they can share them. */
  keys: { host: string; scribe: string } | null;
};
export type CheckInResult = { token: string; participant: PublicParticipant };

/** What each command's ack carries when it succeeds. */
export type CommandResults = MinutesCommandResults & PollCommandResults & ActionCommandResults & {
  'call:join': JoinResult;
  'participant:checkIn': CheckInResult;
  'call:start': { sequence: number };
  'call:end': { sequence: number };
  'call:schedule': { sequence: number };
  'agenda:advance': { sequence: number };
  'agenda:jump': { sequence: number };
  'timer:pause': { sequence: number };
  'timer:resume': { sequence: number };
  'timer:reset': { sequence: number };
  'timer:extend': { sequence: number };
  'agenda:addSection': { sequence: number; id: string };
  'agenda:updateSection': { sequence: number };
  'agenda:deleteSection': { sequence: number };
  'agenda:moveSection': { sequence: number };
  'agenda:addItem': { sequence: number; id: string };
  'agenda:updateItem': { sequence: number };
  'agenda:deleteItem': { sequence: number };
  'agenda:moveItem': { sequence: number };
  'qa:ask': { question: PublicQuestion };
  'qa:vote': { voteCount: number };
  'qa:unvote': { voteCount: number };
  'qa:approve': { sequence: number };
  'qa:pin': { sequence: number };
  'qa:answer': { sequence: number };
  'qa:dismiss': { sequence: number };
  'qa:restore': { sequence: number };
  'qa:edit': { sequence: number };
  'qa:merge': { sequence: number };
  'qa:settings': { sequence: number };
  /** `voters`: how many vote for the question; the groups hold at most `MAX_VOTERS_REVIEWED` of them, the most recent. */
  'qa:voters': { groups: VoterGroup[]; voters: number };
  /** Removed participants, and the questions whose tallies were recounted or which were dismissed. */
  'qa:removeGroup': { sequence: number; removedIds: string[]; recountedQuestionIds: string[]; dismissedQuestionIds: string[] };
  'participants:list': { participants: ParticipantView[] };
  'participants:unfollow': Record<string, never>;
  'participant:setTeam': { participant: ParticipantView };
  /** The removed participant's votes are withdrawn (`votesWithdrawn`, tallies recounted); their questions stay. */
  'participant:remove': { removedId: string; votesWithdrawn: number };
  'hand:raise': { participant: ParticipantView };
  'hand:lower': { participant: ParticipantView };
  'intro:start': { sequence: number };
  'intro:next': { sequence: number };
  'intro:reorder': { sequence: number };
  'intro:skip': { sequence: number };
  'intro:later': { sequence: number };
  'intro:end': { sequence: number };
};

export type ClientToServerEvents = {
  [Name in CommandName]: (payload: unknown, ack: (response: Ack<CommandResults[Name]>) => void) => void;
};

export type ServerToClientEvents = MinutesServerEvents & PollServerEvents & PublishingServerEvents & ActionServerEvents & {
  'call:event': (event: SequencedEvent) => void;
  'call:presence': (presence: PresenceUpdate) => void;
  /** Vote counts that changed since the last tick, merged per call. */
  'qa:tallies': (tallies: Record<string, number>) => void;
  /** Participants whose profile, presence or raised hand changed since the last tick. */
  'participants:changed': (changes: ParticipantChange[]) => void;
  /** A participant's own entry after it changed (e.g. the host lowered their hand). */
  'participant:self': (participant: ParticipantView) => void;
  /** Sent to a participant's own sockets when the host removes them. */
  'participant:removed': (notice: { message: string }) => void;
  /** Sent to everyone in a call when its host deletes it, just before the server disconnects them. */
  'call:deleted': (notice: { message: string }) => void;
  /** Questions waiting for approval; sent only to moderators. */
  'qa:pending': (question: PublicQuestion) => void;
  /** A question's votes came in a suspicious burst; sent only to moderators. */
  'qa:signal': (update: { questionId: string; signal: VoteSignal }) => void;
  /** Whether the server can reach its database: `unavailable` once when a command fails for it, `ok` when it is back. */
  'call:health': (health: { database: 'ok' | 'unavailable' }) => void;
};

export const COMMAND_NAMES = Object.keys(commandSchemas) as CommandName[];
