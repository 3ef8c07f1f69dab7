import type { IncomingMessage, ServerResponse } from 'node:http';
import { getRequestListener } from '@hono/node-server';
import { RESPONSE_ALREADY_SENT } from '@hono/node-server/utils/response';
import { Hono, type MiddlewareHandler } from 'hono';
import { routePath } from 'hono/route';
import { healthSchema, readinessSchema } from '@/lib/protocol';
import type { ServerContext } from '../context';
import { DATABASE_RETRY_AFTER_SECONDS, DATABASE_UNAVAILABLE_MESSAGE, isDatabaseUnavailableError } from '../../persistence/database-health';
import { actionsRoutes } from './actions.routes';
import { agendaMarkdownRoutes } from './agenda-markdown.routes';
import { defineRoute, methodNotAllowed, noParameters, type ApiRoute } from './api-route';
import { attendeesRoutes } from './attendees.routes';
import { callRoutes } from './calls.routes';
import { type ApiEnv, errorBody, HttpError } from './http-utils';
import { openApiDocumentRoute } from './openapi';
import { publishingRoutes } from './publishing.routes';
import { recordRoutes } from './record.routes';
import { recordRequest } from './request-log';
import { scheduleRoutes } from './schedule.routes';
import { seriesTransferRoutes } from './series-transfer.routes';

const healthRoute = defineRoute({
  method: 'GET',
  path: '/api/health',
  operationId: 'readHealth',
  summary: 'Whether the server is up',
  description: 'Not rate limited.',
  params: noParameters,
  query: noParameters,
  responses: { 200: { description: 'The server answers.', json: healthSchema } },
  errors: {},
  handle: async ({ reply }) => reply(200, { ok: true }),
});

const readinessRoute = defineRoute({
  method: 'GET',
  path: '/api/ready',
  operationId: 'readReadiness',
  summary: 'Whether this node should get traffic',
  description:
    'Ready when the database answers (within 2 s), every migration of this version is applied, Redis answers (when configured) and the node is not shutting down. Not rate limited.',
  params: noParameters,
  query: noParameters,
  responses: {
    200: { description: 'Ready: every check passed.', json: readinessSchema },
    503: { description: 'Not ready: `checks` says which check failed and why.', json: readinessSchema },
  },
  errors: {},
  async handle({ c, reply }) {
    const report = await c.env.context.readiness.report();
    return report.ready ? reply(200, report) : reply(503, report);
  },
});

/** Every endpoint under `/api`, each described in the OpenAPI document it serves itself. */
export const apiRoutes: ApiRoute[] = [
  ...callRoutes,
  ...agendaMarkdownRoutes,
  ...scheduleRoutes,
  ...attendeesRoutes,
  ...recordRoutes,
  ...actionsRoutes,
  ...publishingRoutes,
  ...seriesTransferRoutes,
  healthRoute,
  readinessRoute,
  openApiDocumentRoute(() => apiRoutes),
];

/** What a path parameter of the OpenAPI paths matches; anything else is a 404 like an unknown path. */
const PATH_PARAMETER_PATTERNS: Record<string, string> = { slug: '[a-z0-9]{1,64}', id: '[A-Za-z0-9_-]{1,64}' };

/** `/api/calls/{slug}` as Hono writes it: `/api/calls/:slug{[a-z0-9]{1,64}}`. */
export function routerPathOf(path: string): string {
  return path.replace(/\{(\w+)\}/g, (_match, name: string) => {
    const pattern = PATH_PARAMETER_PATTERNS[name];
    if (!pattern) throw new Error(`No pattern for the path parameter ${name} of ${path}`);
    return `:${name}{${pattern}}`;
  });
}

/**
 * Writes an error answer at once rather than through the adapter, which writes after an await. Node goes on to
 * parse whatever follows the request on the connection (a DELETE or OPTIONS client may send a body without a
 * Content-Length), and a parse error there would otherwise be answered with a bare 400 before this answer.
 */
function sendError(outgoing: ServerResponse, error: HttpError, headers: Record<string, string> = {}, requestId?: string): Response {
  if (!outgoing.headersSent) {
    outgoing.writeHead(error.status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers });
    const body = errorBody(error);
    outgoing.end(JSON.stringify(requestId ? { error: { ...body.error, requestId } } : body));
  }
  return RESPONSE_ALREADY_SENT;
}

const rateLimit: MiddlewareHandler<ApiEnv> = async (c, next) => {
  const retryAfter = c.env.context.limits.network.takeHttp(c.env.incoming, new URL(c.req.url));
  if (retryAfter === null) return next();
  const refusal = new HttpError(429, 'rate_limited', `Too many requests. Try again in ${retryAfter} s.`);
  return sendError(c.env.outgoing, refusal, { 'retry-after': String(retryAfter) });
};

function replyToError(error: Error, { env }: { env: ApiEnv['Bindings'] }): Response {
  if (error instanceof HttpError) return sendError(env.outgoing, error);
  if (isDatabaseUnavailableError(error)) {
    env.context.health.reportUnavailable();
    const unavailable = new HttpError(503, 'unavailable', DATABASE_UNAVAILABLE_MESSAGE);
    return sendError(env.outgoing, unavailable, { 'retry-after': String(DATABASE_RETRY_AFTER_SECONDS) });
  }
  env.request.failure = error;
  const failure = new HttpError(500, 'internal', `Something went wrong on the server. If you report it, quote request ${env.request.id}.`);
  return sendError(env.outgoing, failure, {}, env.request.id);
}

export function buildApi(routes: ApiRoute[]): Hono<ApiEnv> {
  const api = new Hono<ApiEnv>();
  // The OpenAPI path of the route a request matched (its method's or the 405 catch-all): the label of its metrics.
  const openApiPaths = new Map(routes.map((route) => [routerPathOf(route.path), route.path]));
  api.use('*', (c, next) => {
    c.env.request.route = openApiPaths.get(routePath(c, -1));
    return next();
  });
  api.use('*', rateLimit);
  for (const route of routes) api.on(route.method, routerPathOf(route.path), (c) => route.run(c));
  // Registered after every route: a known path asked with another method is a 405, an unknown one a 404.
  for (const path of new Set(routes.map((route) => route.path))) {
    api.all(routerPathOf(path), (c) => {
      throw methodNotAllowed(c);
    });
  }
  api.notFound((c) => sendError(c.env.outgoing, new HttpError(404, 'not_found', `No API endpoint ${c.req.method} ${c.req.path}.`)));
  api.onError(replyToError);
  return api;
}

const api = buildApi(apiRoutes);

/** Serves `/api/*` through the API router. Returns false for any other path so the caller can hand it to Next.js. */
export async function handleApiRequest(
  request: IncomingMessage,
  response: ServerResponse,
  context: ServerContext,
  publicUrl: string | undefined,
): Promise<boolean> {
  const url = new URL(request.url ?? '/', 'http://localhost');
  if (!url.pathname.startsWith('/api/')) return false;
  const record = recordRequest(request, response, context);
  const listen = getRequestListener((webRequest) => api.fetch(webRequest, { incoming: request, outgoing: response, context, publicUrl, request: record }), {
    // Next.js shares this process: the adapter must leave the global Request and Response alone.
    overrideGlobalObjects: false,
    hostname: 'localhost',
    // A request the adapter cannot turn into a URL (a malformed Host or target) gets the API's error body too.
    errorHandler: () => sendError(response, new HttpError(400, 'invalid_payload', 'The request line or its Host header is not valid.')),
  });
  await listen(request, response);
  return true;
}
