'use client';

import { useState } from 'react';
import { Panel } from '../ui/panel';

function CopyRow({ label, description, url, testId }: { label: string; description: string; url: string; testId: string }) {
  const [isCopied, setCopied] = useState(false);
  async function copy() {
    try {
      await navigator.clipboard.writeText(url);
      setCopied(true);
      setTimeout(() => setCopied(false), 2000);
    } catch {
      setCopied(false);
    }
  }
  return (
    <div>
      <div className="flex items-baseline justify-between gap-2">
        <p className="text-sm font-semibold">{label}</p>
        <button type="button" onClick={copy} className="rounded px-2 text-xs font-semibold text-indigo-700 hover:bg-indigo-50">
          {isCopied ? 'Copied' : 'Copy'}
        </button>
      </div>
      <p className="text-xs text-slate-500">{description}</p>
      <input
        readOnly
        value={url}
        data-testid={testId}
        aria-label={`${label} URL`}
        onFocus={(event) => event.currentTarget.select()}
        className="mt-1 w-full truncate rounded-md bg-slate-50 px-2 py-1 font-mono text-xs text-slate-700 ring-1 ring-slate-200"
      />
    </div>
  );
}

export function ShareLinks({ slug, keys }: { slug: string; keys: { host: string; scribe: string } }) {
  const base = `${window.location.origin}/c/${slug}`;
  return (
    <Panel title="Links for this call">
      <div className="space-y-4">
        <CopyRow label="Public link" description="Share with everyone: attendees check in here." url={base} testId="public-link" />
        <CopyRow label="Scribe link (secret)" description="For the people taking minutes." url={`${base}#key=${keys.scribe}`} testId="scribe-link" />
        <CopyRow label="Host link (secret)" description="Gives full control. Keep it to co-hosts." url={`${base}#key=${keys.host}`} testId="host-link" />
      </div>
    </Panel>
  );
}
