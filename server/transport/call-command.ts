import { CommandError, type CallEvent, type PublicCall } from '@/lib/protocol';
import { patchFromEvents } from '../domain/call-events';
import { commitCallChange } from '../persistence/calls.repository';
import type { Transaction } from '../persistence/database';
import type { ServerContext } from './context';

const MAX_ATTEMPTS = 5;

/**
 * Runs a decision against the stored call and commits it only if nobody changed the call meanwhile, retrying
 * on a conflict; then broadcasts the events with their sequence numbers. The database decides the order, so
 * this holds across several nodes.
 */
export async function runCallCommand(
  context: ServerContext,
  callId: string,
  decide: (call: PublicCall) => CallEvent[],
  write?: (transaction: Transaction) => Promise<void>,
): Promise<{ sequence: number }> {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
    const current = await context.snapshots.get(callId);
    if (!current) throw new CommandError('not_found', 'This call no longer exists.');
    const events = decide(current.call);
    const agendaUpdate = events.find((event) => event.type === 'agenda.updated');
    const first = await commitCallChange(context.database, callId, current.sequence, {
      patch: patchFromEvents(events),
      eventCount: events.length,
      agenda: agendaUpdate ? { before: current.call.sections, after: agendaUpdate.sections } : undefined,
      write,
    });
    if (first === null) continue;
    const sequenced = context.broadcaster.sendEvents(callId, first, events);
    context.snapshots.advance(callId, sequenced);
    return { sequence: first + events.length - 1 };
  }
  throw new CommandError('invalid_state', 'The call changed at the same moment. Try again.');
}
