import { DELIVERY_STATUSES, WEBHOOK_EVENTS, type PublicWebhook, type WebhookDelivery, type WebhookEvent } from '@/lib/protocol';
import { createId, createSecretKey } from '../domain/secrets';
import type { Database, Transaction } from './database';

/** What the sender needs of a delivery it claimed. */
export type ClaimedDelivery = { id: string; url: string; secret: string; event: WebhookEvent; body: string; attempts: number; createdAt: Date };

/** How an attempt went: each counts as one attempt and releases the lease. */
export type AttemptOutcome =
  | { kind: 'delivered'; responseStatus: number; at: Date }
  | { kind: 'retry'; nextAttemptAt: Date; responseStatus: number | null; error: string }
  | { kind: 'failed'; responseStatus: number | null; error: string; at: Date };

const MAX_ERROR_LENGTH = 500;

function oneOf<Value extends string>(values: readonly Value[], value: string, what: string): Value {
  const known = values.find((candidate) => candidate === value);
  if (!known) throw new Error(`Unknown webhook delivery ${what} in database: ${value}`);
  return known;
}

/** The series' webhooks become exactly `urls`: a URL kept keeps its secret and deliveries, a removed one loses them. */
export async function replaceWebhooks(database: Database, seriesId: string, urls: string[]): Promise<void> {
  const wanted = [...new Set(urls)];
  await database.$transaction(async (transaction) => {
    await transaction.webhook.deleteMany({ where: { seriesId, url: { notIn: wanted } } });
    const kept = await transaction.webhook.findMany({ where: { seriesId }, select: { url: true } });
    const known = new Set(kept.map((row) => row.url));
    const added = wanted.filter((url) => !known.has(url)).map((url) => ({ id: createId(), seriesId, url, secret: createSecretKey() }));
    if (added.length > 0) await transaction.webhook.createMany({ data: added });
  });
}

const deliveryFields = {
  id: true,
  event: true,
  status: true,
  attempts: true,
  responseStatus: true,
  lastError: true,
  createdAt: true,
  finishedAt: true,
  nextAttemptAt: true,
} as const;

type DeliveryRow = {
  id: string;
  event: string;
  status: string;
  attempts: number;
  responseStatus: number | null;
  lastError: string;
  createdAt: Date;
  finishedAt: Date | null;
  nextAttemptAt: Date;
};

function toDelivery(row: DeliveryRow): WebhookDelivery {
  const status = oneOf(DELIVERY_STATUSES, row.status, 'status');
  return {
    ...row,
    event: oneOf(WEBHOOK_EVENTS, row.event, 'event'),
    status,
    createdAt: row.createdAt.toISOString(),
    finishedAt: row.finishedAt?.toISOString() ?? null,
    nextAttemptAt: status === 'pending' ? row.nextAttemptAt.toISOString() : null,
  };
}

/** The series' webhooks in the order they were added, each with its latest deliveries, newest first. */
export async function listWebhooks(database: Database, seriesId: string, deliveriesPerHook = 10): Promise<PublicWebhook[]> {
  const rows = await database.webhook.findMany({
    where: { seriesId },
    orderBy: [{ createdAt: 'asc' }, { url: 'asc' }],
    select: {
      id: true,
      url: true,
      secret: true,
      deliveries: { orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], take: deliveriesPerHook, select: deliveryFields },
    },
  });
  return rows.map((row) => ({ ...row, deliveries: row.deliveries.map(toDelivery) }));
}

/**
 * Queues `event` for every webhook of the series, due now; returns how many deliveries were queued. Takes a
 * transaction so the event is queued with the change that caused it, or not at all.
 */
export async function enqueueWebhookEvent(
  database: Database | Transaction,
  seriesId: string,
  event: WebhookEvent,
  body: string,
  now = new Date(),
): Promise<number> {
  const hooks = await database.webhook.findMany({ where: { seriesId }, select: { id: true } });
  if (hooks.length === 0) return 0;
  const result = await database.webhookDelivery.createMany({
    data: hooks.map((hook) => ({ id: createId(), webhookId: hook.id, event, body, status: 'pending', nextAttemptAt: now, createdAt: now })),
  });
  return result.count;
}

const isClaimable = (now: Date) => ({ status: 'pending', nextAttemptAt: { lte: now }, OR: [{ leaseUntil: null }, { leaseUntil: { lte: now } }] });

/**
 * Claims up to `limit` due deliveries for `leaseMs`: no other node claims them until the lease expires. Each row
 * is taken by a conditional update, so of several nodes claiming at once exactly one gets it.
 */
export async function claimDueDeliveries(database: Database, now: Date, leaseMs: number, limit: number): Promise<ClaimedDelivery[]> {
  const candidates = await database.webhookDelivery.findMany({
    where: isClaimable(now),
    orderBy: [{ nextAttemptAt: 'asc' }, { id: 'asc' }],
    take: limit,
    select: { id: true },
  });
  const leaseUntil = new Date(now.getTime() + leaseMs);
  const claimed: string[] = [];
  for (const { id } of candidates) {
    const result = await database.webhookDelivery.updateMany({ where: { id, ...isClaimable(now) }, data: { leaseUntil } });
    if (result.count === 1) claimed.push(id);
  }
  if (claimed.length === 0) return [];
  const rows = await database.webhookDelivery.findMany({
    where: { id: { in: claimed } },
    orderBy: [{ nextAttemptAt: 'asc' }, { id: 'asc' }],
    select: { id: true, event: true, body: true, attempts: true, createdAt: true, webhook: { select: { url: true, secret: true } } },
  });
  return rows.map(({ webhook, event, ...row }) => ({ ...row, ...webhook, event: oneOf(WEBHOOK_EVENTS, event, 'event') }));
}

/** Stores how an attempt went; a delivery already finished (by a node whose lease had run out) stays as it is. */
export async function recordAttempt(database: Database, id: string, outcome: AttemptOutcome): Promise<void> {
  const common = { attempts: { increment: 1 }, leaseUntil: null, responseStatus: outcome.responseStatus };
  const data =
    outcome.kind === 'delivered'
      ? { ...common, status: 'delivered', lastError: '', finishedAt: outcome.at }
      : outcome.kind === 'retry'
        ? { ...common, nextAttemptAt: outcome.nextAttemptAt, lastError: outcome.error.slice(0, MAX_ERROR_LENGTH) }
        : { ...common, status: 'failed', lastError: outcome.error.slice(0, MAX_ERROR_LENGTH), finishedAt: outcome.at };
  await database.webhookDelivery.updateMany({ where: { id, status: 'pending' }, data });
}
