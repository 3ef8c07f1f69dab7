import { send, sendOk, sleep, waitFor, type BenchClient } from '../clients';
import { latencyMetrics, type BenchContext, type ScenarioOutput } from '../scenario';
import { firstAtLeast, Histogram } from '../stats';

const VOTES_PER_ATTENDEE_PER_SECOND = 0.4; // 2,000 votes/s at 5,000 attendees
const OBSERVERS = 50;
const QUESTIONS_PER_ASKER = 5;

type Sent = { questionId: string; sentAt: number; count: number };

/** Attendees vote at a steady rate; every vote is persisted once and every client ends with the right tallies. */
export async function runVoteStorm(context: BenchContext): Promise<ScenarioOutput> {
  const { clients } = context;
  const durationS = context.isQuick ? 15 : 60;
  const rate = Math.round(clients.length * VOTES_PER_ATTENDEE_PER_SECOND);
  const questionCount = Math.ceil((rate * durationS) / clients.length);
  const questionIds: string[] = [];
  for (let asked = 0; questionIds.length < questionCount; asked += 1) {
    const asker = clients[Math.floor(asked / QUESTIONS_PER_ASKER)]!;
    const { question } = await sendOk(asker.socket, 'qa:ask', { text: `Benchmark question ${asked}` });
    questionIds.push(question.id);
  }
  await sleep(500);

  // Observers keep every tally they see, to find when each vote became visible to them.
  const observers = new Set(clients.slice(0, OBSERVERS));
  const seen = new Map<BenchClient, Map<string, { counts: number[]; times: number[] }>>();
  let tallyDeliveries = 0;
  context.hooks.onTallies = (client, tallies, now) => {
    tallyDeliveries += 1;
    if (!observers.has(client)) return;
    const history = seen.get(client) ?? new Map<string, { counts: number[]; times: number[] }>();
    seen.set(client, history);
    for (const [questionId, count] of Object.entries(tallies)) {
      const series = history.get(questionId) ?? { counts: [], times: [] };
      history.set(questionId, series);
      series.counts.push(count);
      series.times.push(now);
    }
  };

  const sent: Sent[] = [];
  const ackMs = new Histogram();
  const failures: string[] = [];
  const accepted = new Map<string, number>();
  const pending: Promise<void>[] = [];
  const total = rate * durationS;
  const started = Date.now();
  const perTick = rate / 50; // every 20 ms
  for (let index = 0; index < total; index += 1) {
    if (index % Math.max(1, Math.round(perTick)) === 0) await sleep(Math.max(0, started + (index / rate) * 1000 - Date.now()));
    const voter = clients[index % clients.length]!;
    const questionId = questionIds[Math.floor(index / clients.length) % questionIds.length]!;
    const sentAt = Date.now();
    pending.push(
      send(voter.socket, 'qa:vote', { questionId }).then(
        (response) => {
          ackMs.record(Date.now() - sentAt);
          if (!response.ok) return void failures.push(response.error.code);
          accepted.set(questionId, (accepted.get(questionId) ?? 0) + 1);
          sent.push({ questionId, sentAt, count: response.data.voteCount });
        },
        (error: unknown) => void failures.push(String(error)),
      ),
    );
  }
  const offeredS = (Date.now() - started) / 1000;
  await Promise.all(pending);
  const allRight = () => clients.every((client) => questionIds.every((id) => client.tallies.get(id) === (accepted.get(id) ?? 0)));
  await waitFor(allRight, 5000);
  context.hooks.onTallies = undefined;

  const visible = new Histogram();
  let neverSeen = 0;
  for (const vote of sent) {
    for (const observer of observers) {
      const series = seen.get(observer)?.get(vote.questionId);
      const at = series ? firstAtLeast(series.counts, vote.count) : -1;
      if (at < 0 || !series) neverSeen += 1;
      else visible.record(Math.max(0, series.times[at]! - vote.sentAt));
    }
  }
  const stored = await context.control.countVotes(context.slug);
  const wrongStored = questionIds.filter((id) => stored.votes[id] !== (accepted.get(id) ?? 0) || stored.stored[id] !== (accepted.get(id) ?? 0)).length;
  const wrongClients = clients.filter((client) => questionIds.some((id) => client.tallies.get(id) !== (accepted.get(id) ?? 0))).length;
  context.shared.expectedVotes = new Map(questionIds.map((id) => [id, accepted.get(id) ?? 0]));
  return {
    metrics: [
      { name: 'votes offered', value: total, unit: '' },
      { name: 'votes/s offered', value: Math.round(total / offeredS), unit: '/s', target: { op: '>=', value: Math.min(2000, rate) * 0.98 } },
      { name: 'votes refused or failed', value: failures.length, unit: '', target: { op: '=', value: 0 } },
      { name: 'questions with wrong stored count', value: wrongStored, unit: '', target: { op: '=', value: 0 } },
      { name: 'clients with wrong tallies at end', value: wrongClients, unit: '', target: { op: '=', value: 0 } },
      ...latencyMetrics('vote → visible to others', visible.summary(), { p99: 300 }),
      { name: 'votes never seen by an observer', value: neverSeen, unit: '', target: { op: '=', value: 0 } },
      ...latencyMetrics('vote → ack', ackMs.summary()),
      { name: 'tally deliveries/s', value: Math.round(tallyDeliveries / offeredS), unit: '/s' },
    ],
    notes: [`${questionCount} questions, ${OBSERVERS} observers × ${sent.length} votes for visibility`, ...[...new Set(failures)].slice(0, 3)],
  };
}
