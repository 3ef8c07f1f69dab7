import { send, sendOk, sleep } from '../clients';
import type { BenchContext, Metric, ScenarioOutput } from '../scenario';
import { mean, meanDifference, median } from '../stats';

/**
 * Pairs of rounds, one with the checks on and one off, in the order on-off, off-on, on-off, … (ABBA), so that a
 * drift over the run (the heap growing, the database file) hits both sides alike.
 */
const PAIRS = 4;
const QUICK_PAIRS = 2;
const ROUND_S = 5;
const QUICK_ROUND_S = 4;
/** Offered far above what two cores commit, within the per-participant vote limit (3/s, bursts of 30). */
const OFFERED_PER_CLIENT_PER_SECOND = 2.5;
const MAX_OFFERED = 12_000;
/** The checks may cost at most this share of vote capacity. */
const COST_LIMIT_PERCENT = 5;
/** Batches of the vote path bench per side; a batch holds one tick's votes (`TICK_S`) at the rate the server took. */
const PATH_PAIRS = 160;
const QUICK_PATH_PAIRS = 30;
const TICK_S = 0.15;

type Round = { side: 'on' | 'off'; acceptedPerSecond: number; cpuUsPerVote: number };

const oneDecimal = (value: number) => Math.round(value * 10) / 10;
/** Per pair (on[i], off[i]): how much more the checks-on figure is, in %. */
const pairCosts = (on: number[], off: number[]) => on.map((value, index) => (value / off[index]! - 1) * 100);

/**
 * What the vote rule and the burst signal cost. A saturated server's vote capacity is one core over its CPU time
 * per vote, so the cost is the CPU time the checks add to a vote over the CPU time a vote takes without them:
 * - the whole server, over sockets: rounds alternate checks on and off on the same server process, each offering
 *   more votes than it commits, and the server's CPU time per accepted vote is read for each (user + system, all
 *   of the round's acks). This is the denominator; the rounds vary by ±15 % (the load generator shares the cores
 *   and batch sizes follow it), too much to see a few per cent directly, so their on/off figures are printed only;
 * - the vote batch path alone (`applyVoteBatch`, where every check runs), in a process of its own on its own
 *   SQLite file, over a hundred pairs of batches alternating on and off: single batches vary by ±30 %, but the
 *   mean difference is known to a few µs (its 95 % interval is reported), and that is what the checks add.
 * The call has "only participants who checked in before the Q&A opened may vote" on, and every voter shares one
 * address and checked in shortly before, so the rule is checked for every vote and the signal computed as often as
 * it ever is.
 */
