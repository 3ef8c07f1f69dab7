import { randomUUID } from 'node:crypto';
import pino, { type DestinationStream, type Logger } from 'pino';
import pretty from 'pino-pretty';

export type { Logger } from 'pino';

export const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Query parameters and fields that carry keys, tokens or secrets; their values never reach a log line. */
const SECRET_NAMES = ['key', 'hostKey', 'scribeKey', 'token', 'accessToken', 'secret', 'password', 'authorization', 'cookie'];

/**
 * Headers, keys and tokens wherever a log call might pass them: as a field, inside a request or response
 * object, or inside one more level of nesting (pino's redact matches paths, not names anywhere).
 */
const REDACTED_PATHS = [
  ...['authorization', 'cookie', 'set-cookie'].flatMap((header) => [`headers["${header}"]`, `*.headers["${header}"]`]),
  ...SECRET_NAMES.flatMap((name) => [name, `*.${name}`]),
  'ROUNDTABLE_SECRET_KEY',
  'METRICS_TOKEN',
];

export type LoggerOptions = {
  level: LogLevel;
  /** Human-readable lines (development) instead of JSON lines (production). */
  isPretty?: boolean;
  /** Where lines go (default: standard output); tests pass a stream they read. */
  destination?: DestinationStream;
};

export function createLogger({ level, isPretty = false, destination }: LoggerOptions): Logger {
  // pino-pretty as a plain synchronous stream: no worker thread, and lines appear in order with other output.
  const target = destination ?? (isPretty ? pretty({ sync: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname' }) : pino.destination(1));
  return pino({ level, redact: { paths: REDACTED_PATHS, censor: '[redacted]' } }, target);
}

/** A logger that writes nothing: the default of parts constructed outside a server (tests of one module). */
export const silentLogger: Logger = pino({ level: 'silent' });

/** A URL's path with the values of secret-looking query parameters and any user:password replaced. */
export function scrubUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url, 'http://localhost');
  } catch {
    return '[unparseable URL]';
  }
  const isAbsolute = /^[a-z][a-z0-9+.-]*:/i.test(url);
  if (parsed.username || parsed.password) {
    parsed.username = '';
    parsed.password = '';
  }
  for (const name of [...parsed.searchParams.keys()]) {
    if (SECRET_NAMES.some((secret) => secret.toLowerCase() === name.toLowerCase())) parsed.searchParams.set(name, '[redacted]');
  }
  return isAbsolute ? parsed.href : `${parsed.pathname}${parsed.search}`;
}

/** What a caller's `X-Request-Id` may be to be kept (and the pattern the OpenAPI document gives). */
export const REQUEST_ID_PATTERN = /^[\w.:-]{1,64}$/;

/** The caller's `X-Request-Id` when it is short and plain, so a proxy's id follows the request; a new one otherwise. */
export function requestIdFrom(header: string | string[] | undefined): string {
  return typeof header === 'string' && REQUEST_ID_PATTERN.test(header) ? header : randomUUID();
}

/** A short message of an error that may span lines (Prisma's do): its last line. */
export function lastLineOf(error: unknown): string {
  return error instanceof Error ? (error.message.trim().split('\n').at(-1) ?? error.name) : String(error);
}
