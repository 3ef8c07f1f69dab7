import { request as httpRequest, Agent } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isAtLeast, requiredRole } from '@/lib/permissions';
import { COMMAND_NAMES, commandSchemas, ERROR_CODES, type CommandName, type Role } from '@/lib/protocol';
import { validCommandPayloads } from './testing/command-samples';
import { createCall, joinPayload, sendOk, startTestServer, type TestClient } from './testing/test-server';
import { MAX_MESSAGE_BYTES } from './transport/socket-server';

const SEED = Number(process.env.FUZZ_SEED ?? 20260603);
const SOCKET_PAYLOADS = 4000;
const HTTP_REQUESTS = 1500;

/** mulberry32: small, fast and good enough to make junk reproducible from a seed. */
function createRandom(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
  const int = (max: number) => Math.floor(next() * max);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)]!;
  return { next, int, pick, chance: (probability: number) => next() < probability };
}
type Random = ReturnType<typeof createRandom>;

const POISON_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf', '__defineGetter__'];
const CHARACTERS = ['a', 'Z', '0', ' ', '\n', '\t', '\u0000', '\u202e', 'é', '😀', '"', "'", '<', '>', '&', '\\', '/', '#', '%', '\ud800', '`', '$', '{'];

function randomString(random: Random, length = random.int(40)): string {
  if (random.chance(0.1)) return random.pick(['', ' ', 'null', 'undefined', '<script>alert(1)</script>', '../../etc/passwd', 'NaN', '{}', '%00', '\u0000']);
  let text = '';
  for (let index = 0; index < length; index += 1) text += random.pick(CHARACTERS);
  return text;
}

/** An own `__proto__`/`constructor` property as JSON.parse makes it, the way an attacker's payload arrives. */
function poisoned(random: Random): Record<string, unknown> {
  return JSON.parse(
    random.pick([
      '{"__proto__": {"polluted": "yes"}}',
      '{"constructor": {"prototype": {"polluted": "yes"}}}',
      '{"__proto__": {"toString": "polluted"}, "slug": "x"}',
      '{"prototype": {"polluted": "yes"}, "__proto__": [1]}',
    ]),
  ) as Record<string, unknown>;
}

function randomValue(random: Random, depth = 0): unknown {
  const kind = random.int(depth > 3 ? 9 : 13);
  switch (kind) {
    case 0: return random.pick([0, -1, 1.5, 2 ** 53, -(2 ** 31), 1e308, Number.NaN, Number.POSITIVE_INFINITY, 1001, 601, -61]);
    case 1: return randomString(random);
    case 2: return random.chance(0.5);
    case 3: return null;
    case 4: return undefined;
    case 5: return 'x'.repeat(random.pick([65, 129, 257, 501, 2001, 10_001, 100_000]));
    case 6: return Buffer.from(Array.from({ length: random.int(64) }, () => random.int(256)));
    case 7: return random.int(1000);
    case 8: return poisoned(random);
    case 9: return Array.from({ length: random.int(5) }, () => randomValue(random, depth + 1));
    case 10: {
      const object: Record<string, unknown> = {};
      for (let index = random.int(5); index > 0; index -= 1) {
        Object.defineProperty(object, random.chance(0.3) ? random.pick(POISON_KEYS) : randomString(random, 8), {
          value: randomValue(random, depth + 1),
          enumerable: true,
          writable: true,
          configurable: true,
        });
      }
      return object;
    }
    case 11: {
      let nested: unknown = randomValue(random, 4);
      for (let level = random.int(60); level > 0; level -= 1) nested = random.chance(0.5) ? [nested] : { a: nested };
      return nested;
    }
    default: return Array.from({ length: random.int(3000) }, () => random.int(10));
  }
}

/** A valid payload with one field broken, removed, or a field added: the near misses that reach deepest. */
function mutate(random: Random, valid: Record<string, unknown>): unknown {
  const copy: Record<string, unknown> = { ...valid };
  const keys = Object.keys(copy);
  const action = random.int(4);
  if (action === 0 && keys.length > 0) delete copy[random.pick(keys)];
  else if (action === 1 && keys.length > 0) copy[random.pick(keys)] = randomValue(random);
  else if (action === 2) return Object.assign(poisoned(random), copy);
  else copy[randomString(random, 6)] = randomValue(random);
  return copy;
}

