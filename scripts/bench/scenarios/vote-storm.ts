import type { Socket } from 'socket.io-client';
import { connectBare, listenOnEach, send, sendOk, sleep, waitFor, type BenchClient } from '../clients';
import type { BenchContext, Metric, ScenarioOutput } from '../scenario';
import type { ServerFigures } from '../server-metrics';
import { capacityOf, firstAtLeast, Histogram, isStepHeld, type RateStep } from '../stats';

/**
 * Offered rates, each held for STEP_S. A side goes on past its capacity (the figures above it show the curve) and
 * stops after the first step whose p99 reaches OVERLOAD_LIMIT_MS or that lost a vote. The ladder goes past what
 * ours holds so that the bare equivalent's capacity is a figure, not the ladder's top (where the load generator
 * can offer it: a step it fell behind on is named in the notes).
 */
const RATES = [250, 500, 1000, 2000, 4000, 8000];
const QUICK_RATES = [500, 1000, 2000, 4000, 8000];
const STEP_S = 12;
const QUICK_STEP_S = 5;
/** Before the first step, votes at the first step's rate for this long, not counted in any step (JIT, query plans). */
const WARMUP_S = 3;
/** vote → visible p99 under which a step holds (with nothing lost). */
const VISIBLE_LIMIT_MS = 300;
/** p99 at twice capacity must stay under this. */
const OVERLOAD_LIMIT_MS = 1000;
/** Our capacity as a share of the bare equivalent's, and in absolute terms at 5,000 attendees. */
const CAPACITY_RATIO_TARGET = 60;
const CAPACITY_TARGET_AT_5000 = 2000;
/** The server's event-loop lag p99 in the steps up to capacity must stay under this. */
const LAG_LIMIT_MS = 50;
const OBSERVERS = 50;
const QUESTIONS_PER_ASKER = 5;
/** Time after the last ack of a step for every observer to see the step's counts. */
const SETTLE_MS = 5000;
/** A side's steps stop early rather than run past this (the bench as a whole must end within 10 minutes). */
const SIDE_BUDGET_MS = 150_000;
const QUICK_SIDE_BUDGET_MS = 45_000;

type TallyHandler = (index: number, tallies: Record<string, number>, now: number) => void;

/**
 * One server under test: voters (index-aligned with their tallies), how to hear their `qa:tallies`, and its
 * figures for one step (`reset` starts the step's window).
 */
type Side = {
  name: string;
  sockets: Socket[];
  questionIds: string[];
  listen(handler: TallyHandler): () => void;
  stepFigures(reset: boolean): Promise<ServerFigures>;
};

/** `sentRate`: what the load generator managed to send (below `offeredRate` when it fell behind). */
type StepFigures = RateStep & { votes: number; sentRate: number; serverCpuPercent: number; serverLagP99Ms: number };

type SideRun = { steps: StepFigures[]; accepted: Map<string, number>; tallies: Map<string, number>[]; failures: string[] };

/**
 * Steps the offered vote rate against one side. Voter i casts votes i, i + N, … and vote k goes to question
 * ⌊k / N⌋, so nobody votes twice for a question. Per step: the rate achieved (acks that came back ok, per second of
 * the step or until its last ack), vote → visible p99 at the observers (from the vote's send to the first tally at
 * or above the count its ack gave), failures and votes an observer never saw.
 */
