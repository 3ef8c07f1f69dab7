// `npm run bench [-- --scenario <name>[,<name>]] [--attendees N] [--quick] [--profile]`: starts the server under
// test and the load generator as separate processes, prints a table and writes bench-results/latest.json.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import Sqlite from 'better-sqlite3';
import { applyMigrations } from '../../server/persistence/migrator';
import { buildServerEntry } from '../build-server';
import { formatMarkdown, formatTable } from './report';
import { isPassing, SCENARIOS, type AnswerCounts, type GeneratorMessage, type RunnerReply, type ScenarioResult, type VoteCounts } from './scenario';
import type { MetricsReply, ServerFigures } from './server-metrics';
import type { VotePathFigures, VotePathOptions } from './vote-path';

const RUN_DEADLINE_MS = 570_000;
/** Every simulated client comes from 127.0.0.1, so the per-IP limits are lifted; per-socket limits stay as they are. */
const LIFTED_LIMITS = { CHECK_INS_PER_ADDRESS: '1000000', RATE_LIMIT_CONNECTIONS_PER_10S: '1000000', RATE_LIMIT_API_PER_MINUTE: '1000000', RATE_LIMIT_CALLS_PER_MINUTE: '1000000' };
const root = path.resolve(import.meta.dirname, '../..');
const { values: options } = parseArgs({
  options: {
    scenario: { type: 'string' },
    attendees: { type: 'string', default: '5000' },
    quick: { type: 'boolean', default: false },
    profile: { type: 'boolean', default: false },
  },
});
const scenarios = options.scenario ? options.scenario.split(',') : [...SCENARIOS];
const unknown = scenarios.filter((name) => !(SCENARIOS as readonly string[]).includes(name));
if (unknown.length > 0) throw new Error(`Unknown scenario ${unknown.join(', ')}; choose from ${SCENARIOS.join(', ')}`);
const attendees = Number(options.attendees);
if (!Number.isInteger(attendees) || attendees < 10) throw new Error('--attendees must be a whole number of at least 10');

const directory = await mkdtemp(path.join(os.tmpdir(), 'roundtable-bench-'));
const databaseFile = path.join(directory, 'bench.db');
const profileDirectory = path.join(root, 'bench-results', 'profiles');
await applyMigrations(`file:${databaseFile}`);

// The servers run as production does: compiled to JavaScript (the load generator stays on tsx).
const [benchServer, baselineServer] = await Promise.all([
  buildServerEntry('scripts/bench/bench-server.ts', 'dist/bench/bench-server.mjs'),
  buildServerEntry('scripts/bench/baseline-server.ts', 'dist/bench/baseline-server.mjs'),
]);

/** Node through bash, so the child may open as many sockets as the hard limit allows. */
function spawnNode(script: string, env: Record<string, string>, nodeFlags: string[] = []): ChildProcess {
  const loader = script.endsWith('.ts') ? '--import tsx' : '';
  const command = `ulimit -n "$(ulimit -Hn)" && exec node ${nodeFlags.join(' ')} ${loader} ${script}`;
  return spawn('bash', ['-c', command], { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
}

function whenReady(child: ChildProcess): Promise<number> {
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`process exited with ${code} before it was ready`)));
    const onMessage = (message: { type?: string; port?: number }) => {
      if (message.type !== 'ready' || message.port === undefined) return;
      child.off('message', onMessage);
      resolve(message.port);
    };
    child.on('message', onMessage);
  });
}

function stop(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

let metricsId = 0;
function readFigures(child: ChildProcess, reset: boolean, window?: string): Promise<ServerFigures> {
  const id = ++metricsId;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the server did not report its metrics')), 30_000);
    const onMessage = (message: MetricsReply) => {
      if (message.type !== 'metrics' || message.id !== id) return;
      clearTimeout(timer);
      child.off('message', onMessage);
      resolve(message.figures);
    };
    child.on('message', onMessage);
    child.send({ type: 'metrics', id, reset, window });
  });
}

function setVoteChecks(child: ChildProcess, isEnabled: boolean): Promise<null> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the server did not switch its vote checks')), 10_000);
    const onMessage = (message: { type?: string; isEnabled?: boolean }) => {
      if (message.type !== 'voteChecks' || message.isEnabled !== isEnabled) return;
      clearTimeout(timer);
      child.off('message', onMessage);
      resolve(null);
    };
    child.on('message', onMessage);
    child.send({ type: 'voteChecks', isEnabled });
  });
}