/** What the server parses after Socket.IO's JSON encoding (binary stays binary). */
function wireForm(value: unknown): unknown {
  if (value instanceof Uint8Array) return value;
  if (Array.isArray(value)) return value.map((entry) => (entry === undefined ? null : wireForm(entry)));
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (value && typeof value === 'object') {
    const copy = {};
    for (const [key, entry] of Object.entries(value)) {
      if (entry !== undefined) Object.defineProperty(copy, key, { value: wireForm(entry), enumerable: true, writable: true, configurable: true });
    }
    return copy;
  }
  return value === undefined ? null : value;
}

/** Percent-encodes every byte outside `keep` (lone surrogates too, which encodeURIComponent refuses). */
function percentEncode(text: string, keep = /[\w.~-]/): string {
  return [...text].map((character) => (keep.test(character) ? character : [...Buffer.from(character)].map((byte) => `%${byte.toString(16).padStart(2, '0')}`).join(''))).join('');
}

function sizeOf(value: unknown): number {
  let binary = 0;
  const text = JSON.stringify(value, (_key, entry: unknown) => {
    if (entry && typeof entry === 'object' && 'type' in entry && entry.type === 'Buffer') return null;
    if (entry instanceof Uint8Array) binary += entry.byteLength;
    return entry;
  });
  return (text?.length ?? 0) * 3 + binary;
}

type FuzzRole = Role | 'stranger';
const UNKNOWN_EVENTS = ['admin:dropDatabase', 'call:Join', 'call:join ', '', 'constructor', '__proto__', 'toString', 'hasOwnProperty', 'x'.repeat(300), 'qa:*', 'minutes:update\u0000'];

/** The error a schema-valid payload must get from this socket, or null when it might succeed (then it is not sent). */
function expectedRefusal(role: FuzzRole, name: CommandName): string | null {
  if (name === 'call:join') return null;
  if (role === 'stranger') return 'not_joined';
  return isAtLeast(role, requiredRole(name)) ? null : 'forbidden';
}

let server: Awaited<ReturnType<typeof startTestServer>>;
beforeAll(async () => {
  server = await startTestServer({ rateLimits: { commandsPerSecond: 1_000_000, commandBurst: 1_000_000 } });
});
afterAll(() => server.close());

async function storedState(slug: string) {
  const read = async (suffix: string) => {
    const response = await fetch(`${server.url}/api/calls/${slug}${suffix}`);
    return `${response.status} ${await response.text()}`;
  };
  return { call: await read(''), agenda: await read('/agenda.md'), minutes: await read('/minutes.md') };
}

function prototypeShape() {
  return [Object.prototype, Array.prototype, Function.prototype, String.prototype].map((prototype) => Object.getOwnPropertyNames(prototype).sort().join(','));
}

async function setUpCall() {
  const created = await createCall(server.url);
  const join = async (role: FuzzRole) => {
    const client = server.connect();
    if (role === 'stranger') return client;
    const key = role === 'host' ? created.keys.host : role === 'scribe' ? created.keys.scribe : undefined;
    await sendOk(client, 'call:join', joinPayload(created.slug, key ? { key } : {}));
    return client;
  };
  const host = await join('host');
  const hostJoin = await sendOk(host, 'participant:checkIn', { displayName: 'Kai' });
  const attendee = await join('attendee');
  const { participant } = await sendOk(attendee, 'participant:checkIn', { displayName: 'Ada' });
  await sendOk(host, 'call:start', {});
  const { question } = await sendOk(attendee, 'qa:ask', { text: 'Is this thing on?' });
  const { snapshot } = await sendOk(host, 'call:join', joinPayload(created.slug, { key: created.keys.host }));
  const section = snapshot.call.sections[0]!;
  const { poll } = await sendOk(host, 'poll:create', { question: 'Tabs or spaces?', kind: 'single', options: ['Tabs', 'Spaces'], showResults: 'live' });
  await sendOk(host, 'poll:open', { pollId: poll.id });
  const ids = {
    slug: created.slug,
    sectionId: section.id,
    itemId: section.items[0]!.id,
    questionId: question.id,
    participantId: participant.id,
    pollId: poll.id,
    optionId: poll.options[0]!.id,
  };
  const sockets: Record<FuzzRole, TestClient[]> = {
    host: [host, await join('host')],
    scribe: [await join('scribe'), await join('scribe')],
    attendee: [attendee, await join('attendee')],
    stranger: [await join('stranger'), await join('stranger')],
  };
  return { created, ids, sockets, hostParticipant: hostJoin.participant };
}

type Ack = { ok: boolean; error?: { code?: unknown; message?: unknown } };

function emitWithAck(client: TestClient, name: string, args: unknown[]): Promise<Ack> {
  const withTimeout = client.timeout(5000);
  const emit = withTimeout.emitWithAck as (event: string, ...rest: unknown[]) => Promise<Ack>;
  return emit.call(withTimeout, name, ...args);
}

