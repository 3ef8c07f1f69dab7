// `npx tsx scripts/micro/vote-path.ts`: times the server's per-vote work piece by piece (not a test, not the load
// bench): the gate's parse and permission check, the rate limiter, the batch queue, the decider, and one SQLite
// batch through applyVoteBatch. Prints microseconds per vote; see server/realtime/NOTES-issue-16.md.
import { refusalOf } from '@/lib/permissions';
import { commandSchemas } from '@/lib/protocol';
import { decideVotes, type VoteRequest } from '../../server/domain/votes';
import { RateLimiter } from '../../server/domain/rate-limiter';
import { applyVoteBatch } from '../../server/persistence/questions.repository';
import { BatchQueue } from '../../server/realtime/batch-queue';
import { startCall, startRealtimeHarness } from '../../server/testing/realtime-harness';
import { sendOk } from '../../server/testing/test-server';

const VOTES = 200_000;

function time(label: string, votes: number, work: () => void): void {
  for (let warm = 0; warm < 3; warm += 1) work();
  const startedAt = performance.now();
  work();
  const perVoteUs = ((performance.now() - startedAt) * 1000) / votes;
  console.log(`${label.padEnd(48)} ${perVoteUs.toFixed(3).padStart(9)} µs/vote`);
}

async function timeAsync(label: string, votes: number, work: () => Promise<void>): Promise<void> {
  await work();
  const startedAt = performance.now();
  await work();
  const perVoteUs = ((performance.now() - startedAt) * 1000) / votes;
  console.log(`${label.padEnd(48)} ${perVoteUs.toFixed(3).padStart(9)} µs/vote`);
}

const payloads = Array.from({ length: 1000 }, (_, index) => ({ questionId: `cq${index.toString(36).padStart(22, '0')}` }));
time('gate: zod parse of qa:vote', VOTES, () => {
  for (let index = 0; index < VOTES; index += 1) commandSchemas['qa:vote'].safeParse(payloads[index % payloads.length]);
});
time('gate: refusalOf', VOTES, () => {
  for (let index = 0; index < VOTES; index += 1) refusalOf('attendee', 'qa:vote', { isCheckedIn: true });
});
const limiter = new RateLimiter(5, 20);
time('rate limiter take (5,000 participants)', VOTES, () => {
  for (let index = 0; index < VOTES; index += 1) limiter.take(`participant-${index % 5000}`);
});

const participants = Array.from({ length: 5000 }, (_, index) => `participant-${index}`);
const questions = Array.from({ length: 20 }, (_, index) => `question-${index}`);
const requests: VoteRequest[] = Array.from({ length: 300 }, (_, index) => ({
  questionId: questions[index % questions.length]!,
  participantId: participants[index]!,
  isVote: true,
}));
const state = {
  questionStates: new Map(questions.map((id) => [id, 'open' as const])),
  existingVotes: requests.slice(0, 100).map(({ questionId, participantId }) => ({ questionId, participantId })),
  activeParticipantIds: new Set(participants),
};
time('decideVotes (batches of 300)', 300 * 1000, () => {
  for (let batch = 0; batch < 1000; batch += 1) decideVotes(state, requests);
});

const queue = new BatchQueue<VoteRequest, number>({ windowMs: 0, maxBatch: 300, process: async (_, items) => items.map(() => 1) });
await timeAsync('batch queue submit → outcome (no database)', 100_000, async () => {
  await Promise.all(Array.from({ length: 100_000 }, (_, index) => queue.submit('call', requests[index % requests.length]!)));
});

const harness = await startRealtimeHarness();
try {
  const names = Array.from({ length: 60 }, (_, index) => `Voter ${index}`);
  const { callId, host, attendees } = await startCall(harness, names);
  const questionIds: string[] = [];
  for (let index = 0; index < 5; index += 1) questionIds.push((await sendOk(host.client, 'qa:ask', { text: `Question ${index}?` })).question.id);
  const batch = (isVote: boolean): VoteRequest[] =>
    attendees.flatMap(({ participant }) => questionIds.map((questionId) => ({ questionId, participantId: participant.id, isVote })));
  const rounds = 10;
  const size = attendees.length * questionIds.length;
  let votesMs = 0;
  let unvotesMs = 0;
  for (let round = 0; round < rounds + 1; round += 1) {
    const votedAt = performance.now();
    await applyVoteBatch(harness.database, callId, batch(true));
    const unvotedAt = performance.now();
    await applyVoteBatch(harness.database, callId, batch(false));
    // The first round warms up.
    if (round === 0) continue;
    votesMs += unvotedAt - votedAt;
    unvotesMs += performance.now() - unvotedAt;
  }
  console.log(`${`applyVoteBatch, SQLite, votes (batches of ${size})`.padEnd(48)} ${((votesMs * 1000) / (rounds * size)).toFixed(3).padStart(9)} µs/vote`);
  console.log(`${`applyVoteBatch, SQLite, unvotes (batches of ${size})`.padEnd(48)} ${((unvotesMs * 1000) / (rounds * size)).toFixed(3).padStart(9)} µs/vote`);
  for (const { client } of [host, ...attendees]) client.disconnect();
} finally {
  await harness.close();
}
