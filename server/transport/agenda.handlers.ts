import { CommandError } from '@/lib/protocol';
import { decideAgendaCommand, type AgendaCommand } from '../domain/agenda';
import { patchFromEvents } from '../domain/call-events';
import { commitCallChange, loadAgendaState } from '../persistence/calls.repository';
import type { ServerContext } from './context';
import type { CommandHandler } from './command-handler';

const MAX_ATTEMPTS = 5;

/** Decides against the stored state and commits only if nobody changed the call meanwhile (retrying if so). */
async function runAgendaCommand(context: ServerContext, callId: string, command: AgendaCommand) {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
    const state = await loadAgendaState(context.database, callId);
    const events = decideAgendaCommand(state, command, new Date());
    const first = await commitCallChange(context.database, callId, state.sequence, patchFromEvents(events), events.length);
    if (first === null) continue;
    const sequenced = context.broadcaster.sendEvents(callId, first, events);
    context.snapshots.advance(callId, sequenced);
    return { sequence: first + events.length - 1 };
  }
  throw new CommandError('invalid_state', 'The agenda changed at the same moment. Try again.');
}

export const startCall: CommandHandler<'call:start'> = (_payload, socket, context) =>
  runAgendaCommand(context, socket.data.callId!, { type: 'start' });

export const endCall: CommandHandler<'call:end'> = (_payload, socket, context) =>
  runAgendaCommand(context, socket.data.callId!, { type: 'end' });

export const advanceAgenda: CommandHandler<'agenda:advance'> = ({ direction }, socket, context) =>
  runAgendaCommand(context, socket.data.callId!, { type: 'advance', direction });

export const jumpToItem: CommandHandler<'agenda:jump'> = ({ itemId }, socket, context) =>
  runAgendaCommand(context, socket.data.callId!, { type: 'jump', itemId });