async function runSteps(side: Side, rates: number[], stepS: number, budgetMs: number, log: (line: string) => void): Promise<SideRun> {
  const voters = side.sockets.length;
  const tallies = side.sockets.map(() => new Map<string, number>());
  // Observers spread evenly over the clients: a broadcast reaches sockets in the order they connected (bare) or
  // by slice (ours), so the first 50 clients would see every tally first and hide the broadcast's own duration.
  const spacing = Math.max(1, Math.floor(voters / OBSERVERS));
  const observers = Array.from({ length: Math.min(OBSERVERS, voters) }, (_, slot) => slot * spacing);
  const slotOf = new Map(observers.map((index, slot) => [index, slot]));
  const seen = observers.map(() => new Map<string, { counts: number[]; times: number[] }>());
  const stopListening = side.listen((index, changed, now) => {
    const own = tallies[index]!;
    const slot = slotOf.get(index);
    for (const [questionId, count] of Object.entries(changed)) {
      own.set(questionId, count);
      if (slot === undefined) continue;
      const history = seen[slot]!;
      const series = history.get(questionId) ?? { counts: [], times: [] };
      history.set(questionId, series);
      series.counts.push(count);
      series.times.push(now);
    }
  });

  const accepted = new Map<string, number>();
  const failures: string[] = [];
  const steps: StepFigures[] = [];
  const runStarted = Date.now();
  let voteIndex = 0;
  const phases = [{ rate: rates[0]!, seconds: WARMUP_S, isWarmup: true }, ...rates.map((rate) => ({ rate, seconds: stepS, isWarmup: false }))];
  for (const { rate, seconds, isWarmup } of phases) {
    if (Date.now() - runStarted + seconds * 1000 + SETTLE_MS > budgetMs) {
      log(`vote-storm ${side.name}: out of time before ${rate}/s`);
      break;
    }
    const total = rate * seconds;
    const sent: { questionId: string; sentAt: number; count: number }[] = [];
    let stepFailures = 0;
    const acks = new Histogram();
    let lastAckAt = 0;
    const pending: Promise<void>[] = [];
    await side.stepFigures(true);
    const started = Date.now();
    const perTick = Math.max(1, Math.round(rate / 50)); // every 20 ms
    let votes = 0;
    // A step lasts its seconds: a load generator that falls behind sends fewer votes, not the same ones later.
    for (; votes < total && Date.now() - started < seconds * 1000; votes += 1) {
      if (votes % perTick === 0) await sleep(Math.max(0, started + (votes / rate) * 1000 - Date.now()));
      const voter = side.sockets[voteIndex % voters]!;
      const questionId = side.questionIds[Math.floor(voteIndex / voters) % side.questionIds.length]!;
      voteIndex += 1;
      const sentAt = Date.now();
      pending.push(
        send(voter, 'qa:vote', { questionId }).then(
          (response) => {
            lastAckAt = Date.now();
            if (!response.ok) {
              stepFailures += 1;
              return void failures.push(response.error.code);
            }
            accepted.set(questionId, (accepted.get(questionId) ?? 0) + 1);
            sent.push({ questionId, sentAt, count: response.data.voteCount });
            acks.record(Date.now() - sentAt);
          },
          (error: unknown) => {
            stepFailures += 1;
            failures.push(String(error));
          },
        ),
      );
    }
    const offeredS = (Date.now() - started) / 1000;
    await Promise.all(pending);
    const allSeen = () => observers.every((index) => [...accepted].every(([questionId, count]) => (tallies[index]!.get(questionId) ?? 0) >= count));
    await waitFor(allSeen, SETTLE_MS);
    const server = await side.stepFigures(false);

    const visible = new Histogram();
    let neverSeen = 0;
    for (const vote of sent) {
      for (const history of seen) {
        const series = history.get(vote.questionId);
        const at = series ? firstAtLeast(series.counts, vote.count) : -1;
        if (at < 0 || !series) neverSeen += 1;
        else visible.record(Math.max(0, series.times[at]! - vote.sentAt));
      }
    }
    const step: StepFigures = {
      offeredRate: rate,
      votes,
      sentRate: Math.round(votes / offeredS),
      achievedRate: Math.round(sent.length / Math.max(offeredS, (lastAckAt - started) / 1000)),
      p99Ms: visible.percentile(99),
      failures: stepFailures,
      neverSeen,
      serverCpuPercent: server.cpuPercent,
      serverLagP99Ms: server.lagP99Ms,
    };
    if (isWarmup) {
      log(`vote-storm ${side.name} warm-up ${seconds} s @ ${rate}/s: visible p99 ${step.p99Ms} ms, failed ${stepFailures}, never seen ${neverSeen}`);
      await sleep(500);
      continue;
    }
    steps.push(step);
    log(
      `vote-storm ${side.name} @ ${rate}/s: sent ${step.sentRate}/s, achieved ${step.achievedRate}/s, visible p99 ${step.p99Ms} ms, ` +
        `failed ${stepFailures}, never seen ${neverSeen}; vote → ack p50 / p99 ${acks.percentile(50)} / ${acks.percentile(99)} ms, visible p50 ${visible.percentile(50)} ms; server CPU ${server.cpuPercent} %, loop lag p99 ${server.lagP99Ms} ms`,
    );
    if (!isStepHeld(step, OVERLOAD_LIMIT_MS)) break;
    await sleep(500);
  }
  // Every client, not just the observers, must end with the accepted counts.
  const allRight = () => tallies.every((own) => [...accepted].every(([questionId, count]) => own.get(questionId) === count));
  await waitFor(allRight, SETTLE_MS);
  stopListening();
  return { steps, accepted, tallies, failures };
}

const wrongClientsOf = (run: SideRun) => run.tallies.filter((own) => [...run.accepted].some(([questionId, count]) => own.get(questionId) !== count)).length;

