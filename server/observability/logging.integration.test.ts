import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createLogger } from './logger';
import { createCall, joinPayload, send, sendOk, startTestServer } from '../testing/test-server';

type LogLine = Record<string, unknown> & { level: number; msg: string };

const captured: string[] = [];
let server: Awaited<ReturnType<typeof startTestServer>>;
beforeAll(async () => {
  const destination = { write: (line: string) => void captured.push(line) };
  server = await startTestServer({ server: { logger: createLogger({ level: 'debug', destination }) } });
});
afterAll(() => server.close());

const logLines = (): LogLine[] => captured.map((line) => JSON.parse(line) as LogLine);
const requestLines = (requestId: string | null) => logLines().filter((line) => line.requestId === requestId);

/** A response is logged when its connection is done with it, a moment after the client has read it. */
async function loggedOnce(requestId: string | null): Promise<LogLine> {
  await vi.waitFor(() => expect(requestLines(requestId)).toHaveLength(1));
  return requestLines(requestId)[0]!;
}

const COOKIE_SECRET = 'session-cookie-value-4711';
const QUERY_TOKEN = 'query-token-value-0815';

describe('logs', () => {
  it('logs each API request and failed command once under its request id, and never a key, token or cookie', async () => {
    const created = await createCall(server.url);
    const hostKey = created.keys.host;
    const download = await fetch(`${server.url}/api/calls/${created.slug}/attendees.csv?key=${hostKey}`, {
      headers: { 'x-request-id': 'support-ticket-42', cookie: `session=${COOKIE_SECRET}`, authorization: `Bearer ${hostKey}` },
    });
    expect(download.status).toBe(200);
    expect(download.headers.get('x-request-id')).toBe('support-ticket-42');
    const missing = await fetch(`${server.url}/api/calls/nosuchcall/agenda.md?token=${QUERY_TOKEN}&key=${hostKey}`, {
      headers: { 'x-request-id': 'not a valid id; it has spaces' },
    });
    expect(missing.status).toBe(404);
    const generatedId = missing.headers.get('x-request-id');
    expect(generatedId).toMatch(/^[0-9a-f-]{36}$/);

    const host = server.connect();
    await sendOk(host, 'call:join', joinPayload(created.slug, { key: hostKey }));
    const impostor = server.connect();
    expect(await send(impostor, 'call:join', joinPayload(created.slug, { key: `${hostKey}x` }))).toMatchObject({ ok: false });
    expect(await send(host, 'qa:vote', { questionId: 'no-such-question' })).toMatchObject({ ok: false, error: { code: 'not_checked_in' } });

    expect(await loggedOnce('support-ticket-42')).toMatchObject({
      level: 30,
      msg: 'request',
      method: 'GET',
      route: '/api/calls/{slug}/attendees.csv',
      path: `/api/calls/${created.slug}/attendees.csv?key=%5Bredacted%5D`,
      status: 200,
    });
    expect(await loggedOnce(generatedId)).toMatchObject({ msg: 'request', route: '/api/calls/{slug}/agenda.md', status: 404 });
    const requests = logLines().filter((line) => line.msg === 'request');
    expect(requests.map((line) => line.status)).toEqual([201, 200, 404]);
    const refusals = logLines().filter((line) => line.msg === 'command refused');
    expect(refusals.map((line) => [line.command, line.code])).toEqual([['call:join', 'forbidden'], ['qa:vote', 'not_checked_in']]);
    expect(new Set(refusals.map((line) => line.requestId)).size).toBe(2);

    const everything = captured.join('');
    for (const secret of [hostKey, created.keys.scribe, COOKIE_SECRET, QUERY_TOKEN]) expect(everything).not.toContain(secret);
  });

  it('logs successful probes at debug, so a load balancer polling every few seconds does not fill the info log', async () => {
    const probes = await Promise.all(['/api/health', '/api/ready'].map((path) => fetch(`${server.url}${path}`, { headers: { 'x-request-id': `probe-${path.slice(5)}` } })));
    expect(probes.map((response) => response.status)).toEqual([200, 200]);
    expect(await loggedOnce('probe-health')).toMatchObject({ level: 20, route: '/api/health', status: 200 });
    expect(await loggedOnce('probe-ready')).toMatchObject({ level: 20, route: '/api/ready', status: 200 });
  });

  it('logs an internal failure at error level with the error, under the id its answer carries', async () => {
    const created = await createCall(server.url);
    const host = server.connect();
    await sendOk(host, 'call:join', joinPayload(created.slug, { key: created.keys.host }));
    // A table gone from under the server: its queries fail with an error that is not an outage.
    const direct = new Database(server.databaseUrl.replace(/^file:/, ''));
    direct.exec('DROP TABLE "Participant"');
    direct.close();

    const download = await fetch(`${server.url}/api/calls/${created.slug}/attendees.csv?key=${created.keys.host}`);
    expect(download.status).toBe(500);
    const requestId = download.headers.get('x-request-id');
    expect(await download.json()).toEqual({ error: { code: 'internal', message: expect.stringContaining(requestId!) as string, requestId } });
    const logged = await loggedOnce(requestId);
    expect(logged).toMatchObject({ level: 50, msg: 'request failed', status: 500, route: '/api/calls/{slug}/attendees.csv' });
    expect(logged.err).toMatchObject({ message: expect.stringContaining('Participant') as string });

    const ack = await send(host, 'participants:list', {});
    if (ack.ok) throw new Error('participants:list succeeded without its table');
    const commandRequestId = ack.error.requestId ?? '';
    expect(ack.error).toEqual({ code: 'internal', message: expect.stringContaining(commandRequestId) as string, requestId: expect.stringMatching(/^[0-9a-f-]{36}$/) as string });
    const commandLine = await loggedOnce(commandRequestId);
    expect(commandLine).toMatchObject({ level: 50, msg: 'command failed', command: 'participants:list', code: 'internal' });
    expect(captured.join('')).not.toContain(created.keys.host);
  });
});
