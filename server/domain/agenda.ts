import { CommandError, type CallEvent, type CallStatus } from '@/lib/protocol';

export type AgendaState = {
  status: CallStatus;
  currentItemId: string | null;
  /** Every item id in agenda order (sections flattened). */
  itemIds: string[];
};

export type AgendaCommand =
  | { type: 'start' }
  | { type: 'end' }
  | { type: 'advance'; direction: 'next' | 'previous' }
  | { type: 'jump'; itemId: string };

/** Decides what a host's agenda command changes. Throws CommandError when it cannot apply. */
export function decideAgendaCommand(state: AgendaState, command: AgendaCommand, now: Date): CallEvent[] {
  const at = now.toISOString();
  const moveTo = (itemId: string | null): CallEvent => ({
    type: 'agenda.current',
    currentItemId: itemId,
    itemStartedAt: itemId ? at : null,
  });

  if (command.type === 'start') {
    if (state.status !== 'scheduled') throw new CommandError('invalid_state', `The call is already ${state.status}.`);
    return [{ type: 'call.status', status: 'live', startedAt: at, endedAt: null }, moveTo(state.itemIds[0] ?? null)];
  }

  if (state.status !== 'live') throw new CommandError('invalid_state', 'Start the call first.');

  if (command.type === 'end') {
    return [{ type: 'call.status', status: 'ended', startedAt: null, endedAt: at }, moveTo(null)];
  }

  if (command.type === 'jump') {
    if (!state.itemIds.includes(command.itemId)) throw new CommandError('not_found', 'That agenda item does not exist.');
    if (command.itemId === state.currentItemId) throw new CommandError('invalid_state', 'That item is already current.');
    return [moveTo(command.itemId)];
  }

  const index = state.currentItemId ? state.itemIds.indexOf(state.currentItemId) : -1;
  const target = command.direction === 'next' ? index + 1 : index - 1;
  const targetId = state.itemIds[target];
  if (target < 0 || !targetId) {
    throw new CommandError('invalid_state', command.direction === 'next' ? 'This is the last item.' : 'This is the first item.');
  }
  return [moveTo(targetId)];
}
