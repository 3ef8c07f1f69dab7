import type { IncomingMessage, ServerResponse } from 'node:http';
import { requestIdFrom, scrubUrl } from '../../observability/logger';
import type { ServerContext } from '../context';

/** What is known of an API request by its end: its id, the route pattern it matched, a server-side failure. */
export type RequestRecord = { id: string; route?: string; failure?: unknown };

/** A request no route matched; its raw path never becomes a label. */
const UNMATCHED_ROUTE = 'unmatched';
/** Probes a load balancer or orchestrator sends every few seconds: logged at debug while they succeed. */
const PROBE_ROUTES = new Set(['/api/health', '/api/ready']);

/**
 * Gives the request an id (the caller's valid `X-Request-Id` or a new one, sent back in the same header) and,
 * once the response is done, logs it once and counts it by route pattern and status class.
 */
export function recordRequest(request: IncomingMessage, response: ServerResponse, { logger, metrics }: Pick<ServerContext, 'logger' | 'metrics'>): RequestRecord {
  const startedAt = performance.now();
  const record: RequestRecord = { id: requestIdFrom(request.headers['x-request-id']) };
  response.setHeader('x-request-id', record.id);
  response.once('close', () => {
    const seconds = (performance.now() - startedAt) / 1000;
    const status = response.statusCode;
    const route = record.route ?? UNMATCHED_ROUTE;
    metrics.recordHttpRequest(request.method ?? 'GET', route, status, seconds);
    const line = {
      requestId: record.id,
      method: request.method,
      route,
      path: scrubUrl(request.url ?? '/'),
      status,
      durationMs: Math.round(seconds * 10_000) / 10,
      ...(response.writableFinished ? {} : { isAborted: true }),
    };
    if (record.failure !== undefined) logger.error({ ...line, err: record.failure }, 'request failed');
    else if (status >= 500) logger.warn(line, 'request');
    else if (PROBE_ROUTES.has(route) && status < 400) logger.debug(line, 'request');
    else logger.info(line, 'request');
  });
  return record;
}
