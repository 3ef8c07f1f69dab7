import { REACTIONS } from '@/lib/protocol';
import { send, sendOk, sleep, waitFor, type BenchClient } from '../clients';
import { latencyMetrics, type BenchContext, type Metric, type ScenarioOutput } from '../scenario';
import { firstAtLeast, Histogram, MoveDeliveries, summarize } from '../stats';

const REACTIONS_PER_SECOND = 1000;
/** With fewer attendees the rate shrinks, so nobody sends more than one every five seconds (the limit is 2/s). */
const REACTIONS_PER_ATTENDEE_PER_SECOND = 0.2;
const VOTES_PER_SECOND = 20;
const MOVE_EVERY_MS = 3000;
const OBSERVERS = 50;
/** The broadcaster's tick (server/realtime/broadcaster.ts TICK_MS). */
const TICK_MS = 150;
/**
 * Two reaction messages for different agenda items less than this apart may have come in one tick (ticks are
 * 150 ms apart, but a stalled loop on either side bunches them, so this only hints; the broadcaster's test checks it).
 */
const SAME_TICK_MS = 50;

type Arrival = { at: number; itemId: string | null; total: number };
type TallySeries = { counts: number[]; times: number[] };
/** What the other operations saw during one phase. */
type Others = { deliveries: MoveDeliveries; votes: Awaited<ReturnType<typeof sendVotes>>; moves: Awaited<ReturnType<typeof moveAgenda>> };

/**
 * Attendees send 1,000 reactions a second for 30 seconds, spread so nobody exceeds the per-participant limit,
 * while the host moves through the agenda and others vote: reactions reach everyone merged (one message per
 * socket per tick), and the moves and votes keep their targets. A calm phase first (moves and votes, no
 * reactions) gives the same figures without reactions, in the same run.
 */
