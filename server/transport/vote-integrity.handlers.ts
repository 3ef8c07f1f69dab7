import { requirePermission } from '@/lib/permissions';
import { CommandError } from '@/lib/protocol';
import { decideGroupRemoval, decideHold, groupVoters } from '../domain/vote-integrity';
import { findQuestion, listQuestions, saveQuestions } from '../persistence/questions.repository';
import { listVoteSignals, listVoters, removeParticipantsWithVotes } from '../persistence/vote-integrity.repository';
import { leaveCallRooms } from '../realtime/fan-out';
import { moderatorRoom, participantRoom } from '../realtime/rooms';
import { commitDecision } from './call-command';
import type { CommandHandlers } from './command-handler';
import { joinedCallId, type ServerContext } from './context';

/**
 * Withdraws removed participants' votes (every tally recounted on the next tick), tells their sockets, and with a
 * block drops those sockets from the call.
 */
export async function noticeRemoval(context: ServerContext, callId: string, removed: { removedIds: string[]; recountedIds: string[] }, block: boolean, message: string) {
  for (const questionId of removed.recountedIds) context.broadcaster.markTallyChanged(callId, questionId);
  for (const participantId of removed.removedIds) {
    context.broadcaster.markParticipantChanged(callId, participantId);
    const room = participantRoom(participantId);
    context.io.to(room).emit('participant:removed', { message });
    if (!block) continue;
    for (const leaving of await context.io.in(room).fetchSockets()) await leaveCallRooms(leaving, callId);
    context.io.in(room).disconnectSockets(true);
  }
}

/** A question whose votes came in a burst goes to the approval queue, when the host holds bursts for review. */
export async function holdQuestion(context: ServerContext, callId: string, questionId: string): Promise<void> {
  const found = await findQuestion(context.database, callId, questionId);
  if (!found) return;
  await commitDecision(
    context,
    callId,
    () => decideHold(found.question, found.authorId),
    (transaction, { changed }) => saveQuestions(transaction, changed),
  );
}

/** The host just let scribes moderate questions: the scribes in the call get the signals only hosts had. */
export async function shareSignalsWithScribes(context: ServerContext, callId: string): Promise<void> {
  for (const [questionId, signal] of Object.entries(await listVoteSignals(context.database, callId))) {
    context.io.to(moderatorRoom(callId)).emit('qa:signal', { questionId, signal });
  }
}

export const voteIntegrityHandlers: CommandHandlers<'qa:voters' | 'qa:removeGroup'> = {
  'qa:voters': async ({ questionId }, socket, context) => {
    const callId = joinedCallId(socket);
    const current = await context.snapshots.get(callId);
    requirePermission(socket.data.role, 'qa:voters', { settings: current?.call });
    const found = await listVoters(context.database, callId, questionId);
    if (!found) throw new CommandError('not_found', 'That question does not exist.');
    return { groups: groupVoters(found.voters), voters: found.total };
  },
  'qa:removeGroup': async ({ participantIds, block }, socket, context) => {
    const callId = joinedCallId(socket);
    const authored = await listQuestions(context.database, callId, { includeHidden: true, authorIds: participantIds });
    let removed = { removedIds: [] as string[], recountedIds: [] as string[] };
    const { sequence, decision } = await commitDecision(
      context,
      callId,
      (call) => {
        requirePermission(socket.data.role, 'qa:removeGroup', { settings: call });
        return decideGroupRemoval(socket.data.participantId, participantIds, authored);
      },
      async (transaction, { dismissed }) => {
        await saveQuestions(transaction, dismissed);
        removed = await removeParticipantsWithVotes(transaction, callId, participantIds, { block, now: new Date() });
      },
    );
    const message = block ? 'A moderator removed you from this call.' : 'A moderator removed your check-in and your votes. You can check in again.';
    await noticeRemoval(context, callId, removed, block, message);
    return {
      sequence,
      removedIds: removed.removedIds,
      recountedQuestionIds: removed.recountedIds,
      dismissedQuestionIds: decision.dismissed.map((question) => question.id),
    };
  },
};
