import { createHmac } from 'node:crypto';
import type { WebhookEvent } from '@/lib/protocol';
import { utcToZonedLocal } from '@/lib/time';

/**
 * Webhook rules (issue 14), pure: what a series' webhook receives for each event, how it is signed, and when a
 * failed delivery is tried again.
 */
export type WebhookCall = { slug: string; title: string; url: string; startsAt: string | null; timezone: string; status: string };

export type WebhookPublication = { commit: string; branch: string; path: string; compareUrl: string | null };

export type WebhookBodyInput = { call: WebhookCall; seriesTitle: string; publication?: WebhookPublication; at: Date };

/** When the call is, in its own timezone and named by it: `2026-12-10 18:00 Europe/Berlin`. */
function whenOf(call: WebhookCall): string {
  if (!call.startsAt) return 'date to be announced';
  return `${utcToZonedLocal(new Date(call.startsAt), call.timezone).replace('T', ' ')} ${call.timezone}`;
}

/** One readable line, for Slack-, Discord- and Matrix-hook bridges that show a `text` field. */
function textOf(event: WebhookEvent, input: WebhookBodyInput): string {
  const { call, publication } = input;
  const name = `${call.title} (${whenOf(call)})`;
  switch (event) {
    case 'call.scheduled':
      return `${name} is scheduled: ${call.url}`;
    case 'call.started':
      return `${name} has started: ${call.url}`;
    case 'call.ended':
      return `${name} has ended: ${call.url}`;
    case 'record.published': {
      if (!publication) return `The record of ${name} was published: ${call.url}`;
      const where = publication.compareUrl ?? `commit ${publication.commit.slice(0, 12)} on ${publication.branch}`;
      return `The record of ${name} was published to ${publication.path}: ${where}`;
    }
  }
}

/** The JSON a webhook receives for `event`. */
export function webhookBody(event: WebhookEvent, input: WebhookBodyInput): string {
  const { call, seriesTitle, publication, at } = input;
  return JSON.stringify({
    event,
    text: textOf(event, input),
    occurredAt: at.toISOString(),
    series: { title: seriesTitle },
    call: { slug: call.slug, title: call.title, url: call.url, startsAt: call.startsAt, timezone: call.timezone, status: call.status },
    ...(publication ? { publication } : {}),
  });
}

/** The `X-Roundtable-Signature` header: `sha256=` and the hex HMAC-SHA256 of the body under the webhook's secret. */
export function signatureOf(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body, 'utf8').digest('hex')}`;
}

export type BackoffOptions = {
  /** The wait after the 1st, 2nd, … failed attempt; the last one repeats. */
  delaysMs?: readonly number[];
  /** How long after the event was queued a delivery is still tried. */
  windowMs?: number;
};

export const DEFAULT_DELAYS_MS = [10_000, 30_000, 60_000, 5 * 60_000, 15 * 60_000, 60 * 60_000] as const;
export const DEFAULT_RETRY_WINDOW_MS = 24 * 60 * 60_000;

/**
 * How long to wait before trying again after `attempts` failed attempts, or null to give up: when the next
 * attempt would fall outside the retry window, counted from when the event was queued (`elapsedMs` ago).
 */
export function nextAttemptDelay(attempts: number, options: BackoffOptions & { elapsedMs?: number } = {}): number | null {
  const { delaysMs = DEFAULT_DELAYS_MS, windowMs = DEFAULT_RETRY_WINDOW_MS, elapsedMs = 0 } = options;
  if (delaysMs.length === 0) return null;
  const delay = delaysMs[Math.min(Math.max(attempts, 1), delaysMs.length) - 1]!;
  return elapsedMs + delay > windowMs ? null : delay;
}