export async function runReactionStorm(context: BenchContext): Promise<ScenarioOutput> {
  const senders = context.clients.filter((client) => client.token !== undefined && client.socket.connected);
  const durationS = context.isQuick ? 10 : 30;
  const calmS = context.isQuick ? 6 : 12;
  const rate = Math.min(REACTIONS_PER_SECOND, Math.round(senders.length * REACTIONS_PER_ATTENDEE_PER_SECOND));
  if (!context.host.currentItemId) await sendOk(context.host.socket, 'agenda:jump', { itemId: context.itemIds[0]! });
  const { question } = await sendOk(senders[0]!.socket, 'qa:ask', { text: 'Benchmark question during reactions' });
  const storedBefore = await context.control.countReactions(context.slug);
  await sleep(500);

  const observers = new Set(context.clients.slice(0, OBSERVERS));
  const arrivals = new Map<BenchClient, Arrival[]>();
  const messagesPerClient = new Map<BenchClient, number>();
  const tallies = new Map<BenchClient, TallySeries>();
  let deliveries = new MoveDeliveries();
  let lastReactionAt = 0;
  context.hooks.onReactions = (client, burst, now) => {
    lastReactionAt = now;
    messagesPerClient.set(client, (messagesPerClient.get(client) ?? 0) + 1);
    if (!observers.has(client)) return;
    const total = Object.values(burst.counts).reduce((sum, count) => sum + (count ?? 0), 0);
    const list = arrivals.get(client) ?? [];
    arrivals.set(client, list);
    list.push({ at: now, itemId: burst.itemId, total });
  };
  context.hooks.onTallies = (client, counts, now) => {
    const count = counts[question.id];
    if (count === undefined || !observers.has(client)) return;
    const series = tallies.get(client) ?? { counts: [], times: [] };
    tallies.set(client, series);
    series.counts.push(count);
    series.times.push(now);
  };
  context.hooks.onEvent = (_client, item, now) => {
    if (item.event.type !== 'agenda.current' || !item.event.itemStartedAt) return;
    deliveries.record(item.sequence, now - Date.parse(item.event.itemStartedAt));
  };
  const expectedMoves = (others: Others) => others.moves.sequences.length * (context.clients.length + 1);
  const movesReceived = (others: Others) => others.deliveries.received(others.moves.sequences);
  const settle = async (others: Others) => {
    await waitFor(() => movesReceived(others) >= expectedMoves(others), 5000);
    await waitFor(() => [...observers].every((client) => client.tallies.get(question.id) === votes.accepted), 5000);
  };
  const votes = { accepted: 0, next: 0 };

  // Calm: the same moves and votes without reactions.
  let started = Date.now();
  const calmVotes = await Promise.all([sendVotes(senders, question.id, votes, started, started + calmS * 1000), moveAgenda(context, started, started + calmS * 1000)]);
  const calm: Others = { deliveries, votes: calmVotes[0], moves: calmVotes[1] };
  await settle(calm);
  // The storm's server figures start here (measure() reads them at the end).
  const calmServer = await context.control.serverMetrics(true);

  deliveries = new MoveDeliveries();
  started = Date.now();
  const end = started + durationS * 1000;
  const [reactions, stormVotes, stormMoves] = await Promise.all([
    sendReactions(senders, rate, started, end),
    sendVotes(senders, question.id, votes, started, end),
    moveAgenda(context, started, end),
  ]);
  const stormS = (Date.now() - started) / 1000;
  const storm: Others = { deliveries, votes: stormVotes, moves: stormMoves };
  const seenBy = (client: BenchClient) => (arrivals.get(client) ?? []).reduce((sum, arrival) => sum + arrival.total, 0);
  await waitFor(() => [...observers].every((client) => seenBy(client) >= reactions.accepted), 5000);
  await settle(storm);
  context.hooks.onReactions = undefined;
  context.hooks.onTallies = undefined;
  context.hooks.onEvent = undefined;

  // Reaction messages per socket per tick: the count over the ticks the storm lasted (a stalled loop skips ticks,
  // so this is at most 1), and (for observers) messages that may have come in the same tick as another one.
  const ticks = Math.floor((lastReactionAt - started) / TICK_MS) + 1;
  const perTick = [...messagesPerClient.values()].map((count) => count / ticks);
  const sameTick = [...arrivals.values()].map(
    (list) => list.filter((arrival, index) => index > 0 && arrival.at - list[index - 1]!.at < SAME_TICK_MS && arrival.itemId !== list[index - 1]!.itemId).length,
  );
  const missing = Math.max(0, ...[...observers].map((client) => reactions.accepted - seenBy(client)));
  await sleep(2 * TICK_MS); // the last tick stores its counts after sending them
  const stored = (await context.control.countReactions(context.slug)) - storedBefore;
  const calmFigures = othersFigures(calm, tallies, OBSERVERS);
  const stormFigures = othersFigures(storm, tallies, OBSERVERS);
  const failures = [...reactions.failures, ...calm.votes.failures, ...storm.votes.failures, ...calm.moves.failures, ...storm.moves.failures];

  const metrics: Metric[] = [
    { name: 'reactions offered', value: reactions.offered, unit: '' },
    { name: 'reactions/s offered', value: Math.round(reactions.offered / stormS), unit: '/s', target: { op: '>=', value: rate * 0.98 } },
    { name: 'reactions refused or failed', value: reactions.failures.length, unit: '', target: { op: '=', value: 0 } },
    { name: 'reactions missing at an observer', value: missing, unit: '', target: { op: '=', value: 0 } },
    { name: 'stored reactions − acked', value: stored - reactions.accepted, unit: '', target: { op: '=', value: 0 } },
    { name: 'reaction messages per socket per 150 ms (mean)', value: round2(perTick.reduce((sum, value) => sum + value, 0) / Math.max(1, perTick.length)), unit: '' },
    { name: 'reaction messages per socket per 150 ms (max)', value: round2(Math.max(0, ...perTick)), unit: '', target: { op: '<', value: 1.001 } },
    { name: 'reaction messages < 50 ms after one for another item (max per observer)', value: Math.max(0, ...sameTick), unit: '' },
    ...latencyMetrics('reaction → ack', reactions.ackMs.summary()),
    { name: 'agenda moves (calm + storm)', value: calm.moves.sequences.length + storm.moves.sequences.length, unit: '' },
    { name: 'moves or votes refused', value: failures.length - reactions.failures.length, unit: '', target: { op: '=', value: 0 } },
    ...latencyMetrics('move delivery (server time → client)', stormFigures.moveDelivery, { p99: 150 }),
    { name: 'move delivery p99 without reactions', value: calmFigures.moveDelivery.p99, unit: 'ms' },
    { name: 'last client per move max', value: stormFigures.lastPerMove.max, unit: 'ms', target: { op: '<', value: 250 } },
    { name: 'last client per move max without reactions', value: calmFigures.lastPerMove.max, unit: 'ms' },
    { name: 'lost move deliveries', value: expectedMoves(calm) - movesReceived(calm) + expectedMoves(storm) - movesReceived(storm), unit: '', target: { op: '=', value: 0 } },
    ...latencyMetrics('vote → visible to others', stormFigures.voteVisible, { p99: 300 }),
    { name: 'vote → visible p99 without reactions', value: calmFigures.voteVisible.p99, unit: 'ms' },
    { name: 'votes never seen by an observer', value: calmFigures.votesNeverSeen + stormFigures.votesNeverSeen, unit: '', target: { op: '=', value: 0 } },
    { name: 'vote → ack p99', value: storm.votes.ackMs.summary().p99, unit: 'ms' },
    { name: 'vote → ack p99 without reactions', value: calm.votes.ackMs.summary().p99, unit: 'ms' },
    { name: 'server event-loop lag p99 without reactions', value: calmServer.lagP99Ms, unit: 'ms' },
    { name: 'server CPU without reactions', value: calmServer.cpuPercent, unit: '%' },
  ];
  return {
    metrics,
    notes: [
      `${senders.length} senders, each about every ${Math.round(senders.length / rate)} s; ${VOTES_PER_SECOND} votes/s and a move every ${MOVE_EVERY_MS / 1000} s alongside, also in a ${calmS} s calm phase before; ${OBSERVERS} observers; the server figures are the storm's`,
      ...[...new Set(failures)].slice(0, 3),
    ],
  };
}

