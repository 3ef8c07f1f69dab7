import { requirePermission } from '@/lib/permissions';
import { CommandError, type CommandName, type PublicCall } from '@/lib/protocol';
import { orderedNow } from '../domain/ordered-clock';
import { decideCreate, decideDelete, decideStatus, type Poll } from '../domain/polls';
import { createId } from '../domain/secrets';
import { deletePoll, findPoll, insertPoll, savePollStatus, setAnswerHidden } from '../persistence/polls.repository';
import { commitDecision, runCallCommand } from './call-command';
import type { CommandHandlers } from './command-handler';
import { joinedCallId, type ServerContext } from './context';
import type { RoundtableSocket } from '../realtime/sockets';

/** A reaction may be counted for the item that was current up to this long ago (another node's move). */
const REACTION_STATE_MAX_AGE_MS = 150;

async function requirePoll(context: ServerContext, callId: string, pollId: string): Promise<Poll> {
  const poll = await findPoll(context.database, callId, pollId);
  if (!poll) throw new CommandError('not_found', 'That poll does not exist.');
  return poll;
}

/** Scribes run polls only while the host allows it: checked against the call the command is decided on. */
const allowed = (call: PublicCall, socket: RoundtableSocket, command: CommandName) => requirePermission(socket.data.role, command, { settings: call });

async function setStatus(socket: RoundtableSocket, context: ServerContext, pollId: string, next: 'open' | 'closed') {
  const callId = joinedCallId(socket);
  const poll = await requirePoll(context, callId, pollId);
  const { sequence } = await commitDecision(
    context,
    callId,
    (call) => {
      allowed(call, socket, next === 'open' ? 'poll:open' : 'poll:close');
      return decideStatus(call, poll, next, orderedNow().toISOString());
    },
    (transaction, decided) => savePollStatus(transaction, decided.poll),
  );
  return { sequence };
}

export const pollHandlers: CommandHandlers<'poll:create' | 'poll:open' | 'poll:close' | 'poll:delete' | 'poll:answer' | 'poll:hideAnswer' | 'reaction:send'> = {
  'poll:create': async ({ options = [], maxChoices, itemId, ...fields }, socket, context) => {
    const callId = joinedCallId(socket);
    const input = {
      ...fields,
      id: createId(),
      options: options.map((label) => ({ id: createId(), label })),
      maxChoices: maxChoices ?? null,
      itemId: itemId ?? null,
      createdAt: orderedNow().toISOString(),
    };
    const { decision } = await commitDecision(
      context,
      callId,
      (call) => {
        allowed(call, socket, 'poll:create');
        return decideCreate(call, input);
      },
      (transaction, { poll }) => insertPoll(transaction, callId, poll),
    );
    return { poll: decision.poll };
  },
  'poll:open': ({ pollId }, socket, context) => setStatus(socket, context, pollId, 'open'),
  'poll:close': ({ pollId }, socket, context) => setStatus(socket, context, pollId, 'closed'),
  'poll:delete': async ({ pollId }, socket, context) => {
    const callId = joinedCallId(socket);
    const poll = await requirePoll(context, callId, pollId);
    return runCallCommand(
      context,
      callId,
      (call) => {
        allowed(call, socket, 'poll:delete');
        return decideDelete(poll);
      },
      (transaction) => deletePoll(transaction, poll.id),
    );
  },
  'poll:answer': async ({ pollId, ...input }, socket, context) => {
    // Whether the participant is still in the call, and the poll still open, is decided with the batch.
    const participantId = socket.data.participantId;
    if (!participantId) throw new CommandError('not_checked_in', 'Check in first to answer.');
    if (!context.limits.answers.take(participantId)) throw new CommandError('rate_limited', 'You are changing your answer very fast. Wait a moment.');
    const outcome = await context.pollAnswers.submit(joinedCallId(socket), { pollId, participantId, input, origin: socket.id });
    if (!outcome.ok) throw new CommandError(outcome.code, outcome.message);
    return { ok: true };
  },
  'poll:hideAnswer': async ({ pollId, answerId, hidden }, socket, context) => {
    const callId = joinedCallId(socket);
    const call = await context.snapshots.get(callId);
    if (!call) throw new CommandError('not_found', 'This call no longer exists.');
    allowed(call.call, socket, 'poll:hideAnswer');
    await requirePoll(context, callId, pollId);
    if (!(await setAnswerHidden(context.database, pollId, answerId, hidden))) throw new CommandError('not_found', 'That answer does not exist.');
    context.broadcaster.publish(callId, [{ type: 'poll.answered', pollId }]);
    return { ok: true };
  },
  'reaction:send': async ({ emoji }, socket, context) => {
    const callId = joinedCallId(socket);
    const participantId = socket.data.participantId;
    if (!participantId) throw new CommandError('not_checked_in', 'Check in first to react.');
    if (!context.limits.reactions.take(participantId)) throw new CommandError('rate_limited', 'Easy there: a few reactions a second at most.');
    const current = await context.snapshots.recent(callId, REACTION_STATE_MAX_AGE_MS);
    if (!current) throw new CommandError('not_found', 'This call no longer exists.');
    if (current.call.status !== 'live') throw new CommandError('invalid_state', 'Reactions open when the call starts.');
    context.broadcaster.addReaction(callId, current.call.currentItemId, emoji);
    return { ok: true };
  },
};