describe('fuzzing every socket command and HTTP endpoint', () => {
  it('answers thousands of malformed socket payloads with error acks and changes nothing', { timeout: 60_000 }, async () => {
    const random = createRandom(SEED);
    const { created, ids, sockets } = await setUpCall();
    const samples = validCommandPayloads(ids);
    const before = await storedState(created.slug);
    const prototypesBefore = prototypeShape();
    const problems: string[] = [];
    const counts = { sent: 0, skippedValid: 0, noAck: 0, refusedValid: 0 };

    const roles: FuzzRole[] = ['host', 'scribe', 'attendee', 'stranger'];
    const jobs: Promise<void>[] = [];
    for (const role of roles) {
      for (const client of sockets[role]) {
        jobs.push(
          (async () => {
            for (let index = 0; index < SOCKET_PAYLOADS / 8; index += 1) {
              const isUnknown = random.chance(0.05);
              const name = isUnknown ? random.pick(UNKNOWN_EVENTS) : random.pick(COMMAND_NAMES);
              const payload = !isUnknown && random.chance(0.6) ? mutate(random, samples[name as CommandName]) : randomValue(random);
              if (sizeOf(payload) > MAX_MESSAGE_BYTES * 0.9) continue;
              const shape = random.int(10);
              if (shape === 0) {
                // No ack: nothing to answer, nothing may break. Socket.IO's typings always want the ack.
                (client.emit as (event: string, ...rest: unknown[]) => TestClient).call(client, name, payload);
                counts.noAck += 1;
                continue;
              }
              const args = shape === 1 ? [payload, randomValue(random)] : shape === 2 ? [] : [payload];
              let expected: string | null = 'invalid_payload';
              if (!isUnknown && args.length === 1) {
                const parsed = commandSchemas[name as CommandName].safeParse(wireForm(payload));
                if (parsed.success) {
                  expected = expectedRefusal(role, name as CommandName);
                  if (expected === null) {
                    counts.skippedValid += 1;
                    continue;
                  }
                  counts.refusedValid += 1;
                }
              }
              counts.sent += 1;
              const ack = await emitWithAck(client, name, args).catch((error: unknown): Ack => ({ ok: true, error: { code: 'timeout', message: String(error) } }));
              const code = ack.error?.code;
              const isWellFormed =
                ack.ok === false && typeof ack.error?.message === 'string' && (ERROR_CODES as readonly unknown[]).includes(code) && code !== 'internal';
              if (!isWellFormed || (expected !== null && code !== expected && !(expected === 'invalid_payload' && code === 'not_joined'))) {
                problems.push(`${role} ${name.slice(0, 40)} ${JSON.stringify(wireForm(args)).slice(0, 200)} → ${JSON.stringify(ack).slice(0, 200)} (expected ${expected})`);
              }
            }
          })(),
        );
      }
    }
    await Promise.all(jobs);

    console.log('socket fuzz', counts);
    expect(problems.slice(0, 10)).toEqual([]);
    expect(counts.sent).toBeGreaterThan(SOCKET_PAYLOADS * 0.7);
    const probe: Record<string, unknown> = {};
    expect(probe.polluted).toBeUndefined();
    expect(prototypeShape()).toEqual(prototypesBefore);
    expect(String({})).toBe('[object Object]');
    for (const client of Object.values(sockets).flat()) expect(client.connected).toBe(true);
    expect(await storedState(created.slug)).toEqual(before);
  });

  it('drops a socket whose message is over the limit and lets it reconnect', async () => {
    const { created } = await setUpCall();
    const client = server.connect();
    await new Promise<void>((resolve) => client.once('connect', () => resolve()));
    const disconnected = new Promise<string>((resolve) => client.once('disconnect', (reason) => resolve(reason)));
    client.emit('qa:ask' as 'call:start', { text: Buffer.alloc(MAX_MESSAGE_BYTES + 1) }, () => undefined);
    expect(await disconnected).toMatch(/transport (close|error)/);
    await new Promise<void>((resolve) => client.once('connect', () => resolve()));
    expect((await sendOk(client, 'call:join', joinPayload(created.slug))).role).toBe('attendee');
  });

  it('answers thousands of malformed HTTP requests with 4xx JSON errors and changes nothing', { timeout: 60_000 }, async () => {
    const random = createRandom(SEED + 1);
    const { created } = await setUpCall();
    const before = await storedState(created.slug);
    // A fresh connection per request: after an early 413 the server closes a connection a keep-alive pool might reuse.
    const agent = new Agent({ keepAlive: false, maxSockets: 10 });
    const slugs = [created.slug, 'nosuchcall', 'A'.repeat(65), 'x', '..%2F..', '%00', '%E0%A4%A', created.slug.toUpperCase()];
    const suffixes = ['', '/agenda.md', '/minutes.md', '/calendar.ics', '/attendees.csv', '/next', '/', '//', '/../..', '/%2e%2e', `/${'z'.repeat(2000)}`];
    // Methods Node's HTTP parser knows; it answers unknown ones with a bare 400 before any of our code runs.
    const methods = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD', 'PROPFIND', 'PURGE'];
    const contentTypes = ['application/json', 'text/markdown', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', '', 'application/json; charset=latin1'];
    const problems: string[] = [];

    const randomPath = () => {
      const base = random.pick(['/api/calls', '/api/calls', '/api/health', '/api/', '/api/x', `/api/${randomString(random, 6)}`]);
      const path = base === '/api/calls' && random.chance(0.7) ? `/api/calls/${random.pick(slugs)}${random.pick(suffixes)}` : base;
      const query = random.chance(0.3) ? `?${random.pick(['view=', 'limit=', 'cursor=', 'key=', 'startsAt=', 'plannedMinutes='])}${percentEncode(randomString(random))}` : '';
      return percentEncode(path, /[\w/.%~-]/) + query;
    };
    const randomBody = (): Buffer => {
      switch (random.int(6)) {
        case 0: return Buffer.from(randomString(random, random.int(200)));
        case 1: return Buffer.from(JSON.stringify(wireForm(randomValue(random))) ?? '');
        case 2: return Buffer.from(`# ${randomString(random)}\n\n## ${randomString(random)}\n- ${randomString(random)}\n${'#'.repeat(random.int(10))} *[${randomString(random)}](javascript:alert(1))`);
        case 3: return Buffer.alloc(random.pick([256 * 1024 + 1, 300_000]), 'a');
        case 4: return Buffer.from(Array.from({ length: random.int(512) }, () => random.int(256)));
        default: return Buffer.from(JSON.stringify({ markdown: randomString(random), key: randomString(random), title: randomValue(random) }));
      }
    };
    const send = (method: string, path: string, body: Buffer, contentType: string) =>
      new Promise<{ status: number; contentType: string; body: string }>((resolve, reject) => {
        const request = httpRequest(`${server.url}${path}`, { method, agent, headers: contentType ? { 'content-type': contentType } : {} }, (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => resolve({ status: response.statusCode ?? 0, contentType: String(response.headers['content-type']), body: Buffer.concat(chunks).toString('utf8') }));
        });
        request.on('error', reject);
        request.end(method === 'GET' || method === 'HEAD' ? undefined : body);
      });

    for (let batch = 0; batch < HTTP_REQUESTS / 10; batch += 1) {
      await Promise.all(
        Array.from({ length: 10 }, async () => {
          const [method, path, body, contentType] = [random.pick(methods), randomPath(), randomBody(), random.pick(contentTypes)];
          const response = await send(method, path, body, contentType).catch((error: unknown) => ({ status: 0, contentType: '', body: String(error) }));
          const label = `${method} ${path.slice(0, 80)} (${contentType}, ${body.length} bytes) → ${response.status} ${response.body.slice(0, 120)}`;
          const isReadOrCreate = (['GET', 'HEAD'].includes(method) && response.status === 200) || (method === 'POST' && path.startsWith('/api/calls') && response.status === 201);
          if (isReadOrCreate) return;
          // `/api/../x` is not an API path once normalised: the pages answer it, with anything but a 5xx.
          if (!new URL(path, 'http://localhost').pathname.startsWith('/api/')) return void (response.status >= 500 || response.status === 0 ? problems.push(label) : undefined);
          if (![400, 403, 404, 405, 413, 415].includes(response.status)) return void problems.push(label);
          if (method === 'HEAD') return;
          try {
            const parsed = JSON.parse(response.body) as { error?: { code?: unknown; message?: unknown } };
            if (typeof parsed.error?.code !== 'string' || typeof parsed.error.message !== 'string' || !response.contentType.startsWith('application/json')) problems.push(label);
          } catch {
            problems.push(label);
          }
        }),
      );
    }
    agent.destroy();
    expect(problems.slice(0, 10)).toEqual([]);
    const probe: Record<string, unknown> = {};
    expect(probe.polluted).toBeUndefined();
    expect(await storedState(created.slug)).toEqual(before);
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
  });
});
