import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { RateLimiter, type Clock } from './domain/rate-limiter';
import { createSecretKey, sealingKey } from './domain/secrets';
import type { GitLimits } from './outbound/git-repository';
import { WebhookAnnouncer } from './outbound/webhook-announcer';
import { WebhookSender, type WebhookSenderOptions } from './outbound/webhook-sender';
import { openDatabase } from './persistence/database';
import { getOrCreateSetting } from './persistence/settings.repository';
import { Broadcaster } from './realtime/broadcaster';
import { connectCluster, type ClusterOptions } from './realtime/cluster';
import type { ServerContext } from './transport/context';
import { DatabaseHealth } from './persistence/database-health';
import { createDatabaseReadiness } from './persistence/database-readiness';
import { handleApiRequest } from './transport/http/router';
import { applySecurityHeaders } from './transport/http/security-headers';
import { MinutesRooms } from './realtime/minutes-rooms';
import { ActionSync } from './realtime/action-sync';
import type { MinutesOptions } from './realtime/minutes-docs';
import { DEFAULT_IDENTITY_LIMIT, type IdentityLimit } from './domain/vote-integrity';
import { KeyedSerializer } from './transport/keyed-serializer';
import { DEFAULT_RATE_LIMITS, NetworkLimits, type RateLimitOptions } from './transport/network-limits';
import { JoinReader } from './realtime/join-reader';
import { SnapshotCache } from './realtime/snapshot-cache';
import { createSocketServer, handleConnections } from './transport/socket-server';
import { createAnswerBatcher, createVoteBatcher } from './realtime/write-batcher';
import type { VoteChecks } from './persistence/questions.repository';
import { SignalSchedule } from './domain/vote-integrity';
import { PresenceTracker } from './realtime/presence';
import { healthNotices } from './realtime/health-notices';
import { Readiness } from './transport/readiness';
import { scrubUrl, silentLogger, type Logger } from './observability/logger';
import { ServerMetrics } from './observability/metrics';
import { isMetricsRequest, listenForMetrics, sendMetricsWithToken, type MetricsAccess } from './transport/http/metrics-endpoint';
import { RetentionSweep, type RetentionOptions } from './persistence/retention-sweep';

const SOCKET_IO_PATH = '/socket.io/';
const QUESTIONS_PER_MINUTE = 5;
const VOTES_PER_SECOND = 3;
const VOTE_BURST = 30;
const ANSWERS_PER_SECOND = 2;
const ANSWER_BURST = 10;
/** A participant may send a few reactions a second in a burst; a held-down key is not a thousand reactions. */
const REACTIONS_PER_SECOND = 2;
const REACTION_BURST = 6;
/** Connection attempts the kernel may queue before we accept them (capped by net.core.somaxconn). */
const LISTEN_BACKLOG = 4096;

export type ServerOptions = {
  databaseUrl: string;
  port: number;
  host?: string;
  publicUrl?: string;
  /** Serve the Next.js pages as well (false in API/socket integration tests). */
  next?: { dev: boolean; dir?: string };
  /** How often the minutes are compacted into snapshots (tests use small numbers). */
  minutes?: MinutesOptions;
  /** Several nodes: Socket.IO broadcasts and presence go through this Redis (REDIS_URL). */
  redis?: ClusterOptions;
  /** Per-socket and per-IP limits; tests and benchmarks raise them. */
  rateLimits?: Partial<RateLimitOptions>;
  /** New participants per address per call and window (CHECK_INS_PER_ADDRESS, CHECK_IN_WINDOW_MINUTES). */
  identityLimit?: Partial<IdentityLimit>;
  /** ROUNDTABLE_SECRET_KEY: seals the access tokens of publishing; without it tokens are refused. */
  secretKey?: string;
  /** Local repositories (ROUNDTABLE_LOCAL_REPOSITORIES) and bounds on Git (tests shorten them). */
  publishing?: { localRepositoryRoots?: string[]; allowPrivateNetwork?: boolean; git?: Partial<GitLimits> };
  /** How webhooks are sent and retried (tests shorten the delays). */
  webhooks?: WebhookSenderOptions;
  /** ROUNDTABLE_RETENTION_DAYS: when attendees' names are removed from ended calls (tests also shorten the interval). */
  retention?: RetentionOptions;
  /** The rate limiters' clock in milliseconds (default: performance.now); tests move it instead of sleeping. */
  clock?: Clock;
  /** Where the server logs (LOG_LEVEL; JSON or readable lines); without one it logs nothing. */
  logger?: Logger;
  /** The Prometheus endpoint: METRICS_PORT/METRICS_HOST, METRICS_TOKEN. Neither: no endpoint. */
  metrics?: MetricsAccess;
};

