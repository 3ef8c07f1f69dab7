// The vote batch path alone, with the vote checks on and off: `applyVoteBatch` on its own temporary SQLite file in
// this process, with no sockets and no other work in it, so that over many batches its CPU time per vote shows a
// difference of a few per cent. Started by scripts/bench/run.ts for the vote-checks scenario; reports over IPC and exits.
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createCallSchema } from '../../lib/protocol';
import { buildNewCall } from '../../server/domain/call-factory';
import { SignalSchedule } from '../../server/domain/vote-integrity';
import { createId } from '../../server/domain/secrets';
import { insertCall } from '../../server/persistence/calls.repository';
import { openDatabase } from '../../server/persistence/database';
import { applyMigrations } from '../../server/persistence/migrator';
import { applyVoteBatch, type VoteChecks } from '../../server/persistence/questions.repository';
import { tuneV8ForServing } from '../../server/v8-tuning';

export type VotePathOptions = { voters: number; batchVotes: number; pairs: number };
/**
 * Microseconds of this process's CPU time (user + system, every thread: garbage collection included) per vote of
 * each batch, checks on and off, in the order they ran. CPU time, not wall time: the server and the load generator
 * are still running on the same cores, and the time they take the core from this process is not the path's.
 */
export type VotePathFigures = { on: number[]; off: number[] };

export async function measureVotePath({ voters, batchVotes, pairs }: VotePathOptions): Promise<VotePathFigures> {
  // In memory where the machine has it: the file system's flushes are common to both sides, and only add noise.
  const directory = await mkdtemp(path.join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), 'roundtable-vote-path-'));
  const databaseUrl = `file:${path.join(directory, 'vote-path.db')}`;
  await applyMigrations(databaseUrl);
  const database = await openDatabase(databaseUrl);
  try {
    const call = buildNewCall(createCallSchema.parse({ title: 'Vote path', startsAt: '2026-12-05T17:30', timezone: 'UTC', sections: [{ title: 'Q&A' }] }));
    await insertCall(database, call);
    // As in the socket rounds: every voter from one address, checked in before the Q&A opened with
    // "only participants who checked in before may vote" on, so the rule is checked for every vote.
    const participantIds = Array.from({ length: voters }, () => createId());
    const checkedInAt = new Date();
    for (let start = 0; start < voters; start += 500) {
      await database.participant.createMany({
        data: participantIds.slice(start, start + 500).map((id, index) => ({ id, callId: call.id, displayName: `Voter ${start + index}`, joinBucket: 'one-address', checkedInAt })),
      });
    }
    await database.call.update({ where: { id: call.id }, data: { qaOpen: true, qaVotersBeforeOpen: true, qaOpenedAt: new Date(checkedInAt.getTime() + 1) } });
    // Warm-up: with the checks on through two questions' worth of votes (each query shape the checks use, including
    // the read of a question whose batch holds only its first few votes, is compiled by then), then two batches off.
    const warmUpBatches = 2 * Math.ceil(voters / batchVotes) + 2;
    const batches = warmUpBatches + pairs * 2;
    const questionIds = Array.from({ length: Math.ceil((batches * batchVotes) / voters) + 1 }, () => createId());
    await database.question.createMany({
      data: questionIds.map((id, index) => ({ id, callId: call.id, authorId: participantIds[index % voters]!, authorName: 'Ada', text: `Question ${index}`, state: 'open', createdAt: new Date() })),
    });

    const checks: VoteChecks = { isEnabled: true, signals: new SignalSchedule() };
    let voteIndex = 0;
    const runBatch = async (isEnabled: boolean): Promise<number> => {
      // Vote k is voter k mod N's, for question ⌊k / N⌋: nobody votes twice for a question, as in the bench.
      const requests = Array.from({ length: batchVotes }, () => {
        const k = voteIndex++;
        return { questionId: questionIds[Math.floor(k / voters)]!, participantId: participantIds[k % voters]!, isVote: true };
      });
      checks.isEnabled = isEnabled;
      const before = process.cpuUsage();
      const { outcomes } = await applyVoteBatch(database, call.id, requests, checks);
      const used = process.cpuUsage(before);
      if (!outcomes.every((outcome) => outcome.ok)) throw new Error('a vote of the vote-path bench was refused');
      return (used.user + used.system) / batchVotes;
    };

    for (let batch = 0; batch < warmUpBatches; batch += 1) await runBatch(batch < warmUpBatches - 2);
    const figures: VotePathFigures = { on: [], off: [] };
    // on-off, off-on, …: a drift (the tables growing) hits both sides alike.
    for (let batch = 0; batch < pairs * 2; batch += 1) {
      const isEnabled = batch % 4 === 0 || batch % 4 === 3;
      (isEnabled ? figures.on : figures.off).push(await runBatch(isEnabled));
    }
    return figures;
  } finally {
    await database.$disconnect();
    await rm(directory, { recursive: true, force: true });
  }
}

if (process.send) {
  tuneV8ForServing(); // as the server runs
  const options = JSON.parse(process.env.BENCH_VOTE_PATH ?? '{}') as VotePathOptions;
  const figures = await measureVotePath(options);
  process.send({ type: 'votePath', figures }, () => process.exit(0));
}
