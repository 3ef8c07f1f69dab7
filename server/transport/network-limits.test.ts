import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { clientAddress, DEFAULT_RATE_LIMITS, NetworkLimits } from './network-limits';

const PROXY = '10.0.0.2';

describe('clientAddress', () => {
  it('uses the peer address when there is no X-Forwarded-For header', () => {
    expect(clientAddress('203.0.113.7', undefined, 0)).toBe('203.0.113.7');
    expect(clientAddress('203.0.113.7', undefined, 1)).toBe('203.0.113.7');
    expect(clientAddress(undefined, undefined, 1)).toBe('unknown');
  });

  it('ignores the header entirely when no proxy is trusted', () => {
    expect(clientAddress(PROXY, '198.51.100.1', 0)).toBe(PROXY);
    expect(clientAddress(PROXY, '198.51.100.1, 198.51.100.2', 0)).toBe(PROXY);
  });

  it('takes the entry one proxy appended behind one trusted proxy', () => {
    expect(clientAddress(PROXY, '198.51.100.1', 1)).toBe('198.51.100.1');
    expect(clientAddress(PROXY, ' 198.51.100.1 ', 1)).toBe('198.51.100.1');
  });

  it('takes the entry the outer proxy appended behind two trusted proxies', () => {
    // client → load balancer (appends the client) → nginx (appends the load balancer) → node
    expect(clientAddress(PROXY, '198.51.100.1, 10.0.0.1', 2)).toBe('198.51.100.1');
  });

  it('never uses a forged left-most entry written by the client', () => {
    expect(clientAddress(PROXY, '1.2.3.4, 198.51.100.1', 1)).toBe('198.51.100.1');
    expect(clientAddress(PROXY, '1.2.3.4, 5.6.7.8, 198.51.100.1, 10.0.0.1', 2)).toBe('198.51.100.1');
  });

  it('takes the left-most entry when the header is shorter than the trusted hops', () => {
    expect(clientAddress(PROXY, '198.51.100.1', 2)).toBe('198.51.100.1');
    expect(clientAddress(PROXY, '198.51.100.1, 10.0.0.1', 5)).toBe('198.51.100.1');
  });

  it('joins a header that arrives as several values, in order', () => {
    expect(clientAddress(PROXY, ['1.2.3.4', '198.51.100.1'], 1)).toBe('198.51.100.1');
    expect(clientAddress(PROXY, ['198.51.100.1', '10.0.0.1'], 2)).toBe('198.51.100.1');
    expect(clientAddress(PROXY, ['1.2.3.4, 198.51.100.1', '10.0.0.1'], 2)).toBe('198.51.100.1');
  });

  it('strips the ::ffff: prefix of IPv4-mapped addresses, in the peer and in the header', () => {
    expect(clientAddress('::ffff:127.0.0.1', undefined, 0)).toBe('127.0.0.1');
    expect(clientAddress('::ffff:10.0.0.2', '::ffff:198.51.100.1', 1)).toBe('198.51.100.1');
    expect(clientAddress(PROXY, '2001:DB8::1', 1)).toBe('2001:db8::1');
  });

  it('never picks an empty or garbage entry, and never lets one shift the pick onto a client-written entry', () => {
    expect(clientAddress(PROXY, '', 1)).toBe(PROXY);
    expect(clientAddress(PROXY, ' , ', 1)).toBe(PROXY);
    expect(clientAddress(PROXY, 'unknown', 1)).toBe(PROXY);
    expect(clientAddress(PROXY, '1.2.3.4, <script>', 1)).toBe(PROXY);
    expect(clientAddress(PROXY, '1.2.3.4, 198.51.100.1:5000', 1)).toBe(PROXY);
    // Two trusted proxies, the outer one wrote garbage for the client: the inner proxy's entry (the outer
    // proxy's address) is used, not the client's forged entry further left.
    expect(clientAddress(PROXY, '1.2.3.4, garbage, 10.0.0.1', 2)).toBe('10.0.0.1');
    expect(clientAddress(PROXY, 'garbage, 10.0.0.1', 2)).toBe('10.0.0.1');
    // Garbage further left than the trusted hops does not matter.
    expect(clientAddress(PROXY, 'garbage,, 198.51.100.1', 1)).toBe('198.51.100.1');
  });
});

