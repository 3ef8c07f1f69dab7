import { createHmac } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createCallSchema, type WebhookDelivery, type WebhookEvent } from '@/lib/protocol';
import { buildNewCall } from '../domain/call-factory';
import { createId } from '../domain/secrets';
import { webhookBody } from '../domain/webhooks';
import { insertCall } from '../persistence/calls.repository';
import { openDatabase, type Database } from '../persistence/database';
import { applyMigrations } from '../persistence/migrator';
import { ensureSeries } from '../persistence/schedule.repository';
import { enqueueWebhookEvent, listWebhooks, replaceWebhooks } from '../persistence/webhooks.repository';
import { WebhookSender, type WebhookSenderOptions } from './webhook-sender';

type Received = { path: string; headers: IncomingMessage['headers']; body: string };
type Handler = (request: Received, response: ServerResponse) => void;

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A webhook receiver on 127.0.0.1 that records every request and answers as `handle` says (200 by default). */
async function startReceiver() {
  const received: Received[] = [];
  const receiver = { received, handle: ((_, response) => response.end('ok')) as Handler, url: '' };
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const entry = { path: request.url ?? '', headers: request.headers, body: Buffer.concat(chunks).toString('utf8') };
      received.push(entry);
      receiver.handle(entry, response);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  cleanups.push(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
  return receiver;
}

/** A migrated SQLite file; `open` gives another client on it, as a restarted node or a second node has. */
async function createDatabase() {
  const directory = await mkdtemp(path.join(tmpdir(), 'roundtable-webhooks-'));
  const url = `file:${path.join(directory, 'webhooks.db')}`;
  await applyMigrations(url);
  const clients: Database[] = [];
  const open = async () => {
    const database = await openDatabase(url);
    clients.push(database);
    return database;
  };
  cleanups.push(async () => {
    for (const client of clients) await client.$disconnect();
    await rm(directory, { recursive: true, force: true });
  });
  return { open, database: await open() };
}

async function newSeries(database: Database, urls: string[]): Promise<string> {
  const call = buildNewCall(createCallSchema.parse({ title: 'Webhook call', timezone: 'UTC', sections: [] }));
  await insertCall(database, call);
  const seriesId = await ensureSeries(database, call.id, 'Webhook series', createId);
  await replaceWebhooks(database, seriesId, urls);
  return seriesId;
}

const callBody = (event: WebhookEvent) =>
  webhookBody(event, {
    call: { slug: 'abc123', title: 'Community call', url: 'https://calls.example.org/c/abc123', startsAt: '2026-12-10T17:00:00.000Z', timezone: 'UTC', status: 'scheduled' },
    seriesTitle: 'Webhook series',
    at: new Date(),
  });

function startSender(database: Database, options: WebhookSenderOptions = {}): WebhookSender {
  const sender = new WebhookSender(database, { pollMs: 10, allowPrivateNetwork: true, backoff: { delaysMs: [20], windowMs: 60_000 }, ...options });
  sender.start();
  cleanups.push(() => sender.stop());
  return sender;
}

async function waitFor<Value>(read: () => Promise<Value>, isDone: (value: Value) => boolean, timeoutMs = 10_000): Promise<Value> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (isDone(value)) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting; last value: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const deliveriesOf = async (database: Database, seriesId: string): Promise<WebhookDelivery[]> =>
  (await listWebhooks(database, seriesId, 1000)).flatMap((hook) => hook.deliveries);
const allDone = (deliveries: WebhookDelivery[]) => deliveries.length > 0 && deliveries.every((delivery) => delivery.status !== 'pending');
const countBy = (values: string[]) => values.reduce((counts, value) => counts.set(value, (counts.get(value) ?? 0) + 1), new Map<string, number>());

describe('WebhookSender', () => {
  it('POSTs the body signed with the webhook’s secret, with the event and delivery id headers', async () => {
    const receiver = await startReceiver();
    const { database } = await createDatabase();
    const seriesId = await newSeries(database, [`${receiver.url}/hooks/roundtable?key=abc`]);
    const body = callBody('call.scheduled');
    await enqueueWebhookEvent(database, seriesId, 'call.scheduled', body);
    startSender(database, { pollMs: 60_000 }).poke();

    const [delivery] = await waitFor(() => deliveriesOf(database, seriesId), allDone);
    expect(delivery).toMatchObject({ status: 'delivered', attempts: 1, responseStatus: 200, lastError: '', nextAttemptAt: null });
    const [hook] = await listWebhooks(database, seriesId);
    const [request] = receiver.received;
    expect(receiver.received).toHaveLength(1);
    expect(request!.path).toBe('/hooks/roundtable?key=abc');
    expect(request!.body).toBe(body);
    expect(request!.headers).toMatchObject({
      'content-type': 'application/json',
      'user-agent': 'Roundtable-Webhooks',
      'x-roundtable-event': 'call.scheduled',
      'x-roundtable-delivery': delivery!.id,
    });
    const expected = `sha256=${createHmac('sha256', hook!.secret).update(request!.body).digest('hex')}`;
    expect(request!.headers['x-roundtable-signature']).toBe(expected);
    expect(JSON.parse(request!.body)).toMatchObject({ event: 'call.scheduled', text: expect.stringContaining('is scheduled: https://calls.example.org/c/abc123') });
  });

  it('retries a failing receiver with backoff and records the delivery on the third attempt', async () => {
    const receiver = await startReceiver();
    receiver.handle = (_, response) => {
      if (receiver.received.length <= 2) response.writeHead(500).end('database down\n  try later');
      else response.writeHead(204).end();
    };
    const { database } = await createDatabase();
    const seriesId = await newSeries(database, [`${receiver.url}/hook`]);
    await enqueueWebhookEvent(database, seriesId, 'call.started', callBody('call.started'));
    startSender(database);

    const [delivery] = await waitFor(() => deliveriesOf(database, seriesId), allDone);
    expect(delivery).toMatchObject({ status: 'delivered', attempts: 3, responseStatus: 204, lastError: '' });
    expect(receiver.received.map((request) => request.headers['x-roundtable-delivery'])).toEqual([delivery!.id, delivery!.id, delivery!.id]);
  });

  it('records a receiver that keeps failing, with an excerpt of its answer, and gives up after the retry window', async () => {
    const receiver = await startReceiver();
    receiver.handle = (_, response) => response.writeHead(500).end(`Internal error ${'x'.repeat(1000)}`);
    const { database } = await createDatabase();
    const seriesId = await newSeries(database, [`${receiver.url}/hook`]);
    await enqueueWebhookEvent(database, seriesId, 'call.ended', callBody('call.ended'));
    startSender(database, { backoff: { delaysMs: [20], windowMs: 500 } });

    const [delivery] = await waitFor(() => deliveriesOf(database, seriesId), allDone);
    expect(delivery).toMatchObject({ status: 'failed', responseStatus: 500, nextAttemptAt: null, finishedAt: expect.any(String) });
    expect(delivery!.attempts).toBeGreaterThanOrEqual(2);
    expect(delivery!.attempts).toBe(receiver.received.length);
    expect(delivery!.lastError).toMatch(/^HTTP 500: Internal error x+…$/);
    expect(delivery!.lastError.length).toBeLessThan(220);
  });

  it('gives up on a receiver that never answers after the timeout, and tries again', async () => {
    const receiver = await startReceiver();
    receiver.handle = () => undefined;
    const { database } = await createDatabase();
    const seriesId = await newSeries(database, [`${receiver.url}/hook`]);
    await enqueueWebhookEvent(database, seriesId, 'call.started', callBody('call.started'));
    const started = Date.now();
    startSender(database, { timeoutMs: 200 });

    const [delivery] = await waitFor(
      () => deliveriesOf(database, seriesId),
      ([first]) => (first?.attempts ?? 0) >= 2,
    );
    expect(Date.now() - started).toBeGreaterThanOrEqual(400);
    expect(delivery).toMatchObject({ status: 'pending', responseStatus: null, lastError: 'No answer within 0.2 s' });
    expect(receiver.received.length).toBeGreaterThanOrEqual(2);
  });

  it('reads no more of an endless answer than the bound, and follows no redirect', async () => {
    const receiver = await startReceiver();
    let written = 0;
    let isClosed = false;
    receiver.handle = (request, response) => {
      if (request.path === '/redirect') return void response.writeHead(302, { location: `${receiver.url}/elsewhere` }).end();
      response.writeHead(500, { 'content-type': 'text/plain' });
      response.on('close', () => (isClosed = true));
      const chunk = Buffer.alloc(64 * 1024, 'y');
      const pump = () => {
        while (!isClosed && written < 256 * 1024 * 1024) {
          written += chunk.length;
          if (!response.write(chunk)) return void response.once('drain', pump);
        }
      };
      pump();
    };
    const { database } = await createDatabase();
    const seriesId = await newSeries(database, [`${receiver.url}/endless`, `${receiver.url}/redirect`]);
    await enqueueWebhookEvent(database, seriesId, 'record.published', callBody('record.published'));
    startSender(database, { maxResponseBytes: 1024, backoff: { delaysMs: [60_000], windowMs: 120_000 } });

    const deliveries = await waitFor(
      () => listWebhooks(database, seriesId),
      (hooks) => hooks.every((hook) => hook.deliveries[0]?.attempts === 1),
    );
    const byPath = new Map(deliveries.map((hook) => [new URL(hook.url).pathname, hook.deliveries[0]!]));
    expect(byPath.get('/endless')).toMatchObject({ status: 'pending', responseStatus: 500, lastError: `HTTP 500: ${'y'.repeat(200)}…` });
    expect(byPath.get('/redirect')).toMatchObject({ status: 'pending', responseStatus: 302, lastError: 'HTTP 302: redirects are not followed' });
    await waitFor(async () => isClosed, Boolean);
    expect(written).toBeLessThan(16 * 1024 * 1024);
    expect(receiver.received.map((request) => request.path).sort()).toEqual(['/endless', '/redirect']);
  });

  it('delivers what was queued before a restart exactly once, from a new sender on the same database', async () => {
    const receiver = await startReceiver();
    let isUp = false;
    const accepted: string[] = [];
    receiver.handle = (request, response) => {
      if (!isUp) return void response.writeHead(503).end('starting');
      accepted.push(String(request.headers['x-roundtable-delivery']));
      response.end('ok');
    };
    const { database, open } = await createDatabase();
    const seriesId = await newSeries(database, [`${receiver.url}/hook`]);
    await enqueueWebhookEvent(database, seriesId, 'call.scheduled', callBody('call.scheduled'));
    const first = startSender(database);
    await waitFor(
      () => deliveriesOf(database, seriesId),
      ([delivery]) => (delivery?.attempts ?? 0) >= 1,
    );
    await first.stop();
    await database.$disconnect();

    // Queued while no sender runs.
    const restarted = await open();
    await enqueueWebhookEvent(restarted, seriesId, 'call.started', callBody('call.started'));
    isUp = true;
    startSender(restarted);
    const deliveries = await waitFor(() => deliveriesOf(restarted, seriesId), allDone);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(deliveries.map((delivery) => delivery.status)).toEqual(['delivered', 'delivered']);
    expect(accepted.sort()).toEqual(deliveries.map((delivery) => delivery.id).sort());
  });

  it('delivers each event once when two senders share the database', async () => {
    const receiver = await startReceiver();
    const { database, open } = await createDatabase();
    const seriesId = await newSeries(database, [`${receiver.url}/one`, `${receiver.url}/two`]);
    for (let index = 0; index < 10; index += 1) await enqueueWebhookEvent(database, seriesId, 'call.started', callBody('call.started'));
    startSender(database);
    startSender(await open());

    const deliveries = await waitFor(() => deliveriesOf(database, seriesId), allDone);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(deliveries).toHaveLength(20);
    expect(deliveries.every((delivery) => delivery.status === 'delivered' && delivery.attempts === 1)).toBe(true);
    const counts = countBy(receiver.received.map((request) => String(request.headers['x-roundtable-delivery'])));
    expect([...counts.keys()].sort()).toEqual(deliveries.map((delivery) => delivery.id).sort());
    expect([...counts.values()].every((count) => count === 1)).toBe(true);
  });
});
