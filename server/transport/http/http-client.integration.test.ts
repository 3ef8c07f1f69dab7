import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createCall, listCalls, planNextCall, readCall } from '@/components/client/http';
import { sampleCall, startTestServer } from '../../testing/test-server';

let server: Awaited<ReturnType<typeof startTestServer>>;
const realFetch = globalThis.fetch;

beforeAll(async () => {
  server = await startTestServer();
  // The client asks same-site paths, as in the browser.
  vi.stubGlobal('fetch', (input: string, init?: RequestInit) => realFetch(new URL(input, server.url), init));
});
afterAll(async () => {
  vi.unstubAllGlobals();
  await server.close();
});

describe('the typed HTTP client against a real server', () => {
  it('creates, reads, lists and plans the next call, each answer parsed', async () => {
    // Upcoming whatever today is: the sample call's own date has passed.
    const created = await createCall({ ...sampleCall, startsAt: '2036-12-04T17:30' });
    if (!created.ok) throw new Error(created.error.message);
    expect(created.data.notices).toEqual([]);
    const read = await readCall(created.data.slug);
    expect(read.ok && read.data.call.title).toBe(sampleCall.title);
    const list = await listCalls({ view: 'upcoming', limit: 5 });
    expect(list.ok && list.data.calls.map((call) => call.slug)).toContain(created.data.slug);
    const key = new URL(created.data.hostUrl).hash.replace('#key=', '');
    const next = await planNextCall(created.data.slug, { key, startsAt: '2030-01-07T17:30' });
    expect(next.ok && next.data.hostUrl).toMatch(/#key=/);
  });

  it('returns the server’s errors typed, with their issues and status', async () => {
    expect(await createCall({ title: '' })).toMatchObject({ ok: false, error: { code: 'invalid_payload', status: 400, issues: [expect.objectContaining({ path: 'title' })] } });
    expect(await readCall('nosuchcall')).toMatchObject({ ok: false, error: { code: 'not_found', status: 404, message: 'There is no call at this address.' } });
    expect(await planNextCall('nosuchcall', { key: 'x' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await listCalls({ view: 'past', limit: 5, cursor: 'bad' })).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
  });

  it('tells an unreachable server and an unreadable answer apart from the server’s errors', async () => {
    vi.stubGlobal('fetch', () => Promise.reject(new TypeError('Failed to fetch')));
    expect(await readCall('abc')).toMatchObject({ ok: false, error: { code: 'network' } });
    vi.stubGlobal('fetch', () => Promise.resolve(new Response('<html>Bad gateway</html>', { status: 502, headers: { 'retry-after': '7' } })));
    expect(await readCall('abc')).toEqual({ ok: false, error: { code: 'bad_response', message: 'The server answered 502.', status: 502, retryAfterSeconds: 7 } });
    vi.stubGlobal('fetch', () => Promise.resolve(Response.json({ calls: 'not a list' })));
    expect(await listCalls({ view: 'past', limit: 5 })).toMatchObject({ ok: false, error: { code: 'bad_response', status: 200 } });
    vi.stubGlobal('fetch', (input: string, init?: RequestInit) => realFetch(new URL(input, server.url), init));
  });
});
