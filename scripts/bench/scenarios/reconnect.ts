import { send, sleep, type BenchClient } from '../clients';
import { latencyMetrics, type BenchContext, type Metric } from '../scenario';
import { summarize } from '../stats';

const DEADLINE_MS = 60_000;

type Resync = { ms: number[]; failed: number; unsynced: number; wrongState: number; snapshotKb: number; questions: number };

/** Waits for every client to join again after `cause()`, and checks each fresh snapshot against what it must hold. */
async function measureResync(context: BenchContext, cause: () => Promise<{ sequence: number; itemId: string | null }>): Promise<Resync> {
  const clients = context.clients;
  const pending = new Set<BenchClient>(clients);
  const ms: number[] = [];
  let failed = 0;
  let wrongState = 0;
  const started = Date.now();
  const checks: { client: BenchClient; sequence: number; itemId: string | null }[] = [];
  let size = { snapshotKb: 0, questions: 0 };
  context.hooks.onResync = (client, snapshot, now) => {
    if (!pending.has(client)) return;
    if (!snapshot) return void (failed += 1);
    if (pending.size === clients.length) size = { snapshotKb: Math.round(JSON.stringify(snapshot).length / 1024), questions: snapshot.questions.length };
    pending.delete(client);
    ms.push(now - started);
    checks.push({ client, sequence: snapshot.sequence, itemId: snapshot.call.currentItemId });
  };
  const expected = await cause();
  const deadline = started + DEADLINE_MS;
  while (pending.size > 0 && Date.now() < deadline) await sleep(100);
  context.hooks.onResync = undefined;
  const votes = context.shared.expectedVotes ?? new Map<string, number>();
  for (const { client, sequence, itemId } of checks) {
    const isTallyRight = [...votes].every(([questionId, count]) => client.tallies.get(questionId) === count);
    if (sequence < expected.sequence || itemId !== expected.itemId || !isTallyRight) wrongState += 1;
  }
  return { ms, failed, unsynced: pending.size, wrongState, ...size };
}

function resyncMetrics(label: string, resync: Resync): Metric[] {
  return [
    ...latencyMetrics(`${label}: resync`, summarize(resync.ms), { p95: 5000 }),
    { name: `${label}: not resynced in 60 s`, value: resync.unsynced, unit: '', target: { op: '=', value: 0 } },
    { name: `${label}: stale or wrong snapshots`, value: resync.wrongState, unit: '', target: { op: '=', value: 0 } },
    { name: `${label}: failed rejoins (retried)`, value: resync.failed, unit: '' },
  ];
}

/** Every attendee's connection drops at once (the host moves on meanwhile); then the server restarts. */
export async function runReconnect(context: BenchContext) {
  const dropped = await measureResync(context, async () => {
    for (const client of context.clients) client.socket.io.engine.close();
    const next = context.itemIds.find((id) => id !== context.host.currentItemId)!;
    const response = await send(context.host.socket, 'agenda:jump', { itemId: next });
    if (!response.ok) throw new Error(`the host could not move on: ${response.error.message}`);
    return { sequence: response.data.sequence, itemId: next };
  });
  await sleep(2000);
  const before = { sequence: context.host.sequence, itemId: context.host.currentItemId };
  const restarted = await measureResync(context, async () => {
    await context.control.restartServer();
    return before;
  });
  return {
    metrics: [...resyncMetrics('all dropped at once', dropped), ...resyncMetrics('server restart', restarted)],
    notes: [`a rejoining attendee's snapshot: ${dropped.questions} questions, ${dropped.snapshotKb} KB of JSON`],
  };
}
