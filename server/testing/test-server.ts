import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { io as connect, type Socket } from 'socket.io-client';
import {
  PROTOCOL_VERSION,
  type Ack,
  type ClientToServerEvents,
  type CommandName,
  type CommandResults,
  type CreateCallFormInput,
  type CreatedCall,
  type ServerToClientEvents,
} from '@/lib/protocol';
import { startServer, type RunningServer, type ServerOptions } from '../app';
import type { MinutesOptions } from '../realtime/minutes-docs';
import type { RateLimitOptions } from '../transport/network-limits';
import type { Clock } from '../domain/rate-limiter';
import { applyMigrations } from '../persistence/migrator';
import { createLogger, LOG_LEVELS, type Logger } from '../observability/logger';

export type TestClient = Socket<ServerToClientEvents, ClientToServerEvents>;

/** Every test client connects from 127.0.0.1: the per-IP limits are raised unless a test sets them. */
const TEST_RATE_LIMITS: Partial<RateLimitOptions> = { callsPerMinute: 100_000, apiPerMinute: 100_000, connectionsPer10Seconds: 100_000 };

/** ROUNDTABLE_SECRET_KEY of test servers: they may store publishing tokens unless a test takes it away. */
export const TEST_SECRET_KEY = 'test-secret-key-of-at-least-32-characters';

type TestServerOptions = {
  directory?: string;
  minutes?: MinutesOptions;
  rateLimits?: Partial<RateLimitOptions>;
  /** New participants per address per call (raised unless a test sets it: every client is 127.0.0.1). */
  identityLimit?: ServerOptions['identityLimit'];
  clock?: Clock;
  /** A database other than the directory's SQLite file (a PostgreSQL test database), migrated by the caller. */
  databaseUrl?: string;
  retention?: ServerOptions['retention'];
  /**
   * Publishing and webhook options, the secret key (`secretKey: undefined` for a server without one), the metrics
   * endpoint, and the logger (default: silent, or LOG_LEVEL's level when the test run sets it).
   */
  server?: Pick<ServerOptions, 'secretKey' | 'publishing' | 'webhooks' | 'metrics' | 'logger'>;
};

/** Tests are quiet unless the run asks: `LOG_LEVEL=debug npx vitest run …`. */
function testLogger(): Logger | undefined {
  const level = LOG_LEVELS.find((name) => name === process.env.LOG_LEVEL);
  return level ? createLogger({ level, isPretty: true }) : undefined;
}

/** The Git servers and webhook receivers of the tests listen on 127.0.0.1: allowed unless a test says otherwise. */
function privateNetworkAllowed(server: TestServerOptions['server'] = {}): TestServerOptions['server'] {
  return {
    ...server,
    publishing: { allowPrivateNetwork: true, ...server.publishing },
    webhooks: { allowPrivateNetwork: true, ...server.webhooks },
  };
}

/** A real server on a free port with its own temporary SQLite file. */
export async function startTestServer(options: TestServerOptions = {}) {
  const directory = options.directory ?? (await mkdtemp(path.join(tmpdir(), 'roundtable-test-')));
  const databaseUrl = options.databaseUrl ?? `file:${path.join(directory, 'test.db')}`;
  if (!options.databaseUrl) await applyMigrations(databaseUrl);
  const rateLimits = { ...TEST_RATE_LIMITS, ...options.rateLimits };
  const start = (port: number) =>
    startServer({ secretKey: TEST_SECRET_KEY, logger: testLogger(), ...privateNetworkAllowed(options.server), databaseUrl, port, host: '127.0.0.1', minutes: options.minutes, rateLimits, identityLimit: options.identityLimit ?? { perAddress: 100_000 }, clock: options.clock, retention: options.retention });
  let server: RunningServer = await start(0);
  const clients: TestClient[] = [];

  return {
    url: server.url,
    /** The metrics listener's `/metrics` address (a metrics port was asked for); it moves with a restart. */
    get metricsUrl() {
      return server.metricsUrl;
    },
    directory,
    databaseUrl,
    /** A new client; `headers` go with its handshake (an `X-Forwarded-For` for a server that trusts a proxy). */
    connect(headers?: Record<string, string>): TestClient {
      const client: TestClient = connect(server.url, { transports: ['websocket'], reconnectionDelay: 50, reconnectionDelayMax: 200, extraHeaders: headers });
      clients.push(client);
      return client;
    },
    /** Stops the server and starts a new one on the same port and database file, as a deploy would. */
    async restart() {
      const { port } = server;
      await server.close();
      server = await start(port);
    },
    async close() {
      for (const client of clients) client.disconnect();
      await server.close();
      if (!options.directory) await rm(directory, { recursive: true, force: true });
    },
  };
}

