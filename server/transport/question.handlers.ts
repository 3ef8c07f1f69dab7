import { CommandError } from '@/lib/protocol';
import { orderedNow } from '../domain/ordered-clock';
import { decideAsk, decideMerge, decideModerationCommand, decideQaSettings } from '../domain/qa';
import type { ModerationCommand } from '../domain/questions';
import { createId } from '../domain/secrets';
import { findParticipant } from '../persistence/participants.repository';
import { findPinnedQuestion, findQuestion, insertQuestion, mergeQuestion, saveQuestions } from '../persistence/questions.repository';
import { commitDecision, runCallCommand } from './call-command';
import type { CommandHandlers } from './command-handler';
import { joinedCallId, type ServerContext } from './context';
import type { RoundtableSocket } from '../realtime/sockets';
import { holdQuestion, shareSignalsWithScribes } from './vote-integrity.handlers';

async function requireParticipant(context: ServerContext, callId: string, participantId: string | undefined) {
  const participant = participantId ? await findParticipant(context.database, callId, participantId) : null;
  if (!participant) throw new CommandError('not_checked_in', 'Check in first to ask or vote.');
  return participant;
}

async function requireQuestion(context: ServerContext, callId: string, questionId: string) {
  const found = await findQuestion(context.database, callId, questionId);
  if (!found) throw new CommandError('not_found', 'That question does not exist.');
  return found;
}

async function moderate(socket: RoundtableSocket, context: ServerContext, questionId: string, command: ModerationCommand) {
  const callId = joinedCallId(socket);
  const { question, authorId } = await requireQuestion(context, callId, questionId);
  const pinned = command.type === 'pin' ? await findPinnedQuestion(context.database, callId) : null;
  const { sequence } = await commitDecision(
    context,
    callId,
    (call) => decideModerationCommand(call, socket.data.role, { question, authorId, pinned }, command),
    (transaction, { changed }) => saveQuestions(transaction, changed),
  );
  return { sequence };
}

async function vote(socket: RoundtableSocket, context: ServerContext, questionId: string, isVote: boolean) {
  // Whether the participant is still in the call is decided with the batch, not by a query per vote.
  const participantId = socket.data.participantId;
  if (!participantId) throw new CommandError('not_checked_in', 'Check in first to ask or vote.');
  if (!context.limits.votes.take(participantId)) throw new CommandError('rate_limited', 'Too many votes at once. Wait a moment.');
  const callId = joinedCallId(socket);
  const outcome = await context.votes.submit(callId, { questionId, participantId, isVote });
  if (!outcome.ok) {
    if (outcome.code === 'forbidden') context.metrics.integrityRefusals.inc({ reason: 'vote' });
    throw new CommandError(outcome.code, outcome.message);
  }
  if (outcome.holdsQuestion) await holdQuestion(context, callId, questionId);
  return { voteCount: outcome.voteCount };
}

export const questionHandlers: CommandHandlers<
  'qa:ask' | 'qa:vote' | 'qa:unvote' | 'qa:approve' | 'qa:pin' | 'qa:answer' | 'qa:dismiss' | 'qa:restore' | 'qa:edit' | 'qa:merge' | 'qa:settings'
> = {
  'qa:ask': async ({ text, isAnonymous, itemId }, socket, context) => {
    const callId = joinedCallId(socket);
    const participant = await requireParticipant(context, callId, socket.data.participantId);
    if (!context.limits.questions.take(participant.id)) throw new CommandError('rate_limited', 'You are asking very fast. Wait a minute and try again.');
    const asker = { role: socket.data.role, participantId: participant.id, displayName: participant.displayName };
    const input = { id: createId(), text, isAnonymous, itemId, createdAt: orderedNow().toISOString() };
    const { decision } = await commitDecision(
      context,
      callId,
      (call) => decideAsk(call, asker, input),
      async (transaction, { question }) => {
        const { id, state, createdAt } = question;
        await insertQuestion(transaction, { id, callId, authorId: participant.id, authorName: participant.displayName, isAnonymous, itemId, text, state, createdAt: new Date(createdAt) });
      },
    );
    return { question: decision.question };
  },
  'qa:vote': ({ questionId }, socket, context) => vote(socket, context, questionId, true),
  'qa:unvote': ({ questionId }, socket, context) => vote(socket, context, questionId, false),
  'qa:approve': ({ questionId }, socket, context) => moderate(socket, context, questionId, { type: 'approve' }),
  'qa:pin': ({ questionId }, socket, context) => moderate(socket, context, questionId, { type: 'pin' }),
  'qa:answer': ({ questionId, answer, answeredBy }, socket, context) => moderate(socket, context, questionId, { type: 'answer', answer, answeredBy }),
  'qa:dismiss': ({ questionId }, socket, context) => moderate(socket, context, questionId, { type: 'dismiss' }),
  'qa:restore': ({ questionId }, socket, context) => moderate(socket, context, questionId, { type: 'restore' }),
  'qa:edit': ({ questionId, text }, socket, context) => moderate(socket, context, questionId, { type: 'edit', text }),
  'qa:merge': async ({ questionId, intoQuestionId }, socket, context) => {
    const callId = joinedCallId(socket);
    const [{ question: source }, { question: target }] = await Promise.all([requireQuestion(context, callId, questionId), requireQuestion(context, callId, intoQuestionId)]);
    return runCallCommand(
      context,
      callId,
      (call) => decideMerge(call, socket.data.role, source, target),
      (transaction) => mergeQuestion(transaction, source.id, target.id).then(() => undefined),
    );
  },
  'qa:settings': async (settings, socket, context) => {
    const callId = joinedCallId(socket);
    let scribesStartModerating = false;
    const result = await runCallCommand(context, callId, (call) => {
      scribesStartModerating = !call.qaScribesModerate && settings.qaScribesModerate === true;
      return decideQaSettings(call, settings, new Date());
    });
    if (scribesStartModerating) await shareSignalsWithScribes(context, callId);
    return result;
  },
};
