import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { ROLES } from '@/lib/protocol';

/** Seconds, from half a millisecond (a SQLite read) to seconds (a stalled write or tick). */
const LATENCY_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

const HTTP_METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

/** What the socket gauges read off each connected socket when scraped. */
export type SocketSample = { role: string; callId?: string };

/**
 * One server's metrics in its own registry (tests run several servers in one process). Every label takes
 * its values from a closed set (command names, error codes, roles, route patterns, Prisma operations), never
 * from a call, participant or URL, so the number of series stays bounded however many calls run.
 */
export class ServerMetrics {
  readonly registry = new Registry();
  readonly commands = new Counter({
    name: 'roundtable_commands_total',
    help: 'Socket commands handled, by command and outcome (ok or the error code of the refusal).',
    labelNames: ['command', 'outcome'] as const,
    registers: [this.registry],
  });
  readonly commandDuration = new Histogram({
    name: 'roundtable_command_duration_seconds',
    help: 'Time from a socket command arriving to its acknowledgement, by command and outcome.',
    labelNames: ['command', 'outcome'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });
  readonly httpRequestDuration = new Histogram({
    name: 'roundtable_http_request_duration_seconds',
    help: 'API requests by method, route pattern (as in the OpenAPI document) and status class, and their duration.',
    labelNames: ['method', 'route', 'status_class'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });
  readonly broadcastTickDuration = new Histogram({
    name: 'roundtable_broadcast_tick_duration_seconds',
    help: 'Duration of a broadcaster tick: writing waiting votes and answers, then sending tallies, results, reactions and presence.',
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });
  readonly databaseQueryDuration = new Histogram({
    name: 'roundtable_database_query_duration_seconds',
    help: 'Database queries by Prisma model and operation (raw queries have model "none"), and their duration.',
    labelNames: ['model', 'operation'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });
  readonly redisErrors = new Counter({
    name: 'roundtable_redis_errors_total',
    help: 'Errors reported by the Redis client of the cluster adapter and presence (connection lost, refused commands).',
    registers: [this.registry],
  });
  readonly votes = new Counter({
    name: 'roundtable_votes_total',
    help: 'Votes and vote withdrawals accepted and committed.',
    registers: [this.registry],
  });
  readonly integrityRefusals = new Counter({
    name: 'roundtable_integrity_refusals_total',
    help: 'Check-ins refused by the per-address identity limit (reason "check_in") and votes refused by the vote rule (reason "vote").',
    labelNames: ['reason'] as const,
    registers: [this.registry],
  });
  readonly pollAnswers = new Counter({
    name: 'roundtable_poll_answers_total',
    help: 'Poll answers accepted and committed.',
    registers: [this.registry],
  });
  readonly #sockets = new Gauge({
    name: 'roundtable_connected_sockets',
    help: 'Sockets connected to this node, by role ("unjoined" until the socket joins a call).',
    labelNames: ['role'] as const,
    registers: [this.registry],
    collect: () => this.#countSockets(),
  });
  readonly #liveCalls: Gauge = new Gauge({
    name: 'roundtable_live_calls',
    help: 'Calls with at least one socket joined on this node.',
    registers: [this.registry],
    collect: () => this.#liveCalls.set(new Set([...this.#readSockets()].flatMap((socket) => socket.callId ?? [])).size),
  });
  #readSockets: () => Iterable<SocketSample> = () => [];

  constructor() {
    // Event-loop lag (nodejs_eventloop_lag_*), heap, resident memory, CPU, handles, garbage collection.
    collectDefaultMetrics({ register: this.registry });
  }

  /** Where the socket gauges count from when scraped (the Socket.IO server's connected sockets). */
  watchSockets(read: () => Iterable<SocketSample>): void {
    this.#readSockets = read;
  }

  recordQuery(model: string | undefined, operation: string, seconds: number): void {
    this.databaseQueryDuration.observe({ model: model ?? 'none', operation }, seconds);
  }

  recordCommand(command: string, outcome: string, seconds: number): void {
    this.commands.inc({ command, outcome });
    this.commandDuration.observe({ command, outcome }, seconds);
  }

  recordHttpRequest(method: string, route: string, status: number, seconds: number): void {
    const knownMethod = HTTP_METHODS.has(method) ? method : 'other';
    this.httpRequestDuration.observe({ method: knownMethod, route, status_class: `${Math.floor(status / 100)}xx` }, seconds);
  }

  #countSockets(): void {
    const perRole = new Map<string, number>([...ROLES, 'unjoined'].map((role) => [role, 0]));
    for (const socket of this.#readSockets()) {
      const role = socket.callId ? socket.role : 'unjoined';
      perRole.set(role, (perRole.get(role) ?? 0) + 1);
    }
    for (const [role, count] of perRole) this.#sockets.set({ role }, count);
  }
}
