// The load generator: a child process of scripts/bench/run.ts holding every simulated client. It asks the runner
// (over IPC) for the server's figures, vote counts from the database, a server restart and the baseline server.
import { BenchClient, counters, hooks, sendOk } from './clients';
import { createCall } from './call-setup';
import {
  isPassing,
  type BenchContext,
  type Control,
  type GeneratorMessage,
  type GeneratorRequest,
  type Metric,
  type RunnerReply,
  SCENARIOS,
  type ScenarioName,
  type ScenarioOutput,
  type ScenarioResult,
} from './scenario';
import { ServerMetrics, type ServerFigures } from './server-metrics';
import { deliveriesOutput, measureBaselineDeliveries, measureOurDeliveries } from './scenarios/deliveries';
import { runJoinStorm } from './scenarios/join-storm';
import { runLiveAgenda } from './scenarios/live-agenda';
import { runMinutes } from './scenarios/minutes';
import { runPollStorm } from './scenarios/poll-storm';
import { runReactionStorm } from './scenarios/reaction-storm';
import { runReconnect } from './scenarios/reconnect';
import { runVoteStorm } from './scenarios/vote-storm';
import { runVoteChecks } from './scenarios/vote-checks';

const waiting = new Map<number, (reply: RunnerReply) => void>();
let nextId = 1;
process.on('message', (message: RunnerReply) => waiting.get(message.id)?.(message));

function request<T>(message: GeneratorRequest): Promise<T> {
  const id = nextId++;
  return new Promise((resolve, reject) => {
    waiting.set(id, (reply) => {
      waiting.delete(id);
      if (reply.error) reject(new Error(reply.error));
      else resolve(reply.data as T);
    });
    process.send!({ ...message, type: 'request', id } satisfies GeneratorMessage);
  });
}

const control: Control = {
  serverMetrics: (reset, window) => request({ action: 'serverMetrics', reset, window }),
  baselineMetrics: (reset, window) => request({ action: 'baselineMetrics', reset, window }),
  restartServer: () => request({ action: 'restartServer' }),
  setVoteChecks: (isEnabled) => request({ action: 'setVoteChecks', isEnabled }),
  measureVotePath: (options) => request({ action: 'measureVotePath', options }),
  startBaseline: () => request({ action: 'startBaseline' }),
  countVotes: (slug) => request({ action: 'countVotes', slug }),
  countAnswers: (pollId) => request({ action: 'countAnswers', pollId }),
  countReactions: (slug) => request({ action: 'countReactions', slug }),
};

const log = (line: string) => process.send!({ type: 'log', line } satisfies GeneratorMessage);
const own = new ServerMetrics();

const SERVER_TARGETS: Partial<Record<ScenarioName, (server: ServerFigures, context: BenchContext) => Metric[]>> = {
  'reaction-storm': (server) => [{ name: 'server event-loop lag p99', value: server.lagP99Ms, unit: 'ms', target: { op: '<', value: 50 } }],
};

async function measure(name: ScenarioName, context: BenchContext, run: () => Promise<ScenarioOutput>): Promise<void> {
  log(`${name}: running`);
  await control.serverMetrics(true);
  own.reset();
  const received = counters.received;
  const started = Date.now();
  // A scenario that breaks still reports, so the later ones run and the table says what happened.
  const output = await run().catch((error: unknown): ScenarioOutput => ({
    metrics: [{ name: 'scenario completed', value: 0, unit: '', target: { op: '=', value: 1 } }],
    notes: [`failed: ${error instanceof Error ? error.message : String(error)}`],
  }));
  const server = await control.serverMetrics(false);
  const generator = own.read();
  const seconds = (Date.now() - started) / 1000;
  const metrics = [
    ...output.metrics,
    ...(SERVER_TARGETS[name]?.(server, context) ?? []),
    { name: 'server CPU', value: server.cpuPercent, unit: '%' },
    { name: 'server RSS max', value: server.rssMaxMb, unit: 'MB' },
    { name: 'server event-loop lag p99 / max', value: server.lagP99Ms, unit: 'ms' },
    { name: 'generator event-loop lag p99', value: generator.lagP99Ms, unit: 'ms' },
    { name: 'all messages received/s (generator)', value: Math.round((counters.received - received) / seconds), unit: '/s' },
  ];
  const result: ScenarioResult = { scenario: name, metrics, server, generator, notes: output.notes ?? [] };
  process.send!({ type: 'result', result } satisfies GeneratorMessage);
  const failing = metrics.filter((metric) => !isPassing(metric)).map((metric) => metric.name);
  log(`${name}: done in ${seconds.toFixed(1)} s${failing.length > 0 ? `; missed: ${failing.join(', ')}` : ''}`);
}

async function main(): Promise<void> {
  const url = process.env.BENCH_URL!;
  const attendees = Number(process.env.BENCH_ATTENDEES ?? 5000);
  const selected = new Set((process.env.BENCH_SCENARIOS ?? SCENARIOS.join(',')).split(','));
  const call = await createCall(url);
  const host = new BenchClient(url, call.slug, call.keys.host);
  await host.connected();
  await host.join();
  await host.checkIn('Host');
  await sendOk(host.socket, 'call:start', {});
  const snapshot = await host.join();
  const itemIds = snapshot.call.sections.flatMap((section) => section.items.map((item) => item.id));
  const context: BenchContext = {
    url,
    attendees,
    isQuick: process.env.BENCH_QUICK === '1',
    slug: call.slug,
    keys: call.keys,
    itemIds,
    host,
    clients: [],
    control,
    hooks,
    shared: {},
  };

  await measure('join-storm', context, () => runJoinStorm(context));
  if (selected.has('vote-storm')) await measure('vote-storm', context, () => runVoteStorm(context, log));
  if (selected.has('vote-checks')) await measure('vote-checks', context, () => runVoteChecks(context, log));
  if (selected.has('poll-storm')) await measure('poll-storm', context, () => runPollStorm(context));
  if (selected.has('reaction-storm')) await measure('reaction-storm', context, () => runReactionStorm(context));
  if (selected.has('live-agenda') || selected.has('deliveries')) await measure('live-agenda', context, () => runLiveAgenda(context));
  if (selected.has('minutes')) await measure('minutes', context, () => runMinutes(context, log));
  if (selected.has('deliveries')) {
    await measure('deliveries', context, async () => {
      const ours = await measureOurDeliveries(context);
      const baselineUrl = await control.startBaseline();
      await control.baselineMetrics(true);
      const payloadBytes = context.shared.eventPayloadBytes ?? 120;
      const baseline = await measureBaselineDeliveries(context, baselineUrl, payloadBytes);
      const figures = await control.baselineMetrics(false);
      const output = deliveriesOutput(ours, baseline, payloadBytes);
      output.metrics.push(
        { name: 'baseline server CPU', value: figures.cpuPercent, unit: '%' },
        // What bare Socket.IO holds with the same clients connected: the floor under our RSS figures.
        { name: 'baseline server RSS max', value: figures.rssMaxMb, unit: 'MB' },
      );
      return output;
    });
  }
  if (selected.has('reconnect')) await measure('reconnect', context, () => runReconnect(context));
  for (const client of [host, ...context.clients]) client.close();
}

const watchdog = setTimeout(() => {
  log('load generator: time is up, stopping');
  process.exit(2);
}, Number(process.env.BENCH_DEADLINE_MS ?? 540_000));
watchdog.unref();

main().then(
  () => process.exit(0),
  (error: unknown) => {
    log(`load generator failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exit(1);
  },
);
