import { BenchClient, connectBare, sleep } from '../clients';
import { latencyMetrics, type BenchContext, type ScenarioOutput } from '../scenario';
import { summarize } from '../stats';

const JOINS_PER_SECOND = 250;
/** Our RSS with every attendee connected, as a multiple of bare Socket.IO's with as many clients connected. */
const RSS_RATIO_TARGET = 1.5;

/** Every attendee connects, joins the call and checks in, ramped at a steady rate. */
export async function runJoinStorm(context: BenchContext): Promise<ScenarioOutput> {
  const joinMs: number[] = [];
  const checkInMs: number[] = [];
  const totalMs: number[] = [];
  const failures: string[] = [];
  const started = Date.now();
  const perTick = Math.max(1, Math.round(JOINS_PER_SECOND / 20));
  const pending: Promise<void>[] = [];

  for (let index = 0; index < context.attendees; index += 1) {
    if (index > 0 && index % perTick === 0) await sleep(Math.max(0, started + (index / perTick) * 50 - Date.now()));
    const client = new BenchClient(context.url, context.slug);
    context.clients.push(client);
    pending.push(
      (async () => {
        await client.connected();
        const connectedAt = Date.now();
        await client.join();
        const joinedAt = Date.now();
        await client.checkIn(`Attendee ${index}`);
        const doneAt = Date.now();
        joinMs.push(joinedAt - connectedAt);
        checkInMs.push(doneAt - joinedAt);
        totalMs.push(doneAt - connectedAt);
      })().catch((error: unknown) => {
        failures.push(error instanceof Error ? error.message : String(error));
      }),
    );
  }
  await Promise.all(pending);
  const durationS = (Date.now() - started) / 1000;
  const reasons = [...new Set(failures)].slice(0, 3);

  // Memory against bare Socket.IO in the same run: ours now, then the baseline with as many plain clients connected
  // (connected at ~1,000/s, read after a second's rest, then closed).
  await sleep(1000);
  const ourRssMb = (await context.control.serverMetrics(false)).rssMb;
  const bareUrl = await context.control.startBaseline();
  const bare = await connectBare(bareUrl, context.clients.length);
  await sleep(1000);
  const bareRssMb = (await context.control.baselineMetrics(false)).rssMb;
  for (const socket of bare.sockets) socket.disconnect();
  const rssRatio = Math.round((ourRssMb / Math.max(1, bareRssMb)) * 100) / 100;
  return {
    metrics: [
      { name: 'attendees checked in', value: joinMs.length, unit: '', target: { op: '>=', value: context.attendees } },
      { name: 'failures', value: failures.length, unit: '', target: { op: '=', value: 0 } },
      { name: 'all checked in after', value: Math.round(durationS * 10) / 10, unit: 's', target: { op: '<', value: 30 } },
      ...latencyMetrics('join → snapshot', summarize(joinMs), { p99: 250 }),
      ...latencyMetrics('check-in', summarize(checkInMs)),
      { name: 'connect → checked in p99', value: summarize(totalMs).p99, unit: 'ms' },
      { name: `ours: RSS at ${context.clients.length} connected`, value: ourRssMb, unit: 'MB' },
      { name: `bare Socket.IO: RSS at ${bare.sockets.length} connected`, value: bareRssMb, unit: 'MB' },
      { name: 'ours: RSS as a multiple of bare', value: rssRatio, unit: '×', target: { op: '<=', value: RSS_RATIO_TARGET } },
      { name: 'bare Socket.IO: connect failures', value: bare.connectFailures, unit: '', target: { op: '=', value: 0 } },
    ],
    notes: reasons.length > 0 ? [`failures: ${reasons.join('; ')}`] : [],
  };
}
