import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { HttpErrorBody } from '@/lib/protocol';
import { secretsMatch } from '../../domain/secrets';
import type { ServerMetrics } from '../../observability/metrics';
import { bearerKeyOf } from './http-utils';

export const METRICS_PATH = '/metrics';

/** How Prometheus reaches the metrics: on a port of their own, or on the main port with a bearer token. */
export type MetricsAccess = { port?: number; host?: string; token?: string };

export function isMetricsRequest(request: IncomingMessage): boolean {
  return new URL(request.url ?? '/', 'http://localhost').pathname === METRICS_PATH;
}

function sendJsonError(response: ServerResponse, status: number, body: HttpErrorBody, headers: Record<string, string> = {}): void {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers });
  response.end(JSON.stringify(body));
}

async function sendMetrics(request: IncomingMessage, response: ServerResponse, metrics: ServerMetrics): Promise<void> {
  if (request.method !== 'GET') {
    return sendJsonError(response, 405, { error: { code: 'method_not_allowed', message: `${request.method} is not allowed on ${METRICS_PATH}.` } }, { allow: 'GET' });
  }
  const text = await metrics.registry.metrics();
  response.writeHead(200, { 'content-type': metrics.registry.contentType, 'cache-control': 'no-store' });
  response.end(text);
}

/** `/metrics` on the main port: only with `Authorization: Bearer <METRICS_TOKEN>`, compared in constant time. */
export async function sendMetricsWithToken(request: IncomingMessage, response: ServerResponse, metrics: ServerMetrics, token: string): Promise<void> {
  if (!secretsMatch(bearerKeyOf(request.headers.authorization), token)) {
    const body: HttpErrorBody = { error: { code: 'unauthorized', message: 'The metrics need the bearer token set as METRICS_TOKEN.' } };
    return sendJsonError(response, 401, body, { 'www-authenticate': 'Bearer' });
  }
  await sendMetrics(request, response, metrics);
}

/** A listener of its own (METRICS_PORT on METRICS_HOST) that answers `/metrics` to anyone who reaches it. */
export async function listenForMetrics(port: number, host: string, metrics: ServerMetrics): Promise<{ server: Server; url: string }> {
  const server = createServer((request, response) => {
    if (!isMetricsRequest(request)) return sendJsonError(response, 404, { error: { code: 'not_found', message: `Only ${METRICS_PATH} is served here.` } });
    sendMetrics(request, response, metrics).catch(() => {
      if (!response.headersSent) response.writeHead(500);
      response.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ port, host }, resolve);
  });
  const address = server.address() as AddressInfo;
  const hostname = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return { server, url: `http://${hostname}:${address.port}${METRICS_PATH}` };
}
