export const ERROR_CODES = [
  'invalid_payload',
  'payload_too_large',
  'protocol_mismatch',
  'not_found',
  'not_joined',
  'not_checked_in',
  'forbidden',
  'invalid_state',
  'rate_limited',
  'internal',
  /** The server cannot reach its database; nothing was saved and the command can be retried. */
  'unavailable',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** `requestId` comes with `internal` errors: the id the server logged the failure under, for a bug report. */
export type ProtocolError = { code: ErrorCode; message: string; issues?: Issue[]; requestId?: string };
/** `line` points into a Markdown agenda when the problem is there. */
export type Issue = { path: string; message: string; line?: number };

export type Ack<T> = { ok: true; data: T } | { ok: false; error: ProtocolError };

export function ok<T>(data: T): Ack<T> {
  return { ok: true, data };
}

export function fail(code: ErrorCode, message: string, issues?: Issue[]): { ok: false; error: ProtocolError } {
  return issues ? { ok: false, error: { code, message, issues } } : { ok: false, error: { code, message } };
}

/** An error a command handler throws on purpose; the transport turns it into a failed ack. */
export class CommandError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'CommandError';
  }
}
