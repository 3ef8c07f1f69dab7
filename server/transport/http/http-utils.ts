import type { IncomingMessage, ServerResponse } from 'node:http';
import type { z } from 'zod';

export const MAX_BODY_BYTES = 256 * 1024;
/** `POST /api/calls` takes whole documents (an agenda with years of minutes, an archived record). */
export const MAX_UPLOAD_BYTES = 1024 * 1024;

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly issues?: { path: string; message: string; line?: number }[],
  ) {
    super(message);
  }
}

export function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  response.end(JSON.stringify(body));
}

export function sendText(response: ServerResponse, contentType: string, body: string, filename?: string): void {
  response.writeHead(200, {
    'content-type': `${contentType}; charset=utf-8`,
    'cache-control': 'no-store',
    ...(filename ? { 'content-disposition': `attachment; filename="${filename}"` } : {}),
  });
  response.end(body);
}

function describeBytes(bytes: number): string {
  return bytes % (1024 * 1024) === 0 ? `${bytes / (1024 * 1024)} MB` : `${Math.round(bytes / 1024)} KB`;
}

/** The raw body, refused with a 413 as soon as it is known to exceed `maxBytes`. */
export async function readBodyBytes(request: IncomingMessage, maxBytes = MAX_BODY_BYTES): Promise<Buffer> {
  const tooLarge = () => new HttpError(413, 'too_large', `The body is larger than ${describeBytes(maxBytes)}, the most this endpoint takes. Split the document or leave out attachments.`);
  if (Number(request.headers['content-length'] ?? 0) > maxBytes) throw tooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buffer.length;
    if (size > maxBytes) throw tooLarge();
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

export async function readBody(request: IncomingMessage, maxBytes = MAX_BODY_BYTES): Promise<string> {
  return (await readBodyBytes(request, maxBytes)).toString('utf8');
}

export function contentTypeOf(request: IncomingMessage): string {
  return (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
}

export async function readJson(request: IncomingMessage): Promise<unknown> {
  return parseJson(await readBody(request));
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

export function baseUrlOf(request: IncomingMessage, publicUrl: string | undefined): string {
  if (publicUrl) return publicUrl.replace(/\/$/, '');
  return `http://${request.headers.host ?? 'localhost:3000'}`;
}
