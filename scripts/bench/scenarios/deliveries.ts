import { BenchClient, connectBare, send, sleep } from '../clients';
import type { BenchContext, ScenarioOutput } from '../scenario';
import { Histogram } from '../stats';

const WINDOW = 4;
const HOSTS = 8;

type Loop = { deliveriesPerSecond: number; broadcasts: number; latency: Histogram };

/**
 * Fan-out throughput, measured the same way on our server and on a bare Socket.IO server: broadcasts are sent
 * back to back, keeping at most WINDOW broadcasts' worth of deliveries outstanding.
 */
async function runClosedLoop(durationS: number, receivers: number, received: () => number, fire: (index: number) => Promise<boolean>, latency: Histogram): Promise<Loop> {
  let confirmed = 0;
  let inFlight = 0;
  let fired = 0;
  const startCount = received();
  const started = Date.now();
  const end = started + durationS * 1000;
  while (Date.now() < end) {
    const outstanding = (confirmed + inFlight) * receivers - (received() - startCount);
    if (inFlight < WINDOW && outstanding <= (WINDOW - 1) * receivers) {
      inFlight += 1;
      void fire(fired++).then((isOk) => {
        inFlight -= 1;
        if (isOk) confirmed += 1;
      });
    } else {
      await sleep(1);
    }
  }
  const deliveries = received() - startCount;
  const elapsedS = (Date.now() - started) / 1000;
  await sleep(2000);
  return { deliveriesPerSecond: Math.round(deliveries / elapsedS), broadcasts: confirmed, latency };
}

/** Our server: the host jumps between agenda items, each jump a sequenced event to every attendee. */
export async function measureOurDeliveries(context: BenchContext): Promise<Loop> {
  const hosts = await Promise.all(
    Array.from({ length: HOSTS }, async () => {
      const host = new BenchClient(context.url, context.slug, context.keys.host);
      await host.connected();
      await host.join();
      return host;
    }),
  );
  let received = 0;
  const latency = new Histogram();
  context.hooks.onEvent = (_client, item, now) => {
    received += 1;
    if (item.event.type === 'agenda.current' && item.event.itemStartedAt) latency.record(now - Date.parse(item.event.itemStartedAt));
  };
  const loop = await runClosedLoop(
    context.isQuick ? 5 : 10,
    // Only clients that joined are in the room; one that failed to join must not stall the loop.
    context.clients.filter((client) => client.token !== undefined).length + 1 + HOSTS,
    () => received,
    async (index) => {
      const response = await send(hosts[index % HOSTS]!.socket, 'agenda:jump', { itemId: context.itemIds[index % context.itemIds.length]! }).catch(() => null);
      return response?.ok ?? false;
    },
    latency,
  );
  context.hooks.onEvent = undefined;
  for (const host of hosts) host.close();
  return loop;
}

/** The bare Socket.IO server with as many clients, broadcasting a payload of the same size. */
export async function measureBaselineDeliveries(context: BenchContext, url: string, payloadBytes: number): Promise<Loop & { connectFailures: number }> {
  let received = 0;
  const latency = new Histogram();
  const { sockets, connectFailures } = await connectBare(url, context.clients.length);
  // The driver broadcasts only once every client is connected, so no event comes before these listeners.
  for (const socket of sockets) {
    socket.on('event', (message: { sentAt: number }) => {
      received += 1;
      latency.record(Date.now() - message.sentAt);
    });
  }
  const driver = sockets[0]!;
  const pad = 'x'.repeat(Math.max(0, payloadBytes - 40));
  const loop = await runClosedLoop(
    context.isQuick ? 5 : 10,
    sockets.length,
    () => received,
    async (index) => {
      const response = await driver.timeout(15_000).emitWithAck('broadcast', { sequence: index, pad }).catch(() => null);
      return response !== null;
    },
    latency,
  );
  for (const socket of sockets) socket.disconnect();
  return { ...loop, connectFailures };
}

export function deliveriesOutput(ours: Loop, baseline: Loop & { connectFailures: number }, payloadBytes: number): ScenarioOutput {
  const ratio = Math.round((ours.deliveriesPerSecond / Math.max(1, baseline.deliveriesPerSecond)) * 1000) / 10;
  const ourLatency = ours.latency.summary();
  const baseLatency = baseline.latency.summary();
  return {
    metrics: [
      { name: 'ours: deliveries/s', value: ours.deliveriesPerSecond, unit: '/s' },
      { name: 'baseline: deliveries/s', value: baseline.deliveriesPerSecond, unit: '/s' },
      { name: 'ours as % of baseline', value: ratio, unit: '%', target: { op: '>=', value: 80 } },
      { name: 'ours: latency p50 / baseline p50', value: Math.round((ourLatency.p50 / Math.max(1, baseLatency.p50)) * 100) / 100, unit: '×' },
      { name: 'ours: latency p99', value: ourLatency.p99, unit: 'ms' },
      { name: 'baseline: latency p99', value: baseLatency.p99, unit: 'ms' },
      { name: 'baseline: connect failures', value: baseline.connectFailures, unit: '', target: { op: '=', value: 0 } },
    ],
    notes: [`payload ${payloadBytes} bytes; ${ours.broadcasts} broadcasts on ours, ${baseline.broadcasts} on the baseline, at most ${WINDOW} outstanding`],
  };
}
