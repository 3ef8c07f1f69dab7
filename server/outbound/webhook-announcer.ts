import { lastLineOf, type Logger } from '../observability/logger';
import type { WebhookEvent } from '@/lib/protocol';
import { webhookBody, type WebhookPublication } from '../domain/webhooks';
import type { Database } from '../persistence/database';
import { findAnnouncedCall } from '../persistence/publishing.repository';
import { enqueueWebhookEvent } from '../persistence/webhooks.repository';
import type { WebhookSender } from './webhook-sender';

/**
 * Turns what happened to a call into webhook deliveries for its series' URLs, queued in the database and sent
 * by the sender. Announcing never fails the change that caused it: a problem is logged and the call goes on.
 */
export class WebhookAnnouncer {
  constructor(
    private readonly database: Database,
    private readonly sender: Pick<WebhookSender, 'poke'>,
    /** The address calls are reached at (PUBLIC_URL, else the server's own). */
    private readonly baseUrl: () => string,
    private readonly logger: Logger,
  ) {}

  async announce(callId: string, event: WebhookEvent, publication?: WebhookPublication): Promise<void> {
    try {
      const found = await findAnnouncedCall(this.database, callId);
      if (!found) return;
      const { call, series } = found;
      const body = webhookBody(event, { call: { ...call, url: `${this.baseUrl()}/c/${call.slug}` }, seriesTitle: series.title, publication: publication && pick(publication), at: new Date() });
      if ((await enqueueWebhookEvent(this.database, series.id, event, body)) > 0) this.sender.poke();
    } catch (error) {
      this.logger.warn({ event, callId, reason: lastLineOf(error) }, 'webhooks: could not queue an event');
    }
  }
}

/** Only what a receiver is told of a publication, whatever else the caller's object carries. */
function pick({ commit, branch, path, compareUrl }: WebhookPublication): WebhookPublication {
  return { commit, branch, path, compareUrl };
}
