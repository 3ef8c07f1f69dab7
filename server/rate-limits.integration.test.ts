import { io as connectRaw } from 'socket.io-client';
import { describe, expect, it } from 'vitest';
import { createCall, joinPayload, send, sendOk, startTestServer } from './testing/test-server';

/** Each test starts its own server: the limits and the limiters' clock are set per server. */
describe('rate limits', () => {
  it('refuses a flood of commands from one socket and recovers', async () => {
    // The limiters read this clock, so the bucket refills when the test moves it, not with the wall clock.
    let now = 0;
    const clocked = await startTestServer({ clock: () => now });
    try {
      const created = await createCall(clocked.url);
      const client = clocked.connect();
      await sendOk(client, 'call:join', joinPayload(created.slug));
      now += 2100; // the bucket refills after the join
      const responses = await Promise.all(Array.from({ length: 80 }, () => send(client, 'participants:list', {})));
      const limited = responses.filter((response) => !response.ok && response.error.code === 'rate_limited').length;
      expect(responses.slice(0, 40).every((response) => response.ok)).toBe(true);
      expect(limited).toBeGreaterThanOrEqual(30);
      expect((await send(client, 'participants:list', {})).ok).toBe(false);
      now += 300;
      expect((await send(client, 'participants:list', {})).ok).toBe(true);
    } finally {
      await clocked.close();
    }
  });

  it('limits API requests, call creation and new connections per IP address', async () => {
    const limited = await startTestServer({ rateLimits: { callsPerMinute: 3, apiPerMinute: 10, connectionsPer10Seconds: 3 } });
    try {
      const statuses: number[] = [];
      for (let index = 0; index < 4; index += 1) {
        statuses.push((await fetch(`${limited.url}/api/calls`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).status);
      }
      expect(statuses).toEqual([400, 400, 400, 429]);
      const refused = await fetch(`${limited.url}/api/calls`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect(await refused.json()).toMatchObject({ error: { code: 'rate_limited', message: expect.any(String) } });

      const reads: number[] = [];
      for (let index = 0; index < 11; index += 1) reads.push((await fetch(`${limited.url}/api/calls/nosuchcall`)).status);
      expect(reads).toEqual([...Array<number>(10).fill(404), 429]);
      expect((await fetch(`${limited.url}/api/health`)).status).toBe(200);

      const outcomes = [];
      for (let index = 0; index < 4; index += 1) {
        const client = connectRaw(limited.url, { transports: ['websocket'], reconnection: false });
        outcomes.push(
          await new Promise<string>((resolve) => {
            client.on('connect', () => resolve('connected'));
            client.on('connect_error', (error) => resolve(`${error.message} ${JSON.stringify((error as Error & { data?: unknown }).data)}`));
          }),
        );
        if (index === 3) client.close();
      }
      expect(outcomes.slice(0, 3)).toEqual(['connected', 'connected', 'connected']);
      expect(outcomes[3]).toMatch(/^rate_limited .*"code":"rate_limited"/);
    } finally {
      await limited.close();
    }
  });
});

/** Opens one socket with these headers and closes it again: 'connected' or the refusal's code. */
function connectionOutcome(url: string, headers: Record<string, string> = {}): Promise<string> {
  const client = connectRaw(url, { transports: ['websocket'], reconnection: false, extraHeaders: headers });
  return new Promise<string>((resolve) => {
    client.on('connect', () => resolve('connected'));
    client.on('connect_error', (error) => resolve((error as Error & { data?: { code?: string } }).data?.code ?? error.message));
  }).finally(() => client.close());
}

async function outcomesInTurn<Item, Outcome>(items: Item[], attempt: (item: Item) => Promise<Outcome>): Promise<Outcome[]> {
  const outcomes: Outcome[] = [];
  for (const item of items) outcomes.push(await attempt(item));
  return outcomes;
}

describe('rate limits behind a reverse proxy', () => {
  const forwardedFor = (value: string) => ({ 'x-forwarded-for': value });
  const apiStatus = (url: string, value: string) => fetch(`${url}/api/calls/nosuchcall`, { headers: forwardedFor(value) }).then((response) => response.status);

  it('limits each forwarded client address separately when one proxy is trusted (TRUST_PROXY=1)', async () => {
    const proxied = await startTestServer({ rateLimits: { apiPerMinute: 2, connectionsPer10Seconds: 2, trustedProxies: 1 } });
    try {
      const connect = (value: string) => connectionOutcome(proxied.url, forwardedFor(value));
      expect(await outcomesInTurn(['198.51.100.1', '198.51.100.1', '198.51.100.1'], connect)).toEqual(['connected', 'connected', 'rate_limited']);
      // Another client behind the same proxy is not refused; a forged entry left of the proxy's does not help the first.
      expect(await outcomesInTurn(['198.51.100.2', '198.51.100.2'], connect)).toEqual(['connected', 'connected']);
      expect(await connect('203.0.113.9, 198.51.100.1')).toBe('rate_limited');

      const status = (value: string) => apiStatus(proxied.url, value);
      expect(await outcomesInTurn(['198.51.100.1', '198.51.100.1', '198.51.100.1'], status)).toEqual([404, 404, 429]);
      expect(await outcomesInTurn(['198.51.100.2', '203.0.113.9, 198.51.100.1'], status)).toEqual([404, 429]);
    } finally {
      await proxied.close();
    }
  });

  it('ignores X-Forwarded-For by default, so a forged header does not let a client escape its limit', async () => {
    const direct = await startTestServer({ rateLimits: { apiPerMinute: 2, connectionsPer10Seconds: 2 } });
    try {
      const forged = ['198.51.100.1', '198.51.100.2', '198.51.100.3'];
      expect(await outcomesInTurn(forged, (value) => connectionOutcome(direct.url, forwardedFor(value)))).toEqual(['connected', 'connected', 'rate_limited']);
      expect(await outcomesInTurn(forged, (value) => apiStatus(direct.url, value))).toEqual([404, 404, 429]);
    } finally {
      await direct.close();
    }
  });
});
