import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Context } from 'hono';
import type { z } from 'zod';
import type { HttpErrorBody, HttpErrorCode, Issue } from '@/lib/protocol';
import { secretsMatch } from '../../domain/secrets';
import type { ServerContext } from '../context';
import type { RequestRecord } from './request-log';

export const MAX_BODY_BYTES = 256 * 1024;
/** `POST /api/calls` takes whole documents (an agenda with years of minutes, an archived record). */
export const MAX_UPLOAD_BYTES = 1024 * 1024;

/** What every API request carries besides itself: the Node request and response, and the server it reached. */
export type ApiBindings = {
  incoming: IncomingMessage;
  outgoing: ServerResponse;
  context: ServerContext;
  publicUrl: string | undefined;
  /** Its id, the route it matched and any server-side failure, logged and counted when the response ends. */
  request: RequestRecord;
};

export type ApiEnv = { Bindings: ApiBindings };
export type ApiContext = Context<ApiEnv>;

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: HttpErrorCode,
    message: string,
    readonly issues?: Issue[],
  ) {
    super(message);
  }
}

const NO_STORE = { 'cache-control': 'no-store' };

export function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json; charset=utf-8', ...NO_STORE, ...headers } });
}

export function errorBody({ code, message, issues }: HttpError): HttpErrorBody {
  return { error: { code, message, ...(issues ? { issues } : {}) } };
}

/**
 * A text download. `inline` documents (Markdown) open in the browser and are named when saved; `attachment`s
 * (a calendar file, a spreadsheet) are saved right away.
 */
export function textResponse(contentType: string, body: string, disposition?: { type: 'inline' | 'attachment'; filename: string }): Response {
  const headers: Record<string, string> = { 'content-type': contentType, ...NO_STORE };
  if (disposition) headers['content-disposition'] = `${disposition.type}; filename="${disposition.filename}"`;
  return new Response(body, { status: 200, headers });
}

function describeBytes(bytes: number): string {
  return bytes % (1024 * 1024) === 0 ? `${bytes / (1024 * 1024)} MB` : `${Math.round(bytes / 1024)} KB`;
}

/** The raw body, refused with a 413 as soon as it is known to exceed `maxBytes`: by its Content-Length, or while it streams in. */
export async function readBodyBytes(c: ApiContext, maxBytes = MAX_BODY_BYTES): Promise<Uint8Array> {
  const tooLarge = () => new HttpError(413, 'too_large', `The body is larger than ${describeBytes(maxBytes)}, the most this endpoint takes. Split the document or leave out attachments.`);
  if (Number(c.req.header('content-length') ?? 0) > maxBytes) throw tooLarge();
  const stream = c.req.raw.body;
  if (!stream) return new Uint8Array();
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (let read = await reader.read(); !read.done; read = await reader.read()) {
    size += read.value.byteLength;
    if (size > maxBytes) {
      // The adapter drains the rest once the answer is sent, so the client reads the 413 rather than a reset.
      reader.releaseLock();
      throw tooLarge();
    }
    chunks.push(read.value);
  }
  return Buffer.concat(chunks);
}

export async function readBody(c: ApiContext, maxBytes = MAX_BODY_BYTES): Promise<string> {
  return Buffer.from(await readBodyBytes(c, maxBytes)).toString('utf8');
}

export function contentTypeOf(c: ApiContext): string {
  return (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
}

export async function readJson(c: ApiContext): Promise<unknown> {
  return parseJson(await readBody(c));
}

export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new HttpError(400, 'invalid_payload', 'The body is not valid JSON.');
  }
}

/**
 * Parses with a zod schema or throws a 400 listing every problem with its path, and with the source line when
 * `lineOf` knows it (a body read from a document).
 */
export function parseOrThrow<Schema extends z.ZodType>(
  schema: Schema,
  value: unknown,
  message: string,
  lineOf?: (path: PropertyKey[]) => number | undefined,
): z.infer<Schema> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((issue) => {
    const line = lineOf?.(issue.path);
    return { path: issue.path.join('.'), message: issue.message, ...(line === undefined ? {} : { line }) };
  });
  throw new HttpError(400, 'invalid_payload', message, issues);
}

export function baseUrlOf(c: ApiContext): string {
  const { publicUrl } = c.env;
  if (publicUrl) return publicUrl.replace(/\/$/, '');
  return `http://${c.req.header('host') ?? 'localhost:3000'}`;
}

/**
 * Refuses with a 403 unless the request proves it comes from the call's host: its key as
 * `Authorization: Bearer <key>` or, for a plain download link, as `?key=`.
 */
export function requireHostKey(c: ApiContext, hostKey: string, refusal: string, queryKey?: string): void {
  if (!secretsMatch(bearerKeyOf(c.req.header('authorization')) || (queryKey ?? ''), hostKey)) throw new HttpError(403, 'forbidden', refusal);
}

/** The key of an `Authorization: Bearer <key>` header; empty without one. */
export function bearerKeyOf(authorization: string | undefined): string {
  return /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '')?.[1] ?? '';
}