/** Runs scripts/bench/vote-path.ts in a process of its own, as the server runs (production, no profiler). */
function measureVotePath(options: VotePathOptions): Promise<VotePathFigures> {
  const child = spawnNode('scripts/bench/vote-path.ts', { NODE_ENV: 'production', BENCH_VOTE_PATH: JSON.stringify(options) });
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the vote-path bench exited with ${code} before it reported`)));
    child.on('message', (message: { type?: string; figures?: VotePathFigures }) => {
      if (message.type === 'votePath' && message.figures) resolve(message.figures);
    });
  });
}

async function startServer(port: number): Promise<{ child: ChildProcess; port: number }> {
  const flags = options.profile ? ['--cpu-prof', `--cpu-prof-dir=${profileDirectory}`] : [];
  // The server logs warnings and errors only, so its request lines do not interleave with the report.
  const environment = { NODE_ENV: 'production', LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn', DATABASE_URL: `file:${databaseFile}`, PORT: String(port), ...LIFTED_LIMITS };
  const child = spawnNode(benchServer, environment, flags);
  return { child, port: await whenReady(child) };
}

function countVotes(slug: string): VoteCounts {
  const database = new Sqlite(databaseFile, { readonly: true });
  try {
    const where = 'FROM Question q JOIN Call c ON c.id = q.callId WHERE c.slug = ?';
    const votes = database.prepare(`SELECT q.id AS id, (SELECT COUNT(*) FROM Vote v WHERE v.questionId = q.id) AS count ${where}`).all(slug) as { id: string; count: number }[];
    const stored = database.prepare(`SELECT q.id AS id, q.voteCount AS count ${where}`).all(slug) as { id: string; count: number }[];
    const toRecord = (rows: { id: string; count: number }[]) => Object.fromEntries(rows.map((row) => [row.id, row.count]));
    return { votes: toRecord(votes), stored: toRecord(stored) };
  } finally {
    database.close();
  }
}

function countAnswers(pollId: string): AnswerCounts {
  const database = new Sqlite(databaseFile, { readonly: true });
  try {
    const rows = database.prepare('SELECT optionIds, COUNT(*) AS count FROM PollAnswer WHERE pollId = ? GROUP BY optionIds').all(pollId) as { optionIds: string | null; count: number }[];
    return { total: rows.reduce((sum, row) => sum + row.count, 0), byOptionIds: Object.fromEntries(rows.map((row) => [row.optionIds ?? '', row.count])) };
  } finally {
    database.close();
  }
}

function countReactions(slug: string): number {
  const database = new Sqlite(databaseFile, { readonly: true });
  try {
    const row = database.prepare('SELECT COALESCE(SUM(r.count), 0) AS total FROM ReactionCount r JOIN Call c ON c.id = r.callId WHERE c.slug = ?').get(slug) as { total: number };
    return row.total;
  } finally {
    database.close();
  }
}

const machine = {
  cpu: os.cpus()[0]?.model ?? 'unknown',
  cores: os.cpus().length,
  memoryGb: Math.round(os.totalmem() / 1024 ** 3),
  os: `${os.type()} ${os.release()}`,
  node: process.version,
  loadAverage: os.loadavg().map((load) => Math.round(load * 100) / 100),
};
if (options.profile) await mkdir(profileDirectory, { recursive: true });
const startedAt = new Date();
let server = await startServer(0);
let baseline: { child: ChildProcess; url: string } | undefined;
const results: ScenarioResult[] = [];
console.log(`Bench: ${attendees} attendees, scenarios ${scenarios.join(', ')}${options.quick ? ' (quick)' : ''}; server on port ${server.port}`);
console.log(`Machine: ${machine.cpu} (${machine.cores} cores, ${machine.memoryGb} GB), Node ${machine.node}; load average ${machine.loadAverage.join(' ')} before the run`);

const generator = spawnNode('scripts/bench/load-generator.ts', {
  BENCH_URL: `http://127.0.0.1:${server.port}`,
  BENCH_ATTENDEES: String(attendees),
  BENCH_SCENARIOS: scenarios.join(','),
  BENCH_QUICK: options.quick ? '1' : '0',
  BENCH_DEADLINE_MS: String(RUN_DEADLINE_MS - 30_000),
});