export type RunningServer = {
  url: string;
  port: number;
  /** Reports not ready (`/api/ready` answers 503) while still serving: a load balancer takes the node out first. */
  markShuttingDown: () => void;
  logger: Logger;
  /** `http://host:port/metrics` of the metrics listener, when the metrics have a port of their own. */
  metricsUrl?: string;
  /** The vote rule and the burst signal, on unless turned off: the bench compares vote capacity with and without them. */
  voteChecks: VoteChecks;
  close: () => Promise<void>;
};

type PageHandler = (request: IncomingMessage, response: ServerResponse) => Promise<void>;

async function createPageHandler(options: ServerOptions['next']): Promise<PageHandler> {
  if (!options) {
    return async (_request, response) => {
      response.writeHead(404, { 'content-type': 'text/plain' });
      response.end('Pages are not served by this server.');
    };
  }
  const { default: next } = await import('next');
  const app = next({ dev: options.dev, dir: options.dir ?? process.cwd() });
  await app.prepare();
  const handle = app.getRequestHandler();
  return (request, response) => handle(request, response);
}

/** Starts one HTTP server carrying the API, Socket.IO and (optionally) the Next.js pages on one port. */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const logger = options.logger ?? silentLogger;
  const metrics = new ServerMetrics();
  const database = await openDatabase(options.databaseUrl, { logger, recordQuery: (model, operation, seconds) => metrics.recordQuery(model, operation, seconds) });
  const databaseReadiness = await createDatabaseReadiness(database, options.databaseUrl);
  const tokenSecret = await getOrCreateSetting(database, 'participant-token-secret', createSecretKey);
  const handlePage = await createPageHandler(options.next);

  const httpServer = createServer();
  const io = createSocketServer(httpServer);
  metrics.watchSockets(() => [...io.of('/').sockets.values()].map((socket) => socket.data));
  const cluster = options.redis ? await connectCluster(options.redis, { logger, countError: () => metrics.redisErrors.inc() }) : null;
  if (cluster) io.adapter(cluster.adapter);
  const presence = new PresenceTracker(cluster?.presence, logger);
  const broadcaster = new Broadcaster(io, database, presence, { logger, tickDuration: metrics.broadcastTickDuration });
  presence.onExpired = (callId, participantIds) => participantIds.forEach((id) => broadcaster.markParticipantChanged(callId, id));
  const snapshots = new SnapshotCache(database);
  const webhookSender = new WebhookSender(database, { ...options.webhooks, logger });
  const retention = new RetentionSweep(database, options.retention, logger);
  let baseUrl = options.publicUrl?.replace(/\/$/, '') ?? '';
  const minutes = new MinutesRooms(io, database, options.minutes, logger);
  const actions = new ActionSync(io, database, snapshots, (callId) => minutes.textOf(callId), logger);
  minutes.onChange((callId) => actions.schedule(callId));
  const voteChecks: VoteChecks = { isEnabled: true, signals: new SignalSchedule() };
  const context: ServerContext = {
    io,
    database,
    tokenSecret,
    broadcaster,
    snapshots,
    joins: new JoinReader(database, snapshots, broadcaster),
    votes: createVoteBatcher(database, broadcaster, (count) => metrics.votes.inc(count), voteChecks),
    pollAnswers: createAnswerBatcher(database, broadcaster, (count) => metrics.pollAnswers.inc(count)),
    minutes,
    actions,
    presence,
    health: new DatabaseHealth(database, healthNotices(io)),
    readiness: new Readiness(databaseReadiness, cluster),
    publishing: {
      sealingKey: options.secretKey ? sealingKey(options.secretKey) : null,
      localRepositoryRoots: options.publishing?.localRepositoryRoots ?? [],
      allowPrivateNetwork: options.publishing?.allowPrivateNetwork ?? false,
      git: options.publishing?.git,
    },
    webhooks: new WebhookAnnouncer(database, webhookSender, () => baseUrl, logger),
    logger,
    metrics,
    limits: {
      questions: new RateLimiter(QUESTIONS_PER_MINUTE / 60, QUESTIONS_PER_MINUTE, options.clock),
      votes: new RateLimiter(VOTES_PER_SECOND, VOTE_BURST, options.clock),
      answers: new RateLimiter(ANSWERS_PER_SECOND, ANSWER_BURST, options.clock),
      reactions: new RateLimiter(REACTIONS_PER_SECOND, REACTION_BURST, options.clock),
      network: new NetworkLimits({ ...DEFAULT_RATE_LIMITS, ...options.rateLimits }, options.clock),
      identity: { ...DEFAULT_IDENTITY_LIMIT, ...options.identityLimit },
      checkIns: new KeyedSerializer(),
    },
  };
  handleConnections(io, context);
  const metricsToken = options.metrics?.token;
  httpServer.on('request', (request: IncomingMessage, response: ServerResponse) => {
    // Socket.IO's own listener answers its long-polling requests; they must not reach the pages too.
    if (request.url?.startsWith(SOCKET_IO_PATH)) return;
    void (async () => {
      applySecurityHeaders(request, response, options.next?.dev ?? false);
      if (metricsToken && isMetricsRequest(request)) return sendMetricsWithToken(request, response, metrics, metricsToken);
      if (await handleApiRequest(request, response, context, options.publicUrl)) return;
      await handlePage(request, response);
    })().catch((error: unknown) => {
      logger.error({ err: error, method: request.method, path: scrubUrl(request.url ?? '/') }, 'request failed');
      if (!response.headersSent) response.writeHead(500);
      response.end();
    });
  });

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    // A deep accept queue: after a restart or a network blip every attendee reconnects at once, and a full
    // queue drops their connection attempts, which the kernel retries only after whole seconds.
    httpServer.listen({ port: options.port, host: options.host ?? '0.0.0.0', backlog: LISTEN_BACKLOG }, resolve);
  });
  const { port } = httpServer.address() as AddressInfo;
  baseUrl ||= `http://localhost:${port}`;
  webhookSender.start();
  const metricsListener = options.metrics?.port === undefined ? null : await listenForMetrics(options.metrics.port, options.metrics.host ?? '127.0.0.1', metrics);
  retention.start();

  return {
    port,
    url: `http://127.0.0.1:${port}`,
    logger,
    metricsUrl: metricsListener?.url,
    voteChecks,
    markShuttingDown: () => context.readiness.markShuttingDown(),
    close: async () => {
      context.readiness.markShuttingDown();
      metricsListener?.server.close();
      metricsListener?.server.closeAllConnections();
      // No new connections; the open ones are served until their transports close below.
      httpServer.close();
      // Votes waiting for their batch are written and acknowledged while their sockets are still open.
      await Promise.all([context.votes.flush(), context.pollAnswers.flush()]);
      await context.minutes.close();
      await context.actions.close();
      context.health.stop();
      // Closing the transports (not disconnecting the sockets) lets clients reconnect to the next server.
      const closed = new Promise<void>((resolve) => io.close(() => resolve()));
      httpServer.closeAllConnections();
      await closed;
      // Anything that arrived while closing is written, and reads under way finish, before the database goes.
      await Promise.all([context.votes.flush(), context.pollAnswers.flush()]);
      await context.joins.close();
      await webhookSender.stop();
      await retention.stop();
      await broadcaster.stop();
      await presence.stop();
      await cluster?.close();
      await database.$disconnect();
    },
  };
}