/** Per-step rows, capacity and the step at twice capacity; targets only on ours (`capacityTarget` when it applies). */
function sideMetrics(name: string, run: SideRun, isOurs: boolean, capacityTarget?: number): { metrics: Metric[]; capacity: number; isAtTop: boolean } {
  const { capacity, atTwice, isAtTop } = capacityOf(run.steps, VISIBLE_LIMIT_MS);
  const metrics: Metric[] = run.steps.flatMap((step) => [
    { name: `${name} @ ${step.offeredRate}/s: achieved`, value: step.achievedRate, unit: '/s' },
    { name: `${name} @ ${step.offeredRate}/s: vote → visible p99`, value: step.p99Ms, unit: 'ms' },
    { name: `${name} @ ${step.offeredRate}/s: failed + never seen`, value: step.failures + step.neverSeen, unit: '' },
    { name: `${name} @ ${step.offeredRate}/s: server CPU`, value: step.serverCpuPercent, unit: '%' },
    { name: `${name} @ ${step.offeredRate}/s: server event-loop lag p99`, value: step.serverLagP99Ms, unit: 'ms' },
  ]);
  metrics.push({
    name: `${name}: capacity (p99 < ${VISIBLE_LIMIT_MS} ms, nothing lost)`,
    value: capacity,
    unit: '/s',
    ...(capacityTarget === undefined ? {} : { target: { op: '>=' as const, value: capacityTarget } }),
  });
  if (atTwice) {
    metrics.push(
      { name: `${name}: vote → visible p99 at 2× capacity`, value: atTwice.p99Ms, unit: 'ms', ...(isOurs ? { target: { op: '<' as const, value: OVERLOAD_LIMIT_MS } } : {}) },
      { name: `${name}: failed + never seen at 2× capacity`, value: atTwice.failures + atTwice.neverSeen, unit: '', ...(isOurs ? { target: { op: '=' as const, value: 0 } } : {}) },
    );
  }
  if (isOurs) {
    // Event-loop lag where the server is not overloaded: the steps it held (the first step when it held none).
    const held = run.steps.filter((step) => step.offeredRate <= capacity);
    const worst = Math.max(...(held.length > 0 ? held : run.steps.slice(0, 1)).map((step) => step.serverLagP99Ms));
    metrics.push({ name: `${name}: server event-loop lag p99, worst step up to capacity`, value: worst, unit: 'ms', target: { op: '<', value: LAG_LIMIT_MS } });
  }
  return { metrics, capacity, isAtTop };
}

async function askQuestions(clients: BenchClient[], count: number): Promise<string[]> {
  const questionIds: string[] = [];
  for (let asked = 0; questionIds.length < count; asked += 1) {
    const asker = clients[Math.floor(asked / QUESTIONS_PER_ASKER)]!;
    const { question } = await sendOk(asker.socket, 'qa:ask', { text: `Benchmark question ${asked}` });
    questionIds.push(question.id);
  }
  return questionIds;
}

/**
 * The offered vote rate steps up, first against the bare equivalent (baseline-server.ts: plain Socket.IO, counts in
 * memory, the same 150 ms `qa:tallies` tick), then against ours, with as many clients and the same observers logic.
 * The bare side gets its own plain sockets, connected for this phase and closed before ours runs, so the load
 * generator never holds more than twice the attendees' sockets and ours runs without the bare side's traffic.
 */
