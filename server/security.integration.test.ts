import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { can, isAtLeast, requiredRole } from '@/lib/permissions';
import { COMMAND_NAMES, commandSchemas } from '@/lib/protocol';
import { validCommandPayloads } from './testing/command-samples';
import { createCall, joinPayload, send, sendOk, startTestServer, type TestClient } from './testing/test-server';
import { MAX_UPLOAD_BYTES } from './transport/http/http-utils';
import { MAX_MESSAGE_BYTES } from './transport/socket-server';

let server: Awaited<ReturnType<typeof startTestServer>>;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

/** Records every event a client receives, so a test can search all of it. */
function record(client: TestClient): unknown[] {
  const received: unknown[] = [];
  client.onAny((...args: unknown[]) => received.push(args));
  return received;
}

async function setUpCall() {
  const created = await createCall(server.url);
  const host = server.connect();
  const hostJoin = await sendOk(host, 'call:join', joinPayload(created.slug, { key: created.keys.host }));
  await sendOk(host, 'participant:checkIn', { displayName: 'Kai' });
  return { created, host, hostJoin };
}

async function sourceFiles(directory: string): Promise<string[]> {
  const entries = await readdir(directory, { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts') && !entry.parentPath.includes('generated'))
    .map((entry) => path.join(entry.parentPath, entry.name));
}

describe('secrets', () => {
  it('makes host and scribe keys 256-bit base64url values', async () => {
    const { created } = await setUpCall();
    for (const key of [created.keys.host, created.keys.scribe]) expect(key).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(created.keys.host).not.toBe(created.keys.scribe);
  });

  it('compares keys and tokens only with secretsMatch (constant time)', async () => {
    const offending: string[] = [];
    for (const file of await sourceFiles(path.resolve('server'))) {
      if (file.endsWith('.test.ts')) continue;
      const lines = (await readFile(file, 'utf8')).split('\n');
      lines.forEach((line, index) => {
        if (/(hostKey|scribeKey|\bkey\b|signature|token)\s*[!=]==?|[!=]==?\s*(\w+\.)?(hostKey|scribeKey|signature)\b/.test(line)) {
          offending.push(`${file}:${index + 1}: ${line.trim()}`);
        }
      });
    }
    expect(offending).toEqual([]);
  });

  it('never sends the host key or the scribe key to an attendee, nor the host key to a scribe', async () => {
    const { created, host } = await setUpCall();
    const { host: hostKey, scribe: scribeKey } = created.keys;
    const attendee = server.connect();
    const scribe = server.connect();
    const attendeeSaw = record(attendee);
    const scribeSaw = record(scribe);
    attendeeSaw.push(await sendOk(attendee, 'call:join', joinPayload(created.slug)));
    attendeeSaw.push(await sendOk(attendee, 'participant:checkIn', { displayName: 'Ada' }));
    scribeSaw.push(await sendOk(scribe, 'call:join', joinPayload(created.slug, { key: scribeKey })));
    scribeSaw.push(await sendOk(scribe, 'participant:checkIn', { displayName: 'Sam' }));
    // Activity that reaches everyone's sockets: a question, a start, a move, participants and minutes.
    await sendOk(attendee, 'qa:ask', { text: 'Where is the roadmap?' });
    await sendOk(host, 'call:start', {});
    await sendOk(host, 'agenda:advance', { direction: 'next' });
    for (const [client, saw] of [[attendee, attendeeSaw], [scribe, scribeSaw]] as const) {
      saw.push(await sendOk(client, 'participants:list', {}));
      saw.push(await sendOk(client, 'minutes:sync', { stateVector: new Uint8Array([0]) }));
      saw.push(await send(client, 'minutes:history', {}));
    }
    // The host's hand goes out with the next tick's list changes, after everything marked before it.
    const { participant: raised } = await sendOk(host, 'hand:raise', {});
    const hasSeenHand = (saw: unknown[]) =>
      saw.some((entry) => Array.isArray(entry) && entry[0] === 'participants:changed' && JSON.stringify(entry[1]).includes(`"handRaisedAt":"${raised.handRaisedAt}"`));
    await expect.poll(() => [attendeeSaw, scribeSaw].every(hasSeenHand)).toBe(true);

    const http: string[] = [];
    for (const suffix of ['', '/agenda.md', '/minutes.md', '/calendar.ics', '/attendees.csv', '/next']) {
      const response = await fetch(`${server.url}/api/calls/${created.slug}${suffix}`);
      http.push(`${response.status} ${JSON.stringify([...response.headers])} ${await response.text()}`);
    }
    for (const view of ['upcoming', 'live', 'past']) http.push(await (await fetch(`${server.url}/api/calls?view=${view}&limit=100`)).text());
    expect(http.join('\n')).toContain(created.slug);

    const attendeeText = JSON.stringify(attendeeSaw) + http.join('\n');
    const scribeText = JSON.stringify(scribeSaw);
    expect(attendeeText).toContain('Where is the roadmap?');
    expect(attendeeText).not.toContain(hostKey);
    expect(attendeeText).not.toContain(scribeKey);
    expect(scribeText).not.toContain(hostKey);
  });
});

describe('roles', () => {
  const samples = validCommandPayloads();

  it('has a schema-valid sample and a required role for every command', () => {
    for (const name of COMMAND_NAMES) {
      expect(commandSchemas[name].safeParse(samples[name]).success, name).toBe(true);
      expect(['attendee', 'scribe', 'host'], name).toContain(requiredRole(name));
    }
  });

  it('refuses every command from a role below the one it requires', async () => {
    const { created } = await setUpCall();
    // A fresh socket per role and command keeps the per-socket rate limit out of the way.
    const connectAs = async (role: 'attendee' | 'scribe') => {
      const client = server.connect();
      await sendOk(client, 'call:join', joinPayload(created.slug, role === 'scribe' ? { key: created.keys.scribe } : {}));
      if (role === 'attendee') await sendOk(client, 'participant:checkIn', { displayName: 'Ada' });
      return client;
    };

    let refusals = 0;
    for (const name of COMMAND_NAMES) {
      for (const role of ['attendee', 'scribe'] as const) {
        if (isAtLeast(role, requiredRole(name))) continue;
        expect(can(role, name)).toBe(false);
        const client = await connectAs(role);
        const response = await send(client, name, samples[name]);
        client.disconnect();
        expect(response, `${name} as ${role}`).toMatchObject({ ok: false, error: { code: 'forbidden' } });
        refusals += 1;
      }
    }
    expect(refusals).toBeGreaterThan(30);
  });

  it('refuses every command but call:join from a socket that has not joined', async () => {
    for (const name of COMMAND_NAMES.filter((each) => each !== 'call:join')) {
      const stranger = server.connect();
      expect(await send(stranger, name, samples[name]), name).toMatchObject({ ok: false, error: { code: 'not_joined' } });
    }
  });

  it('refuses the host-only HTTP endpoints without the host key', async () => {
    const { created } = await setUpCall();
    const nextUrl = `${server.url}/api/calls/${created.slug}/next`;
    for (const key of ['', 'x'.repeat(43), created.keys.scribe]) {
      const next = await fetch(nextUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ key: key || 'none' }) });
      expect(next.status).toBe(403);
      expect(await next.json()).toMatchObject({ error: { code: 'forbidden' } });
      const csv = await fetch(`${server.url}/api/calls/${created.slug}/attendees.csv`, { headers: key ? { authorization: `Bearer ${key}` } : {} });
      expect(csv.status).toBe(403);
      expect(await csv.json()).toMatchObject({ error: { code: 'forbidden' } });
    }
    const csv = await fetch(`${server.url}/api/calls/${created.slug}/attendees.csv`, { headers: { authorization: `Bearer ${created.keys.host}` } });
    expect(csv.status).toBe(200);
    const next = await fetch(nextUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ key: created.keys.host }) });
    expect(next.status).toBe(201);
  });
});