export function send<Name extends CommandName>(client: TestClient, name: Name, payload: unknown): Promise<Ack<CommandResults[Name]>> {
  // Socket.IO's typings cannot resolve a generic event name; the payload is deliberately untyped here.
  const withTimeout = client.timeout(5000);
  const emit = withTimeout.emitWithAck as (event: string, body: unknown) => Promise<Ack<CommandResults[Name]>>;
  return emit.call(withTimeout, name, payload);
}

/** Sends a command that must succeed and returns its data. */
export async function sendOk<Name extends CommandName>(client: TestClient, name: Name, payload: unknown): Promise<CommandResults[Name]> {
  const response = await send(client, name, payload);
  if (!response.ok) throw new Error(`${name} failed: ${response.error.code} ${response.error.message}`);
  return response.data;
}

export function joinPayload(slug: string, extra: { key?: string; token?: string } = {}) {
  return { protocolVersion: PROTOCOL_VERSION, slug, ...extra };
}

/** A local start four weeks from now at 17:30: the sample call stays upcoming whenever the tests run. */
function upcomingStart(): string {
  const day = new Date(Date.now() + 28 * 24 * 3600 * 1000).toISOString().slice(0, 10);
  return `${day}T17:30`;
}

export const sampleCall: CreateCallFormInput = {
  title: 'Jenkins community call',
  description: 'Monthly call of the Jenkins community.',
  startsAt: upcomingStart(),
  timezone: 'Europe/Berlin',
  plannedMinutes: 60,
  links: [{ label: 'Slides', url: 'https://example.org/slides' }],
  sections: [
    { title: 'Welcome', items: [{ title: 'Intro round', plannedMinutes: 5 }] },
    { title: 'Spotlight: release process', items: [{ title: 'Release cadence', presenter: 'Kai', plannedMinutes: 15 }, { title: 'Demo' }] },
    { title: 'Q&A', items: [{ title: 'Open floor' }] },
  ],
};

export async function createCall(baseUrl: string, body: unknown = sampleCall): Promise<CreatedCall & { keys: { host: string; scribe: string } }> {
  const response = await fetch(`${baseUrl}/api/calls`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (response.status !== 201) throw new Error(`createCall: ${response.status} ${await response.text()}`);
  const created = (await response.json()) as CreatedCall;
  const keyOf = (url: string) => new URL(url).hash.replace('#key=', '');
  return { ...created, keys: { host: keyOf(created.hostUrl), scribe: keyOf(created.scribeUrl) } };
}

/** Resolves with the next payload of `event`, or rejects after `timeoutMs`. */
export function nextEvent<Name extends keyof ServerToClientEvents>(
  client: TestClient,
  event: Name,
  timeoutMs = 3000,
): Promise<Parameters<ServerToClientEvents[Name]>[0]> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${event} within ${timeoutMs} ms`)), timeoutMs);
    const listener = (payload: Parameters<ServerToClientEvents[Name]>[0]) => {
      clearTimeout(timer);
      resolve(payload);
    };
    // socket.io-client's typed `once` cannot express a generic event name.
    (client.once as (name: string, fn: (payload: Parameters<ServerToClientEvents[Name]>[0]) => void) => void)(event, listener);
  });
}

type TestServer = { url: string; connect(): TestClient };

/** A new socket that joined the call and checked in; it carries its participant token and id. */
export async function checkedIn(server: TestServer, slug: string, displayName: string, profile: { affiliation?: string } = {}) {
  const client = server.connect();
  await sendOk(client, 'call:join', joinPayload(slug));
  const { token, participant } = await sendOk(client, 'participant:checkIn', { displayName, ...profile });
  return Object.assign(client, { token, participantId: participant.id });
}

/** A new call (the sample call unless `body` says otherwise) and its host's socket, joined and checked in as Kai. */
export async function callWithHost(server: TestServer, body: unknown = sampleCall) {
  const created = await createCall(server.url, body);
  const host = server.connect();
  await sendOk(host, 'call:join', joinPayload(created.slug, { key: created.keys.host }));
  await sendOk(host, 'participant:checkIn', { displayName: 'Kai' });
  return { created, host };
}
