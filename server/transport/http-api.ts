import type { IncomingMessage, ServerResponse } from 'node:http';
import { createCallSchema } from '@/lib/protocol';
import { buildNewCall, callUrls } from '../domain/call-factory';
import { findCallAccess, insertCall } from '../persistence/calls.repository';
import type { ServerContext } from './context';

const MAX_BODY_BYTES = 256 * 1024;

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly issues?: { path: string; message: string }[],
  ) {
    super(message);
  }
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  response.end(JSON.stringify(body));
}

async function readBody(request: IncomingMessage): Promise<string> {
  const declared = Number(request.headers['content-length'] ?? 0);
  if (declared > MAX_BODY_BYTES) throw new HttpError(413, 'payload_too_large', `The body must be at most ${MAX_BODY_BYTES} bytes.`);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buffer.length;
    if (size > MAX_BODY_BYTES) throw new HttpError(413, 'payload_too_large', `The body must be at most ${MAX_BODY_BYTES} bytes.`);
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

async function readJson(request: IncomingMessage): Promise<unknown> {
  const type = request.headers['content-type'] ?? '';
  if (!type.includes('application/json')) {
    throw new HttpError(415, 'unsupported_media_type', 'Send the call as JSON (Content-Type: application/json).');
  }
  try {
    return JSON.parse(await readBody(request));
  } catch (error) {
    if (error instanceof HttpError) throw error;
    throw new HttpError(400, 'invalid_payload', 'The body is not valid JSON.');
  }
}

export function baseUrlOf(request: IncomingMessage, publicUrl: string | undefined): string {
  if (publicUrl) return publicUrl.replace(/\/$/, '');
  const host = request.headers.host ?? 'localhost:3000';
  return `http://${host}`;
}

async function createCall(request: IncomingMessage, context: ServerContext, publicUrl: string | undefined) {
  const parsed = createCallSchema.safeParse(await readJson(request));
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
    throw new HttpError(400, 'invalid_payload', 'The call could not be created. Fix the problems listed.', issues);
  }
  const call = buildNewCall(parsed.data);
  await insertCall(context.database, call);
  return callUrls(baseUrlOf(request, publicUrl), call);
}

async function getCall(slug: string, context: ServerContext) {
  const access = await findCallAccess(context.database, slug);
  const entry = access ? await context.snapshots.get(access.id) : null;
  if (!entry) throw new HttpError(404, 'not_found', 'There is no call at this address.');
  return { sequence: entry.sequence, call: entry.call };
}

/** Serves `/api/*`. Returns false for any other path so the caller can hand it to Next.js. */
export async function handleApiRequest(
  request: IncomingMessage,
  response: ServerResponse,
  context: ServerContext,
  publicUrl: string | undefined,
): Promise<boolean> {
  const url = new URL(request.url ?? '/', 'http://localhost');
  if (!url.pathname.startsWith('/api/')) return false;
  try {
    const slugMatch = /^\/api\/calls\/([a-z0-9]{1,64})$/.exec(url.pathname);
    if (url.pathname === '/api/calls' && request.method === 'POST') {
      sendJson(response, 201, await createCall(request, context, publicUrl));
    } else if (slugMatch?.[1] && request.method === 'GET') {
      sendJson(response, 200, await getCall(slugMatch[1], context));
    } else if (url.pathname === '/api/health') {
      sendJson(response, 200, { ok: true });
    } else {
      throw new HttpError(404, 'not_found', `No API endpoint ${request.method} ${url.pathname}.`);
    }
  } catch (error) {
    if (error instanceof HttpError) {
      sendJson(response, error.status, { error: { code: error.code, message: error.message, ...(error.issues ? { issues: error.issues } : {}) } });
    } else {
      console.error('API request failed', error);
      sendJson(response, 500, { error: { code: 'internal', message: 'Something went wrong on the server.' } });
    }
  }
  return true;
}