function rawPost(url: string, body: Buffer, headers: Record<string, string>): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(url, { method: 'POST', headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
    });
    request.on('error', reject);
    request.end(body);
  });
}

describe('payload size limits', () => {
  it('answers an HTTP body over the limit with 413, with or without a Content-Length', async () => {
    const body = Buffer.from(JSON.stringify({ title: 'x'.repeat(MAX_UPLOAD_BYTES) }));
    const declared = await rawPost(`${server.url}/api/calls`, body, { 'content-type': 'application/json', 'content-length': String(body.length) });
    const chunked = await rawPost(`${server.url}/api/calls`, body, { 'content-type': 'application/json', 'transfer-encoding': 'chunked' });
    for (const response of [declared, chunked]) {
      expect(response.status).toBe(413);
      expect(JSON.parse(response.body)).toMatchObject({ error: { code: 'too_large', message: expect.stringContaining('1 MB') } });
    }
  });

  it('drops a socket that sends a message over the limit; the server and a reconnect keep working', async () => {
    const { created } = await setUpCall();
    const client = server.connect();
    await sendOk(client, 'call:join', joinPayload(created.slug));
    const disconnected = new Promise<string>((resolve) => client.once('disconnect', (reason) => resolve(reason)));
    client.emit('participant:checkIn', { displayName: 'x'.repeat(MAX_MESSAGE_BYTES + 1024) }, () => undefined);
    expect(await disconnected).toMatch(/transport (close|error)/);
    await new Promise<void>((resolve) => client.once('connect', () => resolve()));
    expect((await sendOk(client, 'call:join', joinPayload(created.slug))).role).toBe('attendee');
  });
});

describe('security headers', () => {
  it('sets CSP, frame-ancestors, nosniff, referrer and permissions policies on every response', async () => {
    const responses = await Promise.all([
      fetch(`${server.url}/api/health`),
      fetch(`${server.url}/api/calls/nosuchcall`),
      fetch(`${server.url}/api/nothing-here`, { method: 'DELETE' }),
      fetch(`${server.url}/`),
    ]);
    const nonces = new Set<string>();
    for (const response of responses) {
      const policy = response.headers.get('content-security-policy') ?? '';
      for (const directive of ["default-src 'self'", "frame-ancestors 'none'", "object-src 'none'", "base-uri 'self'", "connect-src 'self' ws: wss:"]) {
        expect(policy).toContain(directive);
      }
      const scripts = /script-src ([^;]*)/.exec(policy)?.[1] ?? '';
      expect(scripts).toMatch(/^'self' 'nonce-[A-Za-z0-9+/]+={0,2}'$/);
      nonces.add(scripts);
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('referrer-policy')).toBe('no-referrer');
      expect(response.headers.get('x-frame-options')).toBe('DENY');
      expect(response.headers.get('permissions-policy')).toContain('camera=()');
    }
    expect(nonces.size).toBe(responses.length);
  });
});