export async function runVoteChecks(context: BenchContext, log: (line: string) => void): Promise<ScenarioOutput> {
  const { clients } = context;
  const pairs = context.isQuick ? QUICK_PAIRS : PAIRS;
  const roundS = context.isQuick ? QUICK_ROUND_S : ROUND_S;
  const rate = Math.min(MAX_OFFERED, Math.floor(clients.length * OFFERED_PER_CLIENT_PER_SECOND));
  await sendOk(context.host.socket, 'qa:settings', { qaVotersBeforeOpen: true, qaHoldVoteBursts: false });
  const questionCount = Math.ceil((rate * roundS * pairs * 2) / clients.length) + 1;
  const questionIds: string[] = [];
  for (let asked = 0; asked < questionCount; asked += 1) {
    questionIds.push((await sendOk(clients[asked % clients.length]!.socket, 'qa:ask', { text: `Checks question ${asked}` })).question.id);
  }

  let voteIndex = 0;
  const rounds: Round[] = [];
  const refusals = new Set<string>();
  for (let index = 0; index < pairs * 2; index += 1) {
    const side = index % 4 === 0 || index % 4 === 3 ? 'on' : 'off';
    await context.control.setVoteChecks(side === 'on');
    await sleep(1000); // the per-participant vote budgets refill
    await context.control.serverMetrics(true, 'step');
    let inRound = 0;
    let accepted = 0;
    const pending: Promise<void>[] = [];
    const started = Date.now();
    for (let sent = 0; Date.now() - started < roundS * 1000; sent += 1) {
      if (sent % Math.max(1, Math.round(rate / 50)) === 0) await sleep(Math.max(0, started + (sent / rate) * 1000 - Date.now()));
      // Voter i casts votes i, i + N, …; vote k goes to question ⌊k / N⌋: nobody votes twice for a question.
      const voter = clients[voteIndex % clients.length]!;
      const questionId = questionIds[Math.floor(voteIndex / clients.length) % questionIds.length]!;
      voteIndex += 1;
      pending.push(
        send(voter.socket, 'qa:vote', { questionId }).then(
          (response) => {
            if (!response.ok) return void refusals.add(response.error.code);
            accepted += 1;
            if (Date.now() - started <= roundS * 1000) inRound += 1;
          },
          (error: unknown) => void refusals.add(String(error)),
        ),
      );
    }
    await Promise.all(pending);
    const { cpuMs } = await context.control.serverMetrics(false, 'step');
    const round: Round = { side, acceptedPerSecond: Math.round(inRound / roundS), cpuUsPerVote: accepted > 0 ? (cpuMs * 1000) / accepted : Number.NaN };
    rounds.push(round);
    log(`vote-checks round ${index + 1} (checks ${side}): ${round.acceptedPerSecond} votes/s accepted of ${rate}/s offered, server CPU ${Math.round(round.cpuUsPerVote)} µs per vote`);
  }
  await context.control.setVoteChecks(true);

  const ofSide = (side: Round['side']) => rounds.filter((round) => round.side === side);
  const throughput = (side: Round['side']) => median(ofSide(side).map((round) => round.acceptedPerSecond));
  const serverUs = (side: Round['side']) => median(ofSide(side).map((round) => round.cpuUsPerVote));
  const roundCosts = pairCosts(ofSide('on').map((round) => round.cpuUsPerVote), ofSide('off').map((round) => round.cpuUsPerVote));

  // The rounds saturated the server when it accepted clearly less than was offered.
  const isSaturated = throughput('off') < 0.9 * rate;
  const batchVotes = Math.max(100, Math.min(2_000, Math.round(throughput('off') * TICK_S)));
  const path = await context.control.measureVotePath({ voters: clients.length, batchVotes, pairs: context.isQuick ? QUICK_PATH_PAIRS : PATH_PAIRS });
  // Means, not medians: the signal is computed in some batches only, and that lump is part of what the checks cost.
  const [pathOn, pathOff] = [mean(path.on), mean(path.off)];
  const added = meanDifference(path.on, path.off);
  const batchCosts = pairCosts(path.on, path.off);
  const costPercent = (added.mean / serverUs('off')) * 100;
  const costUpperPercent = ((added.mean + added.margin) / serverUs('off')) * 100;
  log(`vote-checks: the vote path takes ${oneDecimal(pathOn)} µs per vote with the checks, ${oneDecimal(pathOff)} µs without (batches of ${batchVotes})`);
  const metrics: Metric[] = [
    { name: 'server CPU per accepted vote, checks off (median of rounds)', value: oneDecimal(serverUs('off')), unit: 'µs' },
    { name: 'server CPU per accepted vote, checks on (median of rounds)', value: oneDecimal(serverUs('on')), unit: 'µs' },
    { name: 'accepted votes/s, checks on / off (medians of rounds)', value: oneDecimal((throughput('on') / throughput('off')) * 100), unit: '%' },
    { name: 'vote path per vote, checks off (mean)', value: oneDecimal(pathOff), unit: 'µs' },
    { name: 'vote path per vote, checks on (mean)', value: oneDecimal(pathOn), unit: 'µs' },
    { name: 'what the checks add to a vote (mean of pairs)', value: oneDecimal(added.mean), unit: 'µs' },
    { name: 'the same, upper end of its 95 % interval', value: oneDecimal(added.mean + added.margin), unit: 'µs' },
    { name: 'vote capacity the checks cost (added / server CPU per vote)', value: oneDecimal(costPercent), unit: '%' },
    {
      name: 'the same, upper end of the interval',
      value: oneDecimal(costUpperPercent),
      unit: '%',
      // Capacity is what a saturated server does; below saturation batches are smaller and a batch's fixed work weighs more.
      ...(isSaturated ? { target: { op: '<' as const, value: COST_LIMIT_PERCENT } } : {}),
    },
  ];
  const notes = [
    `${pairs} pairs of ${roundS} s rounds over sockets (on-off, off-on, …), ${rate} votes/s offered by ${clients.length} clients, ${questionCount} questions`,
    `accepted votes/s, checks on: ${ofSide('on').map((round) => round.acceptedPerSecond).join(', ')}; off: ${ofSide('off').map((round) => round.acceptedPerSecond).join(', ')}`,
    `server CPU per vote, on vs off, per pair of rounds: ${roundCosts.map((cost) => `${oneDecimal(cost)} %`).join(', ')} (the rounds' noise)`,
    `vote path: ${path.on.length} batches per side of ${batchVotes} votes; on vs off per pair ${oneDecimal(Math.min(...batchCosts))} to ${oneDecimal(Math.max(...batchCosts))} % (median ${oneDecimal(median(batchCosts))} %); the checks are ${oneDecimal((added.mean / pathOff) * 100)} ± ${oneDecimal((added.margin / pathOff) * 100)} % of the path`,
    ...(isSaturated ? [] : [`the rounds did not saturate the server (${Math.round(throughput('off'))} of ${rate} votes/s accepted): its vote capacity was not reached, so the cost has no target (run with 5,000 attendees)`]),
    ...[...refusals].slice(0, 3).map((code) => `refused or failed: ${code}`),
  ];
  return { metrics, notes };
}
