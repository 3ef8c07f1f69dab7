import type { PollResults } from '@/lib/protocol';
import { BenchClient, send, sendOk, sleep, waitFor } from '../clients';
import { latencyMetrics, type BenchContext, type Metric, type ScenarioOutput } from '../scenario';
import { firstAtLeast, Histogram } from '../stats';

const ANSWER_WINDOW_S = 10;
const OBSERVERS = 20;
const OPTIONS = ['Tuesday', 'Wednesday', 'Thursday', 'Friday'];
/** Attendee i picks OPTIONS[CHOICE[i % 10]]: 40 / 30 / 20 / 10 %, so a count swapped between options shows. */
const CHOICE = [0, 0, 0, 0, 1, 1, 1, 2, 2, 3];

type Series = { answered: number[]; times: number[] };

/**
 * The host opens a single-choice poll and every checked-in attendee answers it within ten seconds. Every answer
 * is acknowledged, stored and counted once; attendees who do not answer (observers) see each answer soon after
 * its ack.
 */
export async function runPollStorm(context: BenchContext): Promise<ScenarioOutput> {
  const voters = context.clients.filter((client) => client.token !== undefined);
  const observers = await joinObservers(context);
  const { poll } = await sendOk(context.host.socket, 'poll:create', { question: 'Which day suits the next call?', kind: 'single', options: OPTIONS, showResults: 'live' });
  const pollId = poll.id;

  const seen = new Map<BenchClient, Series>(observers.map((observer) => [observer, { answered: [], times: [] }]));
  let resultDeliveries = 0;
  context.hooks.onPollResults = (client, results, now) => {
    const result = results[pollId];
    if (!result) return;
    resultDeliveries += 1;
    const series = seen.get(client);
    if (!series) return;
    series.answered.push(result.answered);
    series.times.push(now);
  };
  await sendOk(context.host.socket, 'poll:open', { pollId });
  await sleep(300);

  const ackMs = new Histogram();
  const ackedAt: number[] = [];
  const accepted = new Map<string, number>();
  const failures: string[] = [];
  const pending: Promise<void>[] = [];
  const windowS = context.isQuick ? 5 : ANSWER_WINDOW_S;
  // Answers go out evenly over 90 % of the window, so a late timer or a slow last ack does not push the last past it.
  const rate = voters.length / (windowS * 0.9);
  const started = Date.now();
  for (let index = 0; index < voters.length; index += 1) {
    if (index % 10 === 0) await sleep(Math.max(0, started + (index / rate) * 1000 - Date.now()));
    const optionId = poll.options[CHOICE[index % CHOICE.length]!]!.id;
    const sentAt = Date.now();
    pending.push(
      send(voters[index]!.socket, 'poll:answer', { pollId, optionIds: [optionId] }).then(
        (response) => {
          const now = Date.now();
          ackMs.record(now - sentAt);
          if (!response.ok) return void failures.push(response.error.code);
          ackedAt.push(now);
          accepted.set(optionId, (accepted.get(optionId) ?? 0) + 1);
        },
        (error: unknown) => void failures.push(String(error)),
      ),
    );
  }
  const sendingS = (Date.now() - started) / 1000;
  await Promise.all(pending);
  const allAckedS = (Date.now() - started) / 1000;
  const answered = ackedAt.length;
  const isFinal = (result: PollResults | undefined) => result?.answered === answered && poll.options.every((option) => countOf(result, option.id) === (accepted.get(option.id) ?? 0));
  await waitFor(() => [...voters, ...observers].every((client) => isFinal(client.pollResults.get(pollId))), 5000);
  context.hooks.onPollResults = undefined;

  // The k-th acknowledged answer is visible once an observer sees at least k answers counted.
  const visible = new Histogram();
  let neverSeen = 0;
  ackedAt.sort((a, b) => a - b);
  for (const [index, at] of ackedAt.entries()) {
    for (const series of seen.values()) {
      const position = firstAtLeast(series.answered, index + 1);
      if (position < 0) neverSeen += 1;
      else visible.record(Math.max(0, series.times[position]! - at));
    }
  }

  const stored = await context.control.countAnswers(pollId);
  const wrongStored = poll.options.filter((option) => (stored.byOptionIds[JSON.stringify([option.id])] ?? 0) !== (accepted.get(option.id) ?? 0)).length;
  const observed = observers[0]?.pollResults.get(pollId);
  const wrongObserved = poll.options.filter((option) => countOf(observed, option.id) !== (accepted.get(option.id) ?? 0)).length;
  const wrongClients = [...voters, ...observers].filter((client) => !isFinal(client.pollResults.get(pollId))).length;
  await sendOk(context.host.socket, 'poll:close', { pollId });
  for (const observer of observers) observer.close();

  const metrics: Metric[] = [
    { name: 'answers sent', value: voters.length, unit: '' },
    { name: 'answers acked ok', value: answered, unit: '', target: { op: '=', value: context.attendees } },
    { name: 'answers refused or failed', value: failures.length, unit: '', target: { op: '=', value: 0 } },
    { name: 'all answers acked after', value: Math.round(allAckedS * 10) / 10, unit: 's', target: { op: '<', value: windowS } },
    { name: 'stored answers', value: stored.total, unit: '', target: { op: '=', value: answered } },
    { name: 'options with wrong stored count', value: wrongStored, unit: '', target: { op: '=', value: 0 } },
    { name: "observer's final answered", value: observed?.answered ?? Number.NaN, unit: '', target: { op: '=', value: answered } },
    { name: 'options with wrong count at observer', value: wrongObserved, unit: '', target: { op: '=', value: 0 } },
    { name: 'clients with wrong results at end', value: wrongClients, unit: '', target: { op: '=', value: 0 } },
    ...latencyMetrics('answer ack → visible to others', visible.summary(), { p99: 500 }),
    { name: 'answers never seen by an observer', value: neverSeen, unit: '', target: { op: '=', value: 0 } },
    ...latencyMetrics('answer → ack', ackMs.summary()),
    { name: 'answers/s offered', value: Math.round(voters.length / sendingS), unit: '/s' },
    { name: 'result deliveries/s', value: Math.round(resultDeliveries / allAckedS), unit: '/s' },
  ];
  return { metrics, notes: [`${OBSERVERS} observers (joined, not answering) × ${answered} answers for visibility`, ...[...new Set(failures)].slice(0, 3)] };
}

const countOf = (result: PollResults | undefined, optionId: string) => result?.options.find((option) => option.id === optionId)?.count ?? Number.NaN;

/** Attendees who joined but do not answer: they are the "others" who watch the results. */
async function joinObservers(context: BenchContext): Promise<BenchClient[]> {
  return Promise.all(
    Array.from({ length: OBSERVERS }, async () => {
      const observer = new BenchClient(context.url, context.slug);
      await observer.connected();
      await observer.join();
      return observer;
    }),
  );
}
