import { can, higherRole } from '@/lib/permissions';
import { CommandError, PROTOCOL_VERSION, type CommandPayload, type PublicParticipant, type Role } from '@/lib/protocol';
import { secretsMatch, signParticipantToken, verifyParticipantToken, createId } from '../domain/secrets';
import type { CallAccess } from '../persistence/calls.repository';
import { countCheckInsFrom, insertParticipant, updateParticipantProfile } from '../persistence/participants.repository';
import { checkFreshIdentity, identityWindowStart, joinBucketOf } from '../domain/vote-integrity';
import type { RoundtableSocket } from '../realtime/sockets';
import { joinRunningIntro } from './participant.handlers';
import { attachParticipant, detachParticipant } from './session';
import { joinedCallId, type ServerContext } from './context';
import { seesEveryQuestion } from '../domain/questions';
import { hostRoom, moderatorRoom } from '../realtime/rooms';
import { callRoomsOf, leaveCallRooms } from '../realtime/fan-out';
import type { CommandHandler } from './command-handler';

function roleForKey(call: CallAccess, key: string | undefined): Role {
  if (!key) return 'attendee';
  if (secretsMatch(key, call.hostKey)) return 'host';
  if (secretsMatch(key, call.scribeKey)) return 'scribe';
  throw new CommandError('forbidden', 'This link’s key is not valid for this call. Ask the host for a new link.');
}

async function participantForToken(context: ServerContext, callId: string, token: string | undefined) {
  const claim = token ? verifyParticipantToken(context.tokenSecret, token) : null;
  if (!claim || claim.callId !== callId) return null;
  const found = await context.joins.tokenHolder(claim.participantId);
  if (!found || found.callId !== callId) return null;
  if (found.isBlocked) throw new CommandError('forbidden', 'The host removed you from this call.');
  return found.participant;
}

export const joinCall: CommandHandler<'call:join'> = async (payload, socket, context) => {
  if (payload.protocolVersion !== PROTOCOL_VERSION) {
    throw new CommandError('protocol_mismatch', 'Roundtable was updated. Reload the page to continue.');
  }
  const call = await context.snapshots.access(payload.slug);
  if (!call) throw new CommandError('not_found', 'There is no call at this address.');
  const keyRole = roleForKey(call, payload.key);
  const participant = await participantForToken(context, call.id, payload.token);
  const role = participant ? higherRole(keyRole, participant.role) : keyRole;

  detachParticipant(socket, context);
  if (socket.data.callId && socket.data.callId !== call.id) {
    await leaveCallRooms(socket, socket.data.callId);
    context.broadcaster.markPresenceChanged(socket.data.callId);
  }
  socket.data = { callId: call.id, role };
  await socket.join(callRoomsOf(socket, call.id));
  if (participant) await attachParticipant(socket, context, call.id, participant.id);
  const isModerator = seesEveryQuestion(role);
  if (isModerator) await socket.join(role === 'host' ? [moderatorRoom(call.id), hostRoom(call.id)] : moderatorRoom(call.id));
  context.broadcaster.markPresenceChanged(call.id);

  // Read after joining the rooms, so nothing that changes from here on can fall between the snapshot and the events.
  const view = await context.joins.read(call.id, participant?.id ?? null, isModerator);
  if (!view) throw new CommandError('not_found', 'There is no call at this address.');
  return {
    ...view.own,
    actions: view.actions,
    // Scribes see every question, but the signals only while the host lets them moderate.
    voteSignals: can(role, 'qa:voters', { settings: view.call }) ? view.voteSignals : {},
    role,
    participant: participant ? { ...participant, role } : null,
    keys: role === 'host' ? { host: call.hostKey, scribe: call.scribeKey } : null,
    snapshot: {
      protocolVersion: PROTOCOL_VERSION,
      sequence: view.sequence,
      serverTime: new Date().toISOString(),
      call: view.call,
      questions: view.questions,
      polls: view.polls,
      pollResults: view.pollResults,
      presence: view.presence,
    },
  };
};

/**
 * A new participant, unless the attendee's address created too many in this call lately (host and scribe links
 * are trusted). Check-ins from one address are counted and written one at a time, so a burst cannot pass together.
 */
function createParticipant(socket: RoundtableSocket, context: ServerContext, callId: string, profile: CommandPayload<'participant:checkIn'>): Promise<PublicParticipant> {
  const joinBucket = joinBucketOf(context.tokenSecret, callId, context.limits.network.socketAddress(socket.handshake));
  const role = socket.data.role;
  return context.limits.checkIns.run(joinBucket, async () => {
    if (role === 'attendee') {
      const limit = context.limits.identity;
      const recent = await countCheckInsFrom(context.database, callId, joinBucket, identityWindowStart(limit, new Date()));
      if (recent >= limit.perAddress) context.metrics.integrityRefusals.inc({ reason: 'check_in' });
      checkFreshIdentity(recent, limit);
    }
    return insertParticipant(context.database, { id: createId(), callId, ...profile, role, joinBucket });
  });
}

export const checkIn: CommandHandler<'participant:checkIn'> = async (profile, socket, context) => {
  const callId = joinedCallId(socket);
  const existingId = socket.data.participantId;
  let participant: PublicParticipant;
  if (existingId) {
    participant = await updateParticipantProfile(context.database, existingId, { ...profile, role: socket.data.role });
    context.broadcaster.markParticipantChanged(callId, existingId);
  } else {
    participant = await createParticipant(socket, context, callId, profile);
    await attachParticipant(socket, context, callId, participant.id);
    await joinRunningIntro(context, callId, participant.id);
  }
  return { token: signParticipantToken(context.tokenSecret, callId, participant.id), participant };
};
