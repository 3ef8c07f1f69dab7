import { listItems } from '@/lib/call-state';
import type { PublicCall } from '@/lib/protocol';
import { decideAgendaCommand, type AgendaCommand } from '../domain/agenda';
import { decideClosingAtEnd } from '../domain/polls';
import { listPolls, savePollStatus } from '../persistence/polls.repository';
import { decideTimerCommand, type TimerCommand } from '../domain/timer';
import { commitDecision, runCallCommand } from './call-command';
import type { CommandHandlers } from './command-handler';
import { joinedCallId, type ServerContext } from './context';
import type { RoundtableSocket } from '../realtime/sockets';

const decideAgenda = (call: PublicCall, command: AgendaCommand) =>
  decideAgendaCommand({ status: call.status, currentItemId: call.currentItemId, itemIds: listItems(call).map((item) => item.id) }, command, new Date());

function runAgenda(context: ServerContext, socket: RoundtableSocket, command: AgendaCommand) {
  return runCallCommand(context, joinedCallId(socket), (call) => decideAgenda(call, command));
}

/** Ending the call closes its open polls in the same change. */
async function endCall(context: ServerContext, socket: RoundtableSocket) {
  const callId = joinedCallId(socket);
  const polls = await listPolls(context.database, callId, { includeDrafts: false });
  const { sequence } = await commitDecision(
    context,
    callId,
    (call) => {
      const ending = decideAgenda(call, { type: 'end' });
      const closing = decideClosingAtEnd(call, polls, new Date().toISOString());
      return { ...closing, events: [...ending, ...closing.events] };
    },
    async (transaction, { closed }) => {
      for (const poll of closed) await savePollStatus(transaction, poll);
    },
  );
  return { sequence };
}

function currentPlannedMinutes(call: PublicCall): number | null {
  return listItems(call).find((item) => item.id === call.currentItemId)?.plannedMinutes ?? null;
}

function runTimer(context: ServerContext, socket: RoundtableSocket, command: TimerCommand) {
  return runCallCommand(context, joinedCallId(socket), (call) =>
    decideTimerCommand({ ...call, plannedMinutes: currentPlannedMinutes(call) }, command, new Date()),
  );
}

export const agendaHandlers: CommandHandlers<
  'call:start' | 'call:end' | 'agenda:advance' | 'agenda:jump' | 'timer:pause' | 'timer:resume' | 'timer:reset' | 'timer:extend'
>= {
  'call:start': (_payload, socket, context) => runAgenda(context, socket, { type: 'start' }),
  'call:end': (_payload, socket, context) => endCall(context, socket),
  'agenda:advance': ({ direction }, socket, context) => runAgenda(context, socket, { type: 'advance', direction }),
  'agenda:jump': ({ itemId }, socket, context) => runAgenda(context, socket, { type: 'jump', itemId }),
  'timer:pause': (_payload, socket, context) => runTimer(context, socket, { type: 'pause' }),
  'timer:resume': (_payload, socket, context) => runTimer(context, socket, { type: 'resume' }),
  'timer:reset': (_payload, socket, context) => runTimer(context, socket, { type: 'reset' }),
  'timer:extend': ({ minutes }, socket, context) => runTimer(context, socket, { type: 'extend', minutes }),
};
