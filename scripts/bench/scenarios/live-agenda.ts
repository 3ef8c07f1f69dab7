import { send, sleep } from '../clients';
import { latencyMetrics, type BenchContext, type ScenarioOutput } from '../scenario';
import { MoveDeliveries, summarize } from '../stats';

const ADVANCE_EVERY_MS = 500;

/** The host moves through the agenda twice a second; every attendee must see each move, fast. */
export async function runLiveAgenda(context: BenchContext): Promise<ScenarioOutput> {
  const durationS = context.isQuick ? 8 : 20;
  const moves = new MoveDeliveries();
  context.hooks.onEvent = (_client, item, now) => {
    if (item.event.type !== 'agenda.current' || !item.event.itemStartedAt) return;
    context.shared.eventPayloadBytes ??= Buffer.byteLength(JSON.stringify(item));
    moves.record(item.sequence, now - Date.parse(item.event.itemStartedAt));
  };

  const sequences: number[] = [];
  const failures: string[] = [];
  const started = Date.now();
  for (let step = 0; step < (durationS * 1000) / ADVANCE_EVERY_MS; step += 1) {
    await sleep(Math.max(0, started + step * ADVANCE_EVERY_MS - Date.now()));
    const itemId = context.itemIds[(step + 1) % context.itemIds.length]!;
    const response = await send(context.host.socket, 'agenda:jump', { itemId });
    if (response.ok) sequences.push(response.data.sequence);
    else failures.push(response.error.code);
  }
  // Every attendee and the host hear every move.
  const expected = sequences.length * (context.clients.length + 1);
  const deadline = Date.now() + 5000;
  const received = () => moves.received(sequences);
  while (received() < expected && Date.now() < deadline) await sleep(100);
  context.hooks.onEvent = undefined;

  const lastSummary = summarize(moves.lasts(sequences));
  const wrongItem = context.clients.filter((client) => client.currentItemId !== context.host.currentItemId).length;
  return {
    metrics: [
      { name: 'moves', value: sequences.length, unit: '' },
      { name: 'moves refused', value: failures.length, unit: '', target: { op: '=', value: 0 } },
      ...latencyMetrics('delivery (server time → client)', moves.delivery.summary(), { p99: 150 }),
      { name: 'last client per move p50', value: lastSummary.p50, unit: 'ms' },
      { name: 'last client per move max', value: lastSummary.max, unit: 'ms', target: { op: '<', value: 250 } },
      { name: 'lost deliveries', value: expected - received(), unit: '', target: { op: '=', value: 0 } },
      { name: 'clients on the wrong item at end', value: wrongItem, unit: '', target: { op: '=', value: 0 } },
      { name: 'deliveries/s', value: Math.round(received() / durationS), unit: '/s' },
    ],
    notes: failures.length > 0 ? [`refused: ${[...new Set(failures)].join(', ')}`] : [],
  };
}
