import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ServerContext } from '../context';
import { DATABASE_RETRY_AFTER_SECONDS, DATABASE_UNAVAILABLE_MESSAGE, isDatabaseUnavailableError } from '../../persistence/database-health';
import { agendaMarkdownRoutes } from './agenda-markdown.routes';
import { attendeesRoutes } from './attendees.routes';
import { callRoutes } from './calls.routes';
import { HttpError, sendJson } from './http-utils';
import { recordRoutes } from './record.routes';
import { scheduleRoutes } from './schedule.routes';

export type RouteInput = {
  request: IncomingMessage;
  response: ServerResponse;
  context: ServerContext;
  publicUrl: string | undefined;
  /** The path pattern's capture groups. */
  params: string[];
  query: URLSearchParams;
};

export type Route = { method: 'GET' | 'POST' | 'PUT' | 'DELETE'; path: RegExp; handle: (input: RouteInput) => Promise<void> };

const routes: Route[] = [
  ...callRoutes,
  ...agendaMarkdownRoutes,
  ...scheduleRoutes,
  ...attendeesRoutes,
  ...recordRoutes,
  { method: 'GET', path: /^\/api\/health$/, handle: async ({ response }) => sendJson(response, 200, { ok: true }) },
];

/** Serves `/api/*`. Returns false for any other path so the caller can hand it to Next.js. */
export async function handleApiRequest(
  request: IncomingMessage,
  response: ServerResponse,
  context: ServerContext,
  publicUrl: string | undefined,
): Promise<boolean> {
  const url = new URL(request.url ?? '/', 'http://localhost');
  if (!url.pathname.startsWith('/api/')) return false;
  const retryAfter = context.limits.network.takeHttp(request, url);
  if (retryAfter !== null) {
    response.setHeader('retry-after', String(retryAfter));
    sendJson(response, 429, { error: { code: 'rate_limited', message: `Too many requests. Try again in ${retryAfter} s.` } });
    return true;
  }
  try {
    const matching = routes.filter((route) => route.path.test(url.pathname));
    const route = matching.find((candidate) => candidate.method === request.method);
    if (!route) {
      if (matching.length > 0) throw new HttpError(405, 'method_not_allowed', `${request.method} is not allowed on ${url.pathname}.`);
      throw new HttpError(404, 'not_found', `No API endpoint ${request.method} ${url.pathname}.`);
    }
    const params = route.path.exec(url.pathname)!.slice(1);
    await route.handle({ request, response, context, publicUrl, params, query: url.searchParams });
  } catch (error) {
    if (error instanceof HttpError) {
      const { status, code, message, issues } = error;
      sendJson(response, status, { error: { code, message, ...(issues ? { issues } : {}) } });
    } else if (isDatabaseUnavailableError(error)) {
      context.health.reportUnavailable();
      response.setHeader('retry-after', String(DATABASE_RETRY_AFTER_SECONDS));
      sendJson(response, 503, { error: { code: 'unavailable', message: DATABASE_UNAVAILABLE_MESSAGE } });
    } else {
      console.error('API request failed', error);
      sendJson(response, 500, { error: { code: 'internal', message: 'Something went wrong on the server.' } });
    }
  }
  return true;
}
