import type { BenchClient, Hooks } from './clients';
import type { ServerFigures } from './server-metrics';
import type { VotePathFigures, VotePathOptions } from './vote-path';

export type Target = { op: '<' | '<=' | '>=' | '='; value: number };
export type Metric = { name: string; value: number; unit: string; target?: Target };
export type ScenarioResult = { scenario: string; metrics: Metric[]; server: ServerFigures; generator: ServerFigures; notes: string[] };

export type VoteCounts = { votes: Record<string, number>; stored: Record<string, number> };
/** A poll's stored answers, grouped by the chosen option ids as stored (JSON). */
export type AnswerCounts = { total: number; byOptionIds: Record<string, number> };

/** What the load generator asks of the runner, which owns the server processes. */
export type Control = {
  serverMetrics(reset: boolean, window?: 'scenario' | 'step'): Promise<ServerFigures>;
  restartServer(): Promise<void>;
  /** Turns the server's vote rule and burst signal on or off (the same process, between rounds). */
  setVoteChecks(isEnabled: boolean): Promise<void>;
  /** The vote batch path alone, checks on and off, in a process of its own (scripts/bench/vote-path.ts). */
  measureVotePath(options: VotePathOptions): Promise<VotePathFigures>;
  countVotes(slug: string): Promise<VoteCounts>;
  countAnswers(pollId: string): Promise<AnswerCounts>;
  /** The sum of the call's stored reaction counts over every agenda item and emoji. */
  countReactions(slug: string): Promise<number>;
  /** Starts the bare Socket.IO baseline (once; later calls return the running one's URL). */
  startBaseline(): Promise<string>;
  baselineMetrics(reset: boolean, window?: 'scenario' | 'step'): Promise<ServerFigures>;
};

export type BenchContext = {
  url: string;
  attendees: number;
  /** Shorter phases for development runs. */
  isQuick: boolean;
  slug: string;
  keys: { host: string; scribe: string };
  itemIds: string[];
  host: BenchClient;
  clients: BenchClient[];
  control: Control;
  hooks: Hooks;
  /** What earlier scenarios established and later ones check. */
  shared: { eventPayloadBytes?: number; expectedVotes?: Map<string, number>; bareVoteCapacity?: number };
};

export type ScenarioOutput = { metrics: Metric[]; notes?: string[] };

export const isPassing = (metric: Metric) => {
  const { target, value } = metric;
  if (!target) return true;
  if (typeof value !== 'number' || Number.isNaN(value)) return false;
  if (target.op === '<') return value < target.value;
  if (target.op === '<=') return value <= target.value;
  if (target.op === '>=') return value >= target.value;
  return value === target.value;
};

export const latencyMetrics = (name: string, summary: { p50: number; p95: number; p99: number; max: number }, targets: Partial<Record<'p50' | 'p95' | 'p99' | 'max', number>> = {}): Metric[] =>
  (['p50', 'p95', 'p99', 'max'] as const).map((key) => ({
    name: `${name} ${key}`,
    value: Math.round(summary[key] * 10) / 10,
    unit: 'ms',
    ...(targets[key] === undefined ? {} : { target: { op: '<' as const, value: targets[key] } }),
  }));

export const SCENARIOS = ['join-storm', 'vote-storm', 'vote-checks', 'poll-storm', 'reaction-storm', 'live-agenda', 'minutes', 'deliveries', 'reconnect'] as const;
export type ScenarioName = (typeof SCENARIOS)[number];

export type GeneratorRequest =
  | { action: 'serverMetrics' | 'baselineMetrics'; reset: boolean; window?: 'scenario' | 'step' }
  | { action: 'restartServer' | 'startBaseline' }
  | { action: 'setVoteChecks'; isEnabled: boolean }
  | { action: 'measureVotePath'; options: VotePathOptions }
  | { action: 'countVotes' | 'countReactions'; slug: string }
  | { action: 'countAnswers'; pollId: string };
export type GeneratorMessage =
  | (GeneratorRequest & { type: 'request'; id: number })
  | { type: 'result'; result: ScenarioResult }
  | { type: 'log'; line: string };
export type RunnerReply = { type: 'reply'; id: number; data: unknown; error?: string };
