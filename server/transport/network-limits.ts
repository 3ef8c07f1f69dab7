import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import { isIP } from 'node:net';
import { RateLimiter, type Clock } from '../domain/rate-limiter';

/** Limits per socket (commands) and per client IP address (HTTP API requests, new socket connections). */
export type RateLimitOptions = {
  commandsPerSecond: number;
  commandBurst: number;
  /**
   * POST /api/calls, POST /api/calls/<slug>/next and POST /api/series/import: creating calls. A create that joins an existing call's
   * series with that call's host key (an archive upload) counts as an ordinary API request instead.
   */
  callsPerMinute: number;
  /** Every other /api request except the probes /api/health and /api/ready. */
  apiPerMinute: number;
  connectionsPer10Seconds: number;
  /**
   * Reverse proxies in front of this node that append to X-Forwarded-For (TRUST_PROXY): the client address
   * is taken that many entries from the right. 0 ignores the header, which clients can forge.
   */
  trustedProxies: number;
};

export const DEFAULT_RATE_LIMITS: RateLimitOptions = {
  commandsPerSecond: 20,
  commandBurst: 40,
  callsPerMinute: 30,
  apiPerMinute: 300,
  connectionsPer10Seconds: 60,
  trustedProxies: 0,
};

const CREATES_CALL = /^\/api\/calls(\/[a-z0-9]{1,64}\/next)?$|^\/api\/series\/import$/;

function claimsSeries(request: IncomingMessage, url: URL): boolean {
  return url.searchParams.has('seriesOf') && /^Bearer\s+\S/i.test(request.headers.authorization ?? '');
}

/** An IP address in one spelling per client (`::ffff:127.0.0.1` is `127.0.0.1`), or null when it is none. */
function normalizedAddress(entry: string): string | null {
  const address = entry.trim().toLowerCase();
  const mapped = address.startsWith('::ffff:') ? address.slice('::ffff:'.length) : null;
  if (mapped !== null && isIP(mapped) === 4) return mapped;
  return isIP(address) === 0 ? null : address;
}

/**
 * The address the per-IP limits count against, like Express's numeric "trust proxy": of
 * [peer, ...X-Forwarded-For entries from right to left], the one `trustedProxies` steps in (or the last).
 * Each trusted proxy appended the address it received the request from, so everything further left was
 * written by the client and is never used. An entry that is not an IP address (empty, garbage, with a port)
 * is never chosen: the pick falls back to the nearest address to its right, so a proxy writing such an
 * entry can only make the limit coarser, never move it onto an entry the client wrote.
 */
export function clientAddress(peer: string | undefined, forwardedFor: string | string[] | undefined, trustedProxies: number): string {
  const peerAddress = peer === undefined ? 'unknown' : (normalizedAddress(peer) ?? peer);
  if (trustedProxies <= 0 || forwardedFor === undefined) return peerAddress;
  const rightToLeft = (Array.isArray(forwardedFor) ? forwardedFor.join(',') : forwardedFor).split(',').reverse();
  let address = peerAddress;
  for (const entry of rightToLeft.slice(0, trustedProxies)) address = normalizedAddress(entry) ?? address;
  return address;
}

type Handshake = { address: string | undefined; headers: IncomingHttpHeaders };

export class NetworkLimits {
  readonly #commands: { perSecond: number; burst: number };
  readonly #calls: RateLimiter;
  readonly #api: RateLimiter;
  readonly #connections: RateLimiter;
  readonly #trustedProxies: number;
  readonly #clock: Clock | undefined;

  /** `clock` (milliseconds) drives every bucket; tests move it instead of waiting. */
  constructor(options: RateLimitOptions, clock?: Clock) {
    this.#clock = clock;
    this.#trustedProxies = options.trustedProxies;
    this.#commands = { perSecond: options.commandsPerSecond, burst: options.commandBurst };
    this.#calls = new RateLimiter(options.callsPerMinute / 60, options.callsPerMinute, clock);
    this.#api = new RateLimiter(options.apiPerMinute / 60, options.apiPerMinute, clock);
    this.#connections = new RateLimiter(options.connectionsPer10Seconds / 10, options.connectionsPer10Seconds, clock);
  }

  /** One socket's command budget: bursts are fine, a flood is refused. */
  createCommandLimiter(): () => boolean {
    const bucket = new RateLimiter(this.#commands.perSecond, this.#commands.burst, this.#clock);
    return () => bucket.take('');
  }

  /**
   * Takes one API request from the client's budget; returns the seconds to wait when it is refused, else null.
   * A create that claims a series with a host key in the request line and headers (`?seriesOf=` and a Bearer
   * key) is an ordinary API request; the route refuses it (403) when the key is wrong.
   */
  takeHttp(request: IncomingMessage, url: URL): number | null {
    if (url.pathname === '/api/health' || url.pathname === '/api/ready') return null;
    const address = this.#addressOf(request);
    const isCreate = request.method === 'POST' && CREATES_CALL.test(url.pathname);
    const limiter = isCreate && !claimsSeries(request, url) ? this.#calls : this.#api;
    return limiter.take(address) ? null : Math.max(1, Math.ceil(limiter.secondsUntilAllowed(address)));
  }

  /**
   * A create counted as one (its series claim was in the body) turned out to join a series with a valid host
   * key: it moves from the create budget to the general API budget.
   */
  recountAsSeriesCreate(request: IncomingMessage): void {
    const address = this.#addressOf(request);
    this.#calls.giveBack(address);
    this.#api.take(address);
  }

  /**
   * A series import counted as one create; its further calls count like the files of an archive upload after
   * the first, as API requests. Returns the seconds to wait when the budget does not hold them all, else null.
   */
  takeImportedCalls(request: IncomingMessage, calls: number): number | null {
    const address = this.#addressOf(request);
    for (let call = 1; call < calls; call += 1) {
      if (!this.#api.take(address)) return Math.max(1, Math.ceil(this.#api.secondsUntilAllowed(address)));
    }
    return null;
  }

  #addressOf(request: IncomingMessage): string {
    return clientAddress(request.socket.remoteAddress, request.headers['x-forwarded-for'], this.#trustedProxies);
  }

  /** Takes one new socket connection from the client's budget (Socket.IO's handshake: peer address and headers). */
  takeConnection(handshake: Handshake): boolean {
    return this.#connections.take(this.socketAddress(handshake));
  }

  /** The client address of a socket, as the per-IP limits count it (`TRUST_PROXY`). */
  socketAddress(handshake: Handshake): string {
    return clientAddress(handshake.address, handshake.headers['x-forwarded-for'], this.#trustedProxies);
  }
}