async function answer(message: Extract<GeneratorMessage, { type: 'request' }>): Promise<unknown> {
  switch (message.action) {
    case 'serverMetrics':
      return readFigures(server.child, message.reset, message.window);
    case 'baselineMetrics':
      return readFigures(baseline!.child, message.reset, message.window);
    case 'countVotes':
      return countVotes(message.slug);
    case 'countAnswers':
      return countAnswers(message.pollId);
    case 'countReactions':
      return countReactions(message.slug);
    case 'setVoteChecks':
      return setVoteChecks(server.child, message.isEnabled);
    case 'measureVotePath':
      return measureVotePath(message.options);
    case 'restartServer': {
      await stop(server.child);
      server = await startServer(server.port);
      return null;
    }
    case 'startBaseline': {
      // One baseline per run: the join storm's memory comparison, the vote storm's bare equivalent and deliveries.
      if (baseline && baseline.child.exitCode === null && baseline.child.signalCode === null) return baseline.url;
      const child = spawnNode(baselineServer, { NODE_ENV: 'production' });
      baseline = { child, url: `http://127.0.0.1:${await whenReady(child)}` };
      return baseline.url;
    }
  }
}

generator.on('message', (message: GeneratorMessage) => {
  if (message.type === 'log') console.log(message.line);
  else if (message.type === 'result') {
    // IPC carries JSON, which turns NaN (n/a: no sample, or a ratio without a denominator) into null.
    for (const metric of message.result.metrics) metric.value ??= Number.NaN;
    results.push(message.result);
  }
  else {
    void answer(message).then(
      (data) => generator.send({ type: 'reply', id: message.id, data } satisfies RunnerReply),
      (error: unknown) => generator.send({ type: 'reply', id: message.id, data: null, error: String(error) } satisfies RunnerReply),
    );
  }
});

const deadline = setTimeout(() => {
  console.error('Bench: time is up; stopping the load generator');
  generator.kill('SIGKILL');
}, RUN_DEADLINE_MS);
const exitCode = await new Promise<number>((resolve) => generator.once('exit', (code) => resolve(code ?? 1)));
clearTimeout(deadline);
await Promise.all([stop(server.child), stop(baseline?.child)]);
await rm(directory, { recursive: true, force: true });

// The calibration figure: what bare Socket.IO does with the same votes on this machine, so that runs on different
// machines can be compared (our figures as a ratio of it).
const bareCapacity = results.find((result) => result.scenario === 'vote-storm')?.metrics.find((metric) => metric.name.startsWith('bare: capacity'))?.value;
const calibration = bareCapacity === undefined ? undefined : { bareVoteCapacityPerSecond: bareCapacity };
const header = [
  `Machine: ${machine.cpu} (${machine.cores} cores, ${machine.memoryGb} GB), Node ${machine.node}; load average before the run ${machine.loadAverage.join(' ')}`,
  calibration === undefined
    ? 'Calibration: run vote-storm for the bare Socket.IO vote capacity'
    : `Calibration: bare Socket.IO vote capacity ${
        calibration.bareVoteCapacityPerSecond === 0 ? 'below the lowest step' : `${calibration.bareVoteCapacityPerSecond.toLocaleString('en-US')} votes/s`
      } at ${attendees.toLocaleString('en-US')} clients (vote → visible p99 < 300 ms, nothing lost; see the vote-storm rows for each step)`,
];
const table = formatTable(results);
const notes = results.flatMap((result) => result.notes.map((note) => `${result.scenario}: ${note}`));
console.log(`\n${header.join('\n')}\n\n${table}\n${notes.length > 0 ? `\n${notes.join('\n')}\n` : ''}`);
const failing = results.flatMap((result) => result.metrics.filter((metric) => !isPassing(metric)).map((metric) => `${result.scenario}: ${metric.name}`));
console.log(failing.length === 0 ? 'Every target met.' : `Targets missed (${failing.length}): ${failing.join('; ')}`);
const durationS = Math.round((Date.now() - startedAt.getTime()) / 1000);
console.log(`Ran ${durationS} s on ${machine.cpu} (${machine.cores} cores, ${machine.memoryGb} GB), Node ${machine.node}.`);

await mkdir(path.join(root, 'bench-results'), { recursive: true });
const report = { startedAt: startedAt.toISOString(), durationS, attendees, scenarios, isQuick: options.quick, machine, calibration, results, failing };
await writeFile(path.join(root, 'bench-results', 'latest.json'), `${JSON.stringify(report, null, 2)}\n`);
await writeFile(path.join(root, 'bench-results', 'latest.md'), `${header.join('  \n')}\n\n${formatMarkdown(results)}\n`);
process.exit(exitCode === 0 && results.length > 0 ? 0 : 1);
