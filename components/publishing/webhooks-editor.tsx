'use client';

import { useId, useState, type FormEvent } from 'react';
import { webhookUrlSchema, type PublicWebhook, type PublishingSettings } from '@/lib/protocol';
import { describeError, updatePublishing } from '../client/http';
import { Button } from '../ui/button';
import { ErrorMessage, Panel } from '../ui/panel';
import { WebhookDetails } from './webhook-details';

type Props = {
  slug: string;
  hostKey: string;
  webhooks: PublicWebhook[];
  onSaved: (settings: PublishingSettings) => void;
  onRefresh: () => void;
};

/**
 * Host only: the URLs the series announces its calls to (scheduled, started, ended, record published). A URL
 * kept keeps its signing secret; the list is saved as a whole.
 */
export function WebhooksEditor({ slug, hostKey, webhooks, onSaved, onRefresh }: Props) {
  const [drafts, setDrafts] = useState<string[]>(() => webhooks.map((hook) => hook.url));
  const [newUrl, setNewUrl] = useState('');
  const [urlError, setUrlError] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const [status, setStatus] = useState('');
  const [isBusy, setBusy] = useState(false);
  const ids = useId();
  const savedByUrl = new Map(webhooks.map((hook) => [hook.url, hook]));
  const isChanged = newUrl.trim() !== '' || drafts.length !== webhooks.length || drafts.some((url, index) => url !== webhooks[index]?.url);

  /** The URL in the field, checked, or null with the problem shown beside it. */
  function checkedNewUrl(): string | null {
    const parsed = webhookUrlSchema.safeParse(newUrl.trim());
    if (!parsed.success) {
      setUrlError(parsed.error.issues[0]?.message ?? 'Not a usable URL');
      document.getElementById(`${ids}-url`)?.focus();
      return null;
    }
    if (drafts.includes(parsed.data)) {
      setUrlError('This URL is already in the list.');
      return null;
    }
    setUrlError(null);
    return parsed.data;
  }

  function add() {
    const url = checkedNewUrl();
    if (url === null) return;
    setDrafts([...drafts, url]);
    setNewUrl('');
    setStatus(`Added ${url}. Save to keep it.`);
  }

  async function save(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const pending = newUrl.trim() ? checkedNewUrl() : null;
    if (newUrl.trim() && pending === null) return;
    const urls = [...drafts, ...(pending ? [pending] : [])];
    setBusy(true);
    setFormError(null);
    const result = await updatePublishing(slug, hostKey, { webhooks: urls.map((url) => ({ url })) });
    setBusy(false);
    if (!result.ok) return setFormError(describeError(result.error));
    setNewUrl('');
    setDrafts(result.data.webhooks.map((hook) => hook.url));
    setStatus(urls.length === 0 ? 'Webhooks saved: there are none now.' : `Webhooks saved (${urls.length}).`);
    onSaved(result.data);
  }

  function remove(url: string) {
    setDrafts(drafts.filter((each) => each !== url));
    setStatus(`Removed ${url}. Save to confirm.`);
  }

  return (
    <Panel title="Webhooks">
      <form onSubmit={save} noValidate className="space-y-3" aria-label="Webhooks">
        <p className="text-sm text-slate-600">
          Each POST is signed: <code className="break-all">X-Roundtable-Signature: sha256=HMAC-SHA256(secret, body)</code>
        </p>
        {drafts.length > 0 ? (
          <ul className="space-y-3">
            {drafts.map((url) => {
              const saved = savedByUrl.get(url);
              return (
                <li key={url} className="rounded-lg p-3 ring-1 ring-slate-200">
                  <div className="flex items-start justify-between gap-2">
                    <p className="min-w-0 font-mono text-xs break-all">{url}</p>
                    <Button variant="ghost" className="min-h-9 shrink-0 px-2 py-1" aria-label={`Remove webhook ${url}`} disabled={isBusy} onClick={() => remove(url)}>
                      Remove
                    </Button>
                  </div>
                  {saved ? <WebhookDetails webhook={saved} /> : <p className="mt-1 text-xs text-amber-800">Not saved yet.</p>}
                </li>
              );
            })}
          </ul>
        ) : (
          <p className="text-sm text-slate-500">No webhooks yet.</p>
        )}
        <div>
          <label htmlFor={`${ids}-url`} className="block text-sm font-medium text-slate-700">
            Webhook URL
          </label>
          <div className="mt-1 flex gap-2">
            <input
              id={`${ids}-url`}
              type="url"
              inputMode="url"
              autoComplete="off"
              placeholder="https://example.org/hooks/roundtable"
              aria-invalid={Boolean(urlError)}
              aria-describedby={urlError ? `${ids}-url-error` : undefined}
              className="block w-full min-w-0 rounded-lg border-0 bg-white px-3 py-2 text-sm text-slate-900 ring-1 ring-slate-300 placeholder:text-slate-500 focus:ring-2 focus:ring-indigo-600 aria-[invalid=true]:ring-red-500"
              value={newUrl}
              onChange={(event) => setNewUrl(event.target.value)}
            />
            <Button variant="secondary" className="shrink-0" disabled={isBusy || newUrl.trim() === ''} onClick={add}>
              Add webhook
            </Button>
          </div>
          {urlError ? (
            <p id={`${ids}-url-error`} className="mt-1 text-xs text-red-700">
              {urlError}
            </p>
          ) : null}
        </div>
        <div className="flex flex-wrap gap-2">
          <Button type="submit" disabled={isBusy || !isChanged}>
            Save webhooks
          </Button>
          {webhooks.length > 0 ? (
            <Button variant="ghost" disabled={isBusy} onClick={onRefresh}>
              Refresh deliveries
            </Button>
          ) : null}
        </div>
        <p role="status" className="text-sm text-emerald-800 empty:hidden">
          {status}
        </p>
        <ErrorMessage message={formError} />
      </form>
    </Panel>
  );
}