export async function runVoteStorm(context: BenchContext, log: (line: string) => void): Promise<ScenarioOutput> {
  const { clients } = context;
  const rates = context.isQuick ? QUICK_RATES : RATES;
  const stepS = context.isQuick ? QUICK_STEP_S : STEP_S;
  const budgetMs = context.isQuick ? QUICK_SIDE_BUDGET_MS : SIDE_BUDGET_MS;
  const questionCount = Math.ceil((rates.reduce((sum, rate) => sum + rate, 0) * stepS + rates[0]! * WARMUP_S) / clients.length) + 1;

  // The bare equivalent.
  const bareUrl = await context.control.startBaseline();
  await context.control.baselineMetrics(true);
  const bare = await connectBare(bareUrl, clients.length);
  const bareSide: Side = {
    name: 'bare',
    sockets: bare.sockets,
    questionIds: Array.from({ length: questionCount }, (_, index) => `bare-question-${index}`),
    listen: (handler) => listenOnEach(bare.sockets, 'qa:tallies', handler),
    stepFigures: (reset) => context.control.baselineMetrics(reset, 'step'),
  };
  const bareRun = await runSteps(bareSide, rates, stepS, budgetMs, log);
  const bareFigures = await context.control.baselineMetrics(false);
  for (const socket of bare.sockets) socket.disconnect();
  await sleep(2000); // both processes close 5,000 sockets; not during our first step
  context.shared.bareVoteCapacity = capacityOf(bareRun.steps, VISIBLE_LIMIT_MS).capacity;

  // Ours, with the attendees that joined in the join storm.
  const questionIds = await askQuestions(clients, questionCount);
  await sleep(500);
  await context.control.serverMetrics(true); // the server's figures in the table cover our steps only
  const indexOf = new Map(clients.map((client, index) => [client, index]));
  const ourSide: Side = {
    name: 'ours',
    sockets: clients.map((client) => client.socket),
    questionIds,
    listen: (handler) => {
      context.hooks.onTallies = (client, tallies, now) => {
        const index = indexOf.get(client);
        if (index !== undefined) handler(index, tallies, now);
      };
      return () => (context.hooks.onTallies = undefined);
    },
    stepFigures: (reset) => context.control.serverMetrics(reset, 'step'),
  };
  const ourRun = await runSteps(ourSide, rates, stepS, budgetMs, log);
  const stored = await context.control.countVotes(context.slug);
  const expected = (id: string) => ourRun.accepted.get(id) ?? 0;
  const wrongStored = questionIds.filter((id) => stored.votes[id] !== expected(id) || stored.stored[id] !== expected(id)).length;
  context.shared.expectedVotes = new Map(questionIds.map((id) => [id, expected(id)]));

  const isFull = context.attendees === 5000;
  const bareReport = sideMetrics('bare', bareRun, false);
  const ourReport = sideMetrics('ours', ourRun, true, isFull ? CAPACITY_TARGET_AT_5000 : undefined);
  // Undetermined (n/a, no target) when bare held no step, or when both held every step (the ladder set both).
  const isRatioKnown = bareReport.capacity > 0 && !(bareReport.isAtTop && ourReport.isAtTop);
  const ratio = bareReport.capacity > 0 ? Math.round((ourReport.capacity / bareReport.capacity) * 1000) / 10 : Number.NaN;
  const notes = [
    `${WARMUP_S} s warm-up, then steps of ${stepS} s at ${rates.join(', ')} votes/s; ${questionCount} questions per side, ${OBSERVERS} observers; a side stops after its first step with p99 ≥ ${OVERLOAD_LIMIT_MS} ms or a vote lost`,
    `bare: ${bare.sockets.length} plain sockets (${bare.connectFailures} failed to connect), closed before ours ran`,
  ];
  if (bareReport.capacity === 0) notes.push(`bare held no step (at ${rates[0]}/s its p99 was not under ${VISIBLE_LIMIT_MS} ms, or a vote was lost): ours as % of bare is undetermined (no target applied)`);
  else if (bareReport.isAtTop && ourReport.isAtTop) notes.push('both held every step: ours as % of bare is undetermined (no target applied)');
  else if (bareReport.isAtTop) notes.push(`bare held every step: its capacity is at least ${bareReport.capacity}/s, so ours as % of bare is an upper bound`);
  if (ourReport.isAtTop) notes.push(`ours held every step: its capacity is at least ${ourReport.capacity}/s; p99 at twice capacity was not measured`);
  const behind = [...bareRun.steps.map((step) => ['bare', step] as const), ...ourRun.steps.map((step) => ['ours', step] as const)].filter(([, step]) => step.sentRate < 0.95 * step.offeredRate);
  if (behind.length > 0) {
    notes.push(`the load generator fell behind (sent < 95 % of the rate): ${behind.map(([name, step]) => `${name} @ ${step.offeredRate}/s sent ${step.sentRate}/s`).join(', ')}`);
  }
  notes.push(...[...new Set([...bareRun.failures, ...ourRun.failures])].slice(0, 3));
  return {
    metrics: [
      ...bareReport.metrics,
      { name: 'bare: clients with wrong tallies at end', value: wrongClientsOf(bareRun), unit: '', target: { op: '=', value: 0 } },
      { name: 'bare server CPU', value: bareFigures.cpuPercent, unit: '%' },
      ...ourReport.metrics,
      { name: 'ours: capacity as % of bare', value: ratio, unit: '%', ...(isRatioKnown ? { target: { op: '>=' as const, value: CAPACITY_RATIO_TARGET } } : {}) },
      { name: 'ours: votes refused or failed (all steps)', value: ourRun.failures.length, unit: '' },
      { name: 'ours: questions with wrong stored count', value: wrongStored, unit: '', target: { op: '=', value: 0 } },
      { name: 'ours: clients with wrong tallies at end', value: wrongClientsOf(ourRun), unit: '', target: { op: '=', value: 0 } },
    ],
    notes,
  };
}
