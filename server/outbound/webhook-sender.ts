import { refusalOfAddress } from './address-policy';
import { nextAttemptDelay, signatureOf, type BackoffOptions } from '../domain/webhooks';
import type { Database } from '../persistence/database';
import { lastLineOf, silentLogger, type Logger } from '../observability/logger';
import { claimDueDeliveries, recordAttempt, type AttemptOutcome, type ClaimedDelivery } from '../persistence/webhooks.repository';

export type WebhookSenderOptions = {
  /** How often the queue is read when nothing pokes the sender. */
  pollMs?: number;
  /** How long a claimed delivery is this node's; longer than a send can take, so no other node sends it meanwhile. */
  leaseMs?: number;
  timeoutMs?: number;
  maxResponseBytes?: number;
  /** Deliveries sent at once. */
  concurrency?: number;
  backoff?: BackoffOptions;
  fetch?: typeof fetch;
  /** Send to loopback and private addresses too (ROUNDTABLE_ALLOW_PRIVATE_NETWORK; tests' receivers are on 127.0.0.1). */
  allowPrivateNetwork?: boolean;
  logger?: Logger;
};

const EXCERPT_LENGTH = 200;

type Response = Awaited<ReturnType<typeof fetch>>;

/** At most `maxBytes` of the response body; the rest is never read (the stream is cancelled). */
async function readBounded(response: Response, maxBytes: number): Promise<string> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    while (size < maxBytes) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value.subarray(0, maxBytes - size));
      size += value.byteLength;
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function excerptOf(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > EXCERPT_LENGTH ? `${line.slice(0, EXCERPT_LENGTH)}…` : line;
}

/** Why a request failed, without the URL (a hook URL often carries its own secret in the path). */
function describeError(error: unknown, timeoutMs: number, url: string): string {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) return `No answer within ${timeoutMs / 1000} s`;
  const cause = error instanceof Error ? error.cause : undefined;
  const code = typeof cause === 'object' && cause !== null && 'code' in cause && typeof cause.code === 'string' ? cause.code : null;
  if (code) return `Could not reach the receiver (${code})`;
  const message = error instanceof Error ? error.message : String(error);
  return message.split(url).join(originOf(url));
}

/** Where a hook goes, for the log: the origin only, as Slack- and Discord-style URLs hold a token in the path. */
function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return 'an invalid URL';
  }
}

/**
 * Sends queued webhook deliveries: claims the due ones under a lease (so several nodes share the queue and a
 * crashed node's claims expire), POSTs each signed body to its URL, and records the outcome, retrying with
 * backoff until the retry window is used up. Receivers drop duplicates by the delivery id header.
 */
export class WebhookSender {
  private readonly pollMs: number;
  private readonly leaseMs: number;
  private readonly timeoutMs: number;
  private readonly maxResponseBytes: number;
  private readonly concurrency: number;
  private readonly backoff: BackoffOptions;
  private readonly fetch: typeof fetch;
  private readonly allowPrivateNetwork: boolean;
  private isRunning = false;
  private timer: NodeJS.Timeout | null = null;
  private tick: Promise<void> | null = null;
  private isPoked = false;
  private readonly logger: Logger;

  constructor(
    private readonly database: Database,
    options: WebhookSenderOptions = {},
  ) {
    this.pollMs = options.pollMs ?? 1000;
    this.leaseMs = options.leaseMs ?? 60_000;
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.maxResponseBytes = options.maxResponseBytes ?? 64 * 1024;
    this.concurrency = options.concurrency ?? 4;
    this.backoff = options.backoff ?? {};
    this.fetch = options.fetch ?? fetch;
    this.allowPrivateNetwork = options.allowPrivateNetwork ?? false;
    this.logger = options.logger ?? silentLogger;
  }

  start(): void {
    if (this.isRunning) return;
    this.isRunning = true;
    this.schedule(0);
  }

  /** Reads the queue soon, e.g. right after an event was queued. */
  poke(): void {
    if (!this.isRunning) return;
    if (this.tick) this.isPoked = true;
    else this.schedule(0);
  }

  /** Stops reading the queue and waits for the sends in flight to be recorded. */
  async stop(): Promise<void> {
    this.isRunning = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.tick;
  }

  private schedule(delayMs: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.tick = this.runOnce().finally(() => {
        this.tick = null;
      });
    }, delayMs);
    this.timer.unref();
  }

  private async runOnce(): Promise<void> {
    let isFull = false;
    try {
      const due = await claimDueDeliveries(this.database, new Date(), this.leaseMs, this.concurrency);
      isFull = due.length === this.concurrency;
      await Promise.all(due.map((delivery) => this.deliver(delivery)));
    } catch (error) {
      this.logger.warn({ reason: lastLineOf(error) }, 'webhooks: reading the queue failed');
    }
    if (!this.isRunning) return;
    const isAgain = isFull || this.isPoked;
    this.isPoked = false;
    this.schedule(isAgain ? 0 : this.pollMs);
  }

  private async deliver(delivery: ClaimedDelivery): Promise<void> {
    try {
      await recordAttempt(this.database, delivery.id, await this.attempt(delivery));
    } catch (error) {
      // The lease runs out and another attempt follows.
      this.logger.warn({ deliveryId: delivery.id, reason: lastLineOf(error) }, 'webhooks: recording a delivery failed');
    }
  }

  private async attempt(delivery: ClaimedDelivery): Promise<AttemptOutcome> {
    let responseStatus: number | null = null;
    let error: string;
    // Checked at every attempt: a name that resolved to a public address when saved may not any more.
    const refusal = await refusalOfAddress(delivery.url, this.allowPrivateNetwork);
    if (refusal) return { kind: 'failed', responseStatus, error: refusal, at: new Date() };
    try {
      const response = await this.fetch(delivery.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'Roundtable-Webhooks',
          'x-roundtable-event': delivery.event,
          'x-roundtable-delivery': delivery.id,
          'x-roundtable-signature': signatureOf(delivery.secret, delivery.body),
        },
        body: delivery.body,
        redirect: 'manual',
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      responseStatus = response.status;
      const text = await readBounded(response, this.maxResponseBytes);
      if (response.status >= 200 && response.status < 300) return { kind: 'delivered', responseStatus, at: new Date() };
      error = response.status >= 300 && response.status < 400 ? `HTTP ${response.status}: redirects are not followed` : `HTTP ${response.status}: ${excerptOf(text)}`;
    } catch (caught) {
      error = describeError(caught, this.timeoutMs, delivery.url);
    }
    const attempts = delivery.attempts + 1;
    this.logger.warn({ deliveryId: delivery.id, event: delivery.event, origin: originOf(delivery.url), attempts, reason: error }, 'webhooks: delivery failed');
    const now = new Date();
    const delay = nextAttemptDelay(attempts, { ...this.backoff, elapsedMs: now.getTime() - delivery.createdAt.getTime() });
    if (delay === null) return { kind: 'failed', responseStatus, error, at: now };
    return { kind: 'retry', responseStatus, error, nextAttemptAt: new Date(now.getTime() + delay) };
  }
}
