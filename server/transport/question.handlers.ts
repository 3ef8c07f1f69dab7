import { listItems } from '@/lib/call-state';
import { CommandError, type CallEvent, type PublicCall, type PublicQuestion } from '@/lib/protocol';
import { checkMerge, decideModeration, isPublicState, type ModerationCommand } from '../domain/questions';
import { orderedNow } from '../domain/ordered-clock';
import { createId } from '../domain/secrets';
import { findParticipant } from '../persistence/participants.repository';
import { findPinnedQuestion, findQuestion, insertQuestion, mergeQuestion, saveQuestions } from '../persistence/questions.repository';
import { runCallCommand } from './call-command';
import type { CommandHandlers } from './command-handler';
import { joinedCallId, type ServerContext } from './context';
import type { RoundtableSocket } from '../realtime/sockets';


async function requireParticipant(socket: RoundtableSocket, context: ServerContext) {
  const participant = socket.data.participantId ? await findParticipant(context.database, joinedCallId(socket), socket.data.participantId) : null;
  if (!participant) throw new CommandError('not_checked_in', 'Check in first to ask or vote.');
  return participant;
}

async function requireQuestion(context: ServerContext, callId: string, questionId: string) {
  const found = await findQuestion(context.database, callId, questionId);
  if (!found) throw new CommandError('not_found', 'That question does not exist.');
  return found;
}

/** Scribes moderate only when the host allows it. */
function checkModerator(socket: RoundtableSocket, call: PublicCall) {
  if (socket.data.role === 'scribe' && !call.qaScribesModerate) {
    throw new CommandError('forbidden', 'The host has not allowed scribes to moderate questions.');
  }
}

/** Public changes are sequenced for everyone; changes to questions still waiting stay with the moderators and the asker. */
function questionEvents(context: ServerContext, callId: string, before: PublicQuestion[], after: PublicQuestion[], authorId: string | null): CallEvent[] {
  const wasPublic = new Map(before.map((question) => [question.id, isPublicState(question.state)]));
  const events: CallEvent[] = [];
  for (const question of after) {
    if (isPublicState(question.state) || wasPublic.get(question.id)) events.push({ type: 'question.upserted', question });
    else context.broadcaster.sendHiddenQuestion(callId, question, authorId);
  }
  return events;
}

async function moderate(socket: RoundtableSocket, context: ServerContext, questionId: string, command: ModerationCommand) {
  const callId = joinedCallId(socket);
  const { question, authorId } = await requireQuestion(context, callId, questionId);
  const pinned = command.type === 'pin' ? await findPinnedQuestion(context.database, callId) : null;
  let changed: PublicQuestion[] = [];
  const result = await runCallCommand(
    context,
    callId,
    (call) => {
      checkModerator(socket, call);
      changed = decideModeration(question, command, pinned);
      return questionEvents(context, callId, pinned ? [question, pinned] : [question], changed, authorId);
    },
    (transaction) => saveQuestions(transaction, changed),
  );
  return result;
}

export const questionHandlers: CommandHandlers<
  'qa:ask' | 'qa:vote' | 'qa:unvote' | 'qa:approve' | 'qa:pin' | 'qa:answer' | 'qa:dismiss' | 'qa:restore' | 'qa:edit' | 'qa:merge' | 'qa:settings'
> = {
  'qa:ask': async ({ text, isAnonymous, itemId }, socket, context) => {
    const callId = joinedCallId(socket);
    const participant = await requireParticipant(socket, context);
    if (!context.limits.questions.take(participant.id)) throw new CommandError('rate_limited', 'You are asking very fast. Wait a minute and try again.');
    const id = createId();
    let question: PublicQuestion | undefined;
    await runCallCommand(
      context,
      callId,
      (call) => {
        if (call.status === 'ended') throw new CommandError('invalid_state', 'This call has ended; questions are closed.');
        if (!call.qaOpen) throw new CommandError('invalid_state', 'The host has closed questions for now.');
        if (itemId && !listItems(call).some((item) => item.id === itemId)) throw new CommandError('not_found', 'That agenda item does not exist.');
        const state = call.qaModerated && socket.data.role === 'attendee' ? 'pending' : 'open';
        question = { id, text, isAnonymous, itemId, state, authorName: isAnonymous ? '' : participant.displayName, answer: '', answeredBy: '', voteCount: 0, createdAt: orderedNow().toISOString() };
        return state === 'open' ? [{ type: 'question.upserted', question }] : [];
      },
      async (transaction) => {
        const { state, createdAt } = question!;
        await insertQuestion(transaction, { id, callId, authorId: participant.id, authorName: participant.displayName, isAnonymous, itemId, text, state, createdAt: new Date(createdAt) });
      },
    );
    if (question!.state === 'pending') context.broadcaster.sendHiddenQuestion(callId, question!, participant.id);
    return { question: question! };
  },
  'qa:vote': async ({ questionId }, socket, context) => vote(socket, context, questionId, true),
  'qa:unvote': async ({ questionId }, socket, context) => vote(socket, context, questionId, false),
  'qa:approve': ({ questionId }, socket, context) => moderate(socket, context, questionId, { type: 'approve' }),
  'qa:pin': ({ questionId }, socket, context) => moderate(socket, context, questionId, { type: 'pin' }),
  'qa:answer': ({ questionId, answer, answeredBy }, socket, context) => moderate(socket, context, questionId, { type: 'answer', answer, answeredBy }),
  'qa:dismiss': ({ questionId }, socket, context) => moderate(socket, context, questionId, { type: 'dismiss' }),
  'qa:restore': ({ questionId }, socket, context) => moderate(socket, context, questionId, { type: 'restore' }),
  'qa:edit': ({ questionId, text }, socket, context) => moderate(socket, context, questionId, { type: 'edit', text }),
  'qa:merge': async ({ questionId, intoQuestionId }, socket, context) => {
    const callId = joinedCallId(socket);
    const [{ question: source }, { question: target }] = await Promise.all([requireQuestion(context, callId, questionId), requireQuestion(context, callId, intoQuestionId)]);
    checkMerge(source, target);
    const result = await runCallCommand(
      context,
      callId,
      (call) => {
        checkModerator(socket, call);
        return [{ type: 'question.merged', questionId, intoQuestionId }];
      },
      async (transaction) => {
        await mergeQuestion(transaction, source.id, target.id);
      },
    );
    context.broadcaster.markTallyChanged(callId, target.id);
    return result;
  },
  'qa:settings': (settings, socket, context) =>
    runCallCommand(context, joinedCallId(socket), (call) => [
      {
        type: 'qa.settings',
        qaOpen: settings.qaOpen ?? call.qaOpen,
        qaModerated: settings.qaModerated ?? call.qaModerated,
        qaScribesModerate: settings.qaScribesModerate ?? call.qaScribesModerate,
      },
    ]),
};

async function vote(socket: RoundtableSocket, context: ServerContext, questionId: string, isVote: boolean) {
  // Whether the participant is still in the call is checked with the batch, not by a query per vote.
  const participantId = socket.data.participantId;
  if (!participantId) throw new CommandError('not_checked_in', 'Check in first to ask or vote.');
  if (!context.limits.votes.take(participantId)) throw new CommandError('rate_limited', 'Too many votes at once. Wait a moment.');
  const outcome = await context.votes.submit(joinedCallId(socket), { questionId, participantId, isVote });
  if (!outcome.ok) throw new CommandError(outcome.code, outcome.message);
  return { voteCount: outcome.voteCount };
}
