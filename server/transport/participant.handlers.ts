import { CommandError, type IntroState } from '@/lib/protocol';
import { orderedNow } from '../domain/ordered-clock';
import { addLateArrival, endIntro, moveSpeakerToEnd, nextSpeaker, reorderIntro, skipSpeaker, startIntro } from '../domain/intro';
import { decideHand, decideRemoval, introDecision, targetOf, type ParticipantFlags } from '../domain/participants';
import { listParticipants, updateParticipantFlags } from '../persistence/participants.repository';
import { runCallCommand } from './call-command';
import type { CommandHandlers } from './command-handler';
import { joinedCallId, type ServerContext } from './context';
import { participantsRoom } from '../realtime/rooms';
import { removeParticipantsWithVotes } from '../persistence/vote-integrity.repository';
import { noticeRemoval } from './vote-integrity.handlers';

async function viewOf(context: ServerContext, callId: string, participantId: string) {
  const online = await context.presence.onlineIds(callId);
  const [participant] = await listParticipants(context.database, callId, (id) => online.has(id), [participantId]);
  if (!participant) throw new CommandError('not_found', 'That participant is not in this call.');
  return participant;
}

async function updateFlags(context: ServerContext, callId: string, participantId: string, flags: ParticipantFlags) {
  if (!(await updateParticipantFlags(context.database, callId, participantId, flags))) {
    throw new CommandError('not_found', 'That participant is not in this call.');
  }
  context.broadcaster.markParticipantChanged(callId, participantId);
  return { participant: await viewOf(context, callId, participantId) };
}

function runIntro(context: ServerContext, callId: string, change: (intro: IntroState | null) => IntroState | null) {
  return runCallCommand(context, callId, (call) => introDecision(change(call.intro)));
}

/** Someone who checks in while the intro round runs joins the end of its queue. */
export async function joinRunningIntro(context: ServerContext, callId: string, participantId: string): Promise<void> {
  const current = await context.snapshots.get(callId);
  if (!current || !addLateArrival(current.call.intro, participantId)) return;
  await runCallCommand(context, callId, (call) => {
    const intro = addLateArrival(call.intro, participantId);
    return intro ? introDecision(intro) : [];
  });
}

export const participantHandlers: CommandHandlers<
  | 'participants:list'
  | 'participants:unfollow'
  | 'participant:setTeam'
  | 'participant:remove'
  | 'hand:raise'
  | 'hand:lower'
  | 'intro:start'
  | 'intro:next'
  | 'intro:reorder'
  | 'intro:skip'
  | 'intro:later'
  | 'intro:end'
> = {
  'participants:list': async (_payload, socket, context) => {
    const callId = joinedCallId(socket);
    await socket.join(participantsRoom(callId));
    const online = await context.presence.onlineIds(callId);
    return { participants: await listParticipants(context.database, callId, (id) => online.has(id)) };
  },
  'participants:unfollow': async (_payload, socket) => {
    await socket.leave(participantsRoom(joinedCallId(socket)));
    return {};
  },
  'participant:setTeam': ({ participantId, isTeam }, socket, context) => updateFlags(context, joinedCallId(socket), participantId, { isTeam }),
  'participant:remove': async ({ participantId, block }, socket, context) => {
    const callId = joinedCallId(socket);
    const current = await context.snapshots.get(callId);
    const now = new Date();
    const removal = decideRemoval(socket.data.participantId, participantId, block, current?.call.intro ?? null, now);
    // Their votes are withdrawn with the check-in, as a group removal does; their questions stay.
    const removed = await context.database.$transaction((transaction) => removeParticipantsWithVotes(transaction, callId, [participantId], { block, now }));
    if (removed.removedIds.length === 0) throw new CommandError('not_found', 'That participant is not in this call.');
    await noticeRemoval(context, callId, removed, removal.isBlocked, removal.message);
    if (removal.leavesIntro) await runIntro(context, callId, (intro) => skipSpeaker(intro, participantId));
    return { removedId: participantId, votesWithdrawn: removed.recountedIds.length };
  },
  'hand:raise': (_payload, socket, context) => updateFlags(context, joinedCallId(socket), targetOf(undefined, socket.data.participantId), decideHand(true, orderedNow)),
  'hand:lower': ({ participantId }, socket, context) => updateFlags(context, joinedCallId(socket), targetOf(participantId, socket.data.participantId), decideHand(false, orderedNow)),
  'intro:start': async ({ order }, socket, context) => {
    const callId = joinedCallId(socket);
    const ids = (await listParticipants(context.database, callId, () => false)).map((participant) => participant.id);
    return runIntro(context, callId, () => startIntro(ids, order, Math.random));
  },
  'intro:next': (_payload, socket, context) => runIntro(context, joinedCallId(socket), nextSpeaker),
  'intro:reorder': ({ participantIds }, socket, context) => runIntro(context, joinedCallId(socket), (intro) => reorderIntro(intro, participantIds)),
  'intro:skip': ({ participantId }, socket, context) => {
    const target = targetOf(participantId, socket.data.participantId);
    return runIntro(context, joinedCallId(socket), (intro) => skipSpeaker(intro, target));
  },
  'intro:later': ({ participantId }, socket, context) => {
    const target = targetOf(participantId, socket.data.participantId);
    return runIntro(context, joinedCallId(socket), (intro) => moveSpeakerToEnd(intro, target));
  },
  'intro:end': (_payload, socket, context) =>
    runIntro(context, joinedCallId(socket), endIntro),
};