function othersFigures(others: Others, tallies: Map<BenchClient, TallySeries>, observers: number) {
  const voteVisible = new Histogram();
  let votesNeverSeen = (observers - tallies.size) * others.votes.sent.length;
  for (const vote of others.votes.sent) {
    for (const series of tallies.values()) {
      const position = firstAtLeast(series.counts, vote.count);
      if (position < 0) votesNeverSeen += 1;
      else voteVisible.record(Math.max(0, series.times[position]! - vote.sentAt));
    }
  }
  return {
    moveDelivery: others.deliveries.delivery.summary(),
    lastPerMove: summarize(others.deliveries.lasts(others.moves.sequences)),
    voteVisible: voteVisible.summary(),
    votesNeverSeen,
  };
}

const round2 = (value: number) => Math.round(value * 100) / 100;

/** Reactions round-robin over the senders, so each sends one every senders/rate seconds, far below 2/s. */
async function sendReactions(senders: BenchClient[], rate: number, started: number, end: number) {
  const ackMs = new Histogram();
  const failures: string[] = [];
  const pending: Promise<void>[] = [];
  let accepted = 0;
  let offered = 0;
  while (Date.now() < end) {
    const due = Math.floor(((Date.now() - started) / 1000) * rate);
    for (; offered < due; offered += 1) {
      const sentAt = Date.now();
      pending.push(
        send(senders[offered % senders.length]!.socket, 'reaction:send', { emoji: REACTIONS[offered % REACTIONS.length] }).then(
          (response) => {
            ackMs.record(Date.now() - sentAt);
            if (response.ok) accepted += 1;
            else failures.push(response.error.code);
          },
          (error: unknown) => void failures.push(String(error)),
        ),
      );
    }
    await sleep(10);
  }
  await Promise.all(pending);
  return { offered, accepted, failures, ackMs };
}

/** A steady trickle of votes on one question, each from another attendee (`tally.next` counts them over phases). */
async function sendVotes(senders: BenchClient[], questionId: string, tally: { accepted: number; next: number }, started: number, end: number) {
  const ackMs = new Histogram();
  const failures: string[] = [];
  const sent: { sentAt: number; count: number }[] = [];
  const pending: Promise<void>[] = [];
  for (let index = 0; tally.next < senders.length && Date.now() < end; index += 1) {
    await sleep(Math.max(0, started + (index / VOTES_PER_SECOND) * 1000 - Date.now()));
    const sentAt = Date.now();
    const voter = senders[senders.length - 1 - tally.next++]!;
    pending.push(
      send(voter.socket, 'qa:vote', { questionId }).then(
        (response) => {
          ackMs.record(Date.now() - sentAt);
          if (!response.ok) return void failures.push(response.error.code);
          tally.accepted += 1;
          sent.push({ sentAt, count: response.data.voteCount });
        },
        (error: unknown) => void failures.push(String(error)),
      ),
    );
  }
  await Promise.all(pending);
  return { sent, failures, ackMs };
}

/** The host moves to the next item every few seconds; each move is a sequenced event to everyone. */
async function moveAgenda(context: BenchContext, started: number, end: number) {
  const sequences: number[] = [];
  const failures: string[] = [];
  const first = Math.max(0, context.itemIds.indexOf(context.host.currentItemId ?? ''));
  for (let step = 1; started + step * MOVE_EVERY_MS < end; step += 1) {
    await sleep(Math.max(0, started + step * MOVE_EVERY_MS - Date.now()));
    const itemId = context.itemIds[(first + step) % context.itemIds.length]!;
    const response = await send(context.host.socket, 'agenda:jump', { itemId });
    if (response.ok) sequences.push(response.data.sequence);
    else failures.push(response.error.code);
  }
  return { sequences, failures };
}
