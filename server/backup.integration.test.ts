import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { callWithHost, checkedIn, joinPayload, send, sendOk, startTestServer, type TestClient } from './testing/test-server';

const root = fileURLToPath(new URL('../', import.meta.url));

/** Runs `npm run db:<name>` as an operator would (the script itself, without npm's banner). */
function runScript(name: 'backup' | 'restore', args: string[], databaseUrl: string): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', `scripts/db-${name}.ts`, ...args], { cwd: root, env: { ...process.env, DATABASE_URL: databaseUrl }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, output })));
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const ASKERS = 6;
const QUESTIONS_EACH = 5;
const VOTERS = 24;

describe('backing up during a vote storm', () => {
  const directories: string[] = [];
  afterAll(() => Promise.all(directories.map((directory) => rm(directory, { recursive: true, force: true }))));

  it('restores every vote acknowledged before the backup started, and nothing never sent', async () => {
    const server = await startTestServer();
    const backupDirectory = await mkdtemp(path.join(tmpdir(), 'roundtable-backups-'));
    directories.push(backupDirectory);
    const backupFile = path.join(backupDirectory, 'during-storm.db');
    const { created } = await callWithHost(server);
    const questionIds: string[] = [];
    for (let asker = 0; asker < ASKERS; asker += 1) {
      const client = await checkedIn(server, created.slug, `Asker ${asker}`);
      for (let index = 0; index < QUESTIONS_EACH; index += 1) questionIds.push((await sendOk(client, 'qa:ask', { text: `Question ${asker}.${index}` })).question.id);
    }
    const voters: (TestClient & { participantId: string })[] = [];
    for (let voter = 0; voter < VOTERS; voter += 1) voters.push(await checkedIn(server, created.slug, `Voter ${voter}`));

    const sent = new Set<string>();
    const acknowledged = new Set<string>();
    let isStorming = true;
    const storm = voters.map(async (voter, offset) => {
      for (let index = 0; index < questionIds.length && isStorming; index += 1) {
        const questionId = questionIds[(index + offset) % questionIds.length]!;
        const pair = `${questionId}/${voter.participantId}`;
        sent.add(pair);
        const answer = await send(voter, 'qa:vote', { questionId });
        if (answer.ok) acknowledged.add(pair);
        // Over the per-participant vote budget: slow down and try the next question later.
        else if (answer.error.code === 'rate_limited') await pause(300);
        else throw new Error(`qa:vote: ${answer.error.code} ${answer.error.message}`);
      }
    });

    while (acknowledged.size < 100) await pause(20);
    const acknowledgedBeforeBackup = new Set(acknowledged);
    const backup = await runScript('backup', [backupFile], server.databaseUrl);
    const acknowledgedDuringBackup = acknowledged.size - acknowledgedBeforeBackup.size;
    isStorming = false;
    await Promise.all(storm);
    expect(backup.output).toMatch(/\d+\/\d+ pages[\s\S]*Backup complete/);
    expect(backup.code).toBe(0);
    // The storm went on while the backup ran, so the backup really was taken under load.
    expect(acknowledgedDuringBackup).toBeGreaterThan(0);

    // A running server's database is refused (another process holds it open).
    const refused = await runScript('restore', [backupFile], server.databaseUrl);
    expect(refused).toEqual({ code: 1, output: expect.stringMatching(/Restore failed: .* is in use/) });
    await server.close();

    const restoreDirectory = await mkdtemp(path.join(tmpdir(), 'roundtable-restored-'));
    directories.push(restoreDirectory);
    const restored = await runScript('restore', [backupFile], `file:${path.join(restoreDirectory, 'test.db')}`);
    expect(restored.output).toMatch(/Restore complete/);
    expect(restored.code).toBe(0);

    const restoredServer = await startTestServer({ directory: restoreDirectory });
    try {
      const database = new Database(path.join(restoreDirectory, 'test.db'), { readonly: true });
      const rows = database.prepare('SELECT "questionId", "participantId" FROM "Vote"').all() as { questionId: string; participantId: string }[];
      expect(database.pragma('integrity_check', { simple: true })).toBe('ok');
      database.close();
      const present = new Set(rows.map((row) => `${row.questionId}/${row.participantId}`));
      expect([...acknowledgedBeforeBackup].filter((pair) => !present.has(pair))).toEqual([]);
      expect([...present].filter((pair) => !sent.has(pair))).toEqual([]);

      // The restored server serves the call with the same tallies.
      const reader = restoredServer.connect();
      const { snapshot } = await sendOk(reader, 'call:join', joinPayload(created.slug));
      const tallies = Object.fromEntries(snapshot.questions.map((question) => [question.id, question.voteCount]));
      const counted = Object.fromEntries(questionIds.map((id) => [id, rows.filter((row) => row.questionId === id).length]));
      expect(tallies).toEqual(counted);
    } finally {
      await restoredServer.close();
    }
  }, 120_000);
});
