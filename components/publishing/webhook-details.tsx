'use client';

import { useId, useState } from 'react';
import type { PublicWebhook, WebhookDelivery } from '@/lib/protocol';
import { Button } from '../ui/button';
import { formatWhen } from './publishing-fields';

const STATUS_STYLES: Record<WebhookDelivery['status'], string> = {
  pending: 'bg-amber-50 text-amber-900 ring-amber-300',
  delivered: 'bg-emerald-50 text-emerald-900 ring-emerald-300',
  failed: 'bg-red-50 text-red-800 ring-red-300',
};

/** A saved webhook's signing secret (hidden until asked) and its latest deliveries. */
export function WebhookDetails({ webhook }: { webhook: PublicWebhook }) {
  const [isShown, setShown] = useState(false);
  const [copyStatus, setCopyStatus] = useState('');
  const secretId = useId();

  async function copy() {
    try {
      await navigator.clipboard.writeText(webhook.secret);
      setCopyStatus('Secret copied.');
    } catch {
      setCopyStatus('Could not copy: show the secret and copy it by hand.');
    }
    setTimeout(() => setCopyStatus(''), 3000);
  }

  return (
    <div className="mt-2 space-y-2 text-sm">
      <div className="flex flex-wrap items-center gap-2">
        <span className="text-slate-600">Signing secret</span>
        <Button variant="ghost" className="min-h-9 px-2 py-1" aria-expanded={isShown} aria-controls={secretId} onClick={() => setShown(!isShown)}>
          {isShown ? 'Hide secret' : 'Show secret'}
        </Button>
        <Button variant="ghost" className="min-h-9 px-2 py-1" aria-label={`Copy the signing secret of ${webhook.url}`} onClick={() => void copy()}>
          Copy
        </Button>
      </div>
      <div id={secretId}>
        {isShown ? (
          <code className="block rounded bg-slate-50 px-2 py-1 text-xs break-all ring-1 ring-slate-200" data-testid="webhook-secret">
            {webhook.secret}
          </code>
        ) : null}
      </div>
      <p role="status" className="text-xs text-slate-600 empty:hidden">
        {copyStatus}
      </p>
      <Deliveries deliveries={webhook.deliveries} />
    </div>
  );
}

function describeOutcome(delivery: WebhookDelivery): string {
  const answer = delivery.responseStatus === null ? delivery.lastError || 'No answer yet' : `HTTP ${delivery.responseStatus}`;
  const error = delivery.responseStatus !== null && delivery.lastError ? ` (${delivery.lastError})` : '';
  const attempts = delivery.attempts > 1 ? `, ${delivery.attempts} attempts` : '';
  const retry = delivery.status === 'pending' && delivery.nextAttemptAt ? `; next try ${formatWhen(delivery.nextAttemptAt)}` : '';
  return `${answer}${error}${attempts}${retry}`;
}

function Deliveries({ deliveries }: { deliveries: WebhookDelivery[] }) {
  if (deliveries.length === 0) return <p className="text-xs text-slate-500">Nothing sent yet.</p>;
  return (
    <div>
      <h3 className="text-xs font-semibold text-slate-600">Latest deliveries</h3>
      <ul className="mt-1 space-y-1.5">
        {deliveries.map((delivery) => {
          const when = delivery.finishedAt ?? delivery.createdAt;
          return (
            <li key={delivery.id} className="text-xs break-words text-slate-700" data-testid="webhook-delivery" data-status={delivery.status}>
              <span className={`mr-1.5 inline-block rounded px-1.5 font-semibold ring-1 ${STATUS_STYLES[delivery.status]}`}>{delivery.status}</span>
              <code>{delivery.event}</code> · {describeOutcome(delivery)} ·{' '}
              <time dateTime={when} className="text-slate-500">
                {formatWhen(when)}
              </time>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
