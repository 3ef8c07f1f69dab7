import { CommandError, type CallEvent, type PublicCall, type WebhookEvent } from '@/lib/protocol';
import { patchFromEvents } from '../domain/call-events';
import type { Decision } from '../domain/decision';
import { commitCallChange } from '../persistence/calls.repository';
import type { Database, Transaction } from '../persistence/database';
import type { WebhookAnnouncer } from '../outbound/webhook-announcer';
import type { Broadcaster } from '../realtime/broadcaster';
import type { SnapshotCache } from '../realtime/snapshot-cache';

const MAX_ATTEMPTS = 5;

/** What committing and publishing a decision needs from the server context. */
export type CommandContext = {
  database: Database;
  snapshots: Pick<SnapshotCache, 'get' | 'advance'>;
  broadcaster: Pick<Broadcaster, 'sendEvents' | 'publish'>;
  /** Tells the series' webhooks that the call started, ended or was rescheduled. */
  webhooks?: Pick<WebhookAnnouncer, 'announce'>;
};

/** The webhook event a committed call event is, if any. */
function webhookEventOf(event: CallEvent): WebhookEvent | null {
  if (event.type === 'call.scheduled') return 'call.scheduled';
  if (event.type !== 'call.status') return null;
  return event.status === 'live' ? 'call.started' : event.status === 'ended' ? 'call.ended' : null;
}

/**
 * Decides against the stored call and commits only if nobody changed the call meanwhile, deciding again on a
 * conflict; then publishes the committed decision's events (with their sequence numbers) and notices, once.
 * The database decides the order, so this holds across several nodes.
 */
export async function commitDecision<Decided extends Decision>(
  context: CommandContext,
  callId: string,
  decide: (call: PublicCall) => Decided,
  write?: (transaction: Transaction, decision: Decided) => Promise<void>,
): Promise<{ sequence: number; decision: Decided }> {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
    const current = await context.snapshots.get(callId);
    if (!current) throw new CommandError('not_found', 'This call no longer exists.');
    const decision = decide(current.call);
    const { events } = decision;
    const agendaUpdate = events.find((event) => event.type === 'agenda.updated');
    const first = await commitCallChange(context.database, callId, current.sequence, {
      patch: patchFromEvents(events),
      eventCount: events.length,
      agenda: agendaUpdate ? { before: current.call.sections, after: agendaUpdate.sections } : undefined,
      write: write && ((transaction) => write(transaction, decision)),
    });
    if (first === null) continue;
    const sequenced = context.broadcaster.sendEvents(callId, first, events);
    context.snapshots.advance(callId, sequenced);
    context.broadcaster.publish(callId, decision.notices);
    for (const event of events.map(webhookEventOf).filter((name) => name !== null)) void context.webhooks?.announce(callId, event);
    return { sequence: first + events.length - 1, decision };
  }
  throw new CommandError('invalid_state', 'The call changed at the same moment. Try again.');
}

/** `commitDecision` for a change that is only sequenced events. */
export async function runCallCommand(
  context: CommandContext,
  callId: string,
  decide: (call: PublicCall) => CallEvent[] | Decision,
  write?: (transaction: Transaction) => Promise<void>,
): Promise<{ sequence: number }> {
  const { sequence } = await commitDecision(
    context,
    callId,
    (call) => {
      const decided = decide(call);
      return Array.isArray(decided) ? { events: decided, notices: [] } : decided;
    },
    write,
  );
  return { sequence };
}
