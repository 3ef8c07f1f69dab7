import type { IncomingMessage } from 'node:http';
import { RateLimiter } from '../domain/rate-limiter';

/** Limits per socket (commands) and per client IP address (HTTP API requests, new socket connections). */
export type RateLimitOptions = {
  commandsPerSecond: number;
  commandBurst: number;
  /** POST /api/calls and POST /api/calls/<slug>/next: creating calls. */
  callsPerMinute: number;
  /** Every other /api request except /api/health. */
  apiPerMinute: number;
  connectionsPer10Seconds: number;
};

export const DEFAULT_RATE_LIMITS: RateLimitOptions = {
  commandsPerSecond: 20,
  commandBurst: 40,
  callsPerMinute: 30,
  apiPerMinute: 300,
  connectionsPer10Seconds: 60,
};

const CREATES_CALL = /^\/api\/calls(\/[a-z0-9]{1,64}\/next)?$/;

/** `::ffff:127.0.0.1` and `127.0.0.1` are one client. */
export function clientAddressOf(address: string | undefined): string {
  return (address ?? 'unknown').replace(/^::ffff:/, '');
}

export class NetworkLimits {
  readonly commands: { perSecond: number; burst: number };
  readonly #calls: RateLimiter;
  readonly #api: RateLimiter;
  readonly #connections: RateLimiter;

  constructor(options: RateLimitOptions) {
    this.commands = { perSecond: options.commandsPerSecond, burst: options.commandBurst };
    this.#calls = new RateLimiter(options.callsPerMinute / 60, options.callsPerMinute);
    this.#api = new RateLimiter(options.apiPerMinute / 60, options.apiPerMinute);
    this.#connections = new RateLimiter(options.connectionsPer10Seconds / 10, options.connectionsPer10Seconds);
  }

  /** Takes one API request from the client's budget; returns the seconds to wait when it is refused, else null. */
  takeHttp(request: IncomingMessage, pathname: string): number | null {
    if (pathname === '/api/health') return null;
    const address = clientAddressOf(request.socket.remoteAddress);
    const limiter = request.method === 'POST' && CREATES_CALL.test(pathname) ? this.#calls : this.#api;
    return limiter.take(address) ? null : Math.max(1, Math.ceil(limiter.secondsUntilAllowed(address)));
  }

  takeConnection(address: string | undefined): boolean {
    return this.#connections.take(clientAddressOf(address));
  }
}