describe('NetworkLimits', () => {
  const handshake = (forwardedFor: string) => ({ address: '::ffff:10.0.0.2', headers: { 'x-forwarded-for': forwardedFor } });

  it('counts connections per forwarded client address behind a trusted proxy', () => {
    const limits = new NetworkLimits({ ...DEFAULT_RATE_LIMITS, connectionsPer10Seconds: 2, trustedProxies: 1 });
    expect([1, 2, 3].map(() => limits.takeConnection(handshake('198.51.100.1')))).toEqual([true, true, false]);
    expect(limits.takeConnection(handshake('198.51.100.2'))).toBe(true);
  });

  it('counts connections per peer address when no proxy is trusted', () => {
    const limits = new NetworkLimits({ ...DEFAULT_RATE_LIMITS, connectionsPer10Seconds: 2 });
    expect(['198.51.100.1', '198.51.100.2', '198.51.100.3'].map((forged) => limits.takeConnection(handshake(forged)))).toEqual([true, true, false]);
  });

  it('counts creating a call against the create budget, unless it joins a series with a host key in the request', () => {
    const limits = new NetworkLimits({ ...DEFAULT_RATE_LIMITS, callsPerMinute: 2, apiPerMinute: 5 });
    const post = (headers: Record<string, string> = {}) => ({ method: 'POST', headers, socket: { remoteAddress: '198.51.100.1' } }) as unknown as IncomingMessage;
    const create = new URL('http://localhost/api/calls');
    const archive = new URL('http://localhost/api/calls?seriesOf=abc');
    const bearer = { authorization: 'Bearer key' };
    expect([1, 2, 3].map(() => limits.takeHttp(post(), create))).toEqual([null, null, expect.any(Number)]);
    // Three archive uploads with a key pass (API budget), a claim without a key does not.
    expect([1, 2, 3].map(() => limits.takeHttp(post(bearer), archive))).toEqual([null, null, null]);
    expect(limits.takeHttp(post(), archive)).toEqual(expect.any(Number));
    // A create whose claim was in the body moves to the API budget (4 of 5 used): one more create fits, one more API request.
    limits.recountAsSeriesCreate(post());
    expect(limits.takeHttp(post(), create)).toBeNull();
    expect([1, 2].map(() => limits.takeHttp(post(bearer), archive))).toEqual([null, expect.any(Number)]);
  });

  it('counts a series import as one create and its further calls as API requests, like an archive upload', () => {
    const limits = new NetworkLimits({ ...DEFAULT_RATE_LIMITS, callsPerMinute: 1, apiPerMinute: 3 });
    const post = () => ({ method: 'POST', headers: {}, socket: { remoteAddress: '198.51.100.1' } }) as unknown as IncomingMessage;
    const importing = new URL('http://localhost/api/series/import');
    expect(limits.takeHttp(post(), importing)).toBeNull();
    expect(limits.takeHttp(post(), importing)).toEqual(expect.any(Number));
    // Three calls: the create and two API requests, of three; a fourth call would not fit.
    expect(limits.takeImportedCalls(post(), 3)).toBeNull();
    expect(limits.takeImportedCalls(post(), 3)).toEqual(expect.any(Number));
  });

  it('gives each socket its own command bucket, refilled by the clock it is given', () => {
    let now = 0;
    const limits = new NetworkLimits({ ...DEFAULT_RATE_LIMITS, commandsPerSecond: 10, commandBurst: 2 }, () => now);
    const [first, second] = [limits.createCommandLimiter(), limits.createCommandLimiter()];
    expect([first(), first(), first(), second()]).toEqual([true, true, false, true]);
    now += 100;
    expect([first(), first()]).toEqual([true, false]);
  });
});
