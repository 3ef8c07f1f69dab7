import { send, sendOk, sleep } from '../clients';
import type { BenchContext, Metric, ScenarioOutput } from '../scenario';

/** Rounds per side, alternating checks on / off on the same server process, so drift hits both alike. */
const ROUNDS = 4;
const QUICK_ROUNDS = 2;
const ROUND_S = 8;
const QUICK_ROUND_S = 4;
/** Offered far above what two cores commit, within the per-participant vote limit (3/s, bursts of 30). */
const OFFERED_PER_CLIENT_PER_SECOND = 2.5;
const MAX_OFFERED = 12_000;
/** The checks may cost at most this share of vote capacity. */
const COST_LIMIT_PERCENT = 5;

/**
 * Vote throughput with the vote rule and the burst signal on vs off, in the same run on the same server build:
 * rounds alternate (on, off, on, off, …); each offers more votes than the server commits and counts the accepted
 * acks per second of the round. The call has "only participants who checked in before the Q&A opened may vote" on,
 * and every voter shares one address and checked in shortly before, so the signal is computed on every batch.
 */
export async function runVoteChecks(context: BenchContext, log: (line: string) => void): Promise<ScenarioOutput> {
  const { clients } = context;
  const rounds = context.isQuick ? QUICK_ROUNDS : ROUNDS;
  const roundS = context.isQuick ? QUICK_ROUND_S : ROUND_S;
  const rate = Math.min(MAX_OFFERED, Math.floor(clients.length * OFFERED_PER_CLIENT_PER_SECOND));
  await sendOk(context.host.socket, 'qa:settings', { qaVotersBeforeOpen: true, qaHoldVoteBursts: false });
  const questionCount = Math.ceil((rate * roundS * rounds * 2) / clients.length) + 1;
  const questionIds: string[] = [];
  for (let asked = 0; asked < questionCount; asked += 1) {
    questionIds.push((await sendOk(clients[asked % clients.length]!.socket, 'qa:ask', { text: `Checks question ${asked}` })).question.id);
  }

  let voteIndex = 0;
  const figures: Record<'on' | 'off', number[]> = { on: [], off: [] };
  const refusals = new Set<string>();
  for (let round = 0; round < rounds * 2; round += 1) {
    const side = round % 2 === 0 ? 'on' : 'off';
    await context.control.setVoteChecks(side === 'on');
    await sleep(1000); // the per-participant vote budgets refill
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
            if (response.ok && Date.now() - started <= roundS * 1000) accepted += 1;
            else if (!response.ok) refusals.add(response.error.code);
          },
          (error: unknown) => void refusals.add(String(error)),
        ),
      );
    }
    await Promise.all(pending);
    const perSecond = Math.round(accepted / roundS);
    figures[side].push(perSecond);
    log(`vote-checks round ${round + 1} (checks ${side}): ${perSecond} votes/s accepted of ${rate}/s offered`);
  }
  await context.control.setVoteChecks(true);

  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;
  const on = median(figures.on);
  const off = median(figures.off);
  const costPercent = off > 0 ? Math.round((1 - on / off) * 1000) / 10 : Number.NaN;
  const metrics: Metric[] = [
    ...figures.on.map((value, index): Metric => ({ name: `checks on, round ${index + 1}`, value, unit: '/s' })),
    ...figures.off.map((value, index): Metric => ({ name: `checks off, round ${index + 1}`, value, unit: '/s' })),
    { name: 'checks on / off (medians)', value: off > 0 ? Math.round((on / off) * 1000) / 10 : Number.NaN, unit: '%' },
    { name: 'vote capacity the checks cost', value: costPercent, unit: '%', target: { op: '<', value: COST_LIMIT_PERCENT } },
  ];
  const notes = [
    `${rounds} rounds per side of ${roundS} s, alternating on/off, ${rate} votes/s offered by ${clients.length} clients, ${questionCount} questions`,
    ...[...refusals].slice(0, 3).map((code) => `refused or failed: ${code}`),
  ];
  return { metrics, notes };
}
