'use client';

import { useState } from 'react';
import type { MinutesSnapshotSummary } from '@/lib/protocol';
import type { CallStore } from '../client/call-store';
import * as minutes from '../client/minutes.commands';
import { useCommand } from '../client/use-command';
import { Button } from '../ui/button';
import { ErrorMessage } from '../ui/panel';

const formatTime = (iso: string) => new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' }).format(new Date(iso));

/** The host's list of earlier versions of the minutes, with a preview and a restore that is itself a new change. */
export function MinutesHistory({ store }: { store: CallStore }) {
  const [snapshots, setSnapshots] = useState<MinutesSnapshotSummary[] | null>(null);
  const [preview, setPreview] = useState<{ id: number; createdAt: string; text: string } | null>(null);
  const { error, run } = useCommand();
  const [notice, setNotice] = useState<string | null>(null);

  async function load() {
    const response = await run(() => minutes.history(store));
    if (response.ok) setSnapshots(response.data.snapshots);
  }

  async function show(snapshotId: number) {
    const response = await run(() => minutes.showSnapshot(store, snapshotId));
    if (response.ok) setPreview(response.data);
  }

  async function restore(snapshotId: number, createdAt: string) {
    const response = await run(() => minutes.restoreSnapshot(store, snapshotId));
    if (response.ok) {
      setNotice(`Restored the minutes as of ${formatTime(createdAt)}. The version before is kept in the history.`);
      setPreview(null);
      await load();
    }
  }

  return (
    <details className="mt-4 rounded-lg ring-1 ring-slate-200" onToggle={(event) => event.currentTarget.open && void load()}>
      <summary className="cursor-pointer px-3 py-2 text-sm font-semibold text-slate-700">History</summary>
      <div className="space-y-3 px-3 pb-3">
        <ErrorMessage message={error} />
        {notice ? (
          <p role="status" className="text-sm text-emerald-800">
            {notice}
          </p>
        ) : null}
        {snapshots && snapshots.length === 0 ? <p className="text-sm text-slate-500">No saved versions yet. One is kept every few minutes of editing.</p> : null}
        <ul className="divide-y divide-slate-100" aria-label="Saved versions of the minutes">
          {snapshots?.map((snapshot) => (
            <li key={snapshot.id} className="flex flex-wrap items-center justify-between gap-2 py-2 text-sm">
              <time dateTime={snapshot.createdAt}>{formatTime(snapshot.createdAt)}</time>
              <span className="flex gap-2">
                <Button variant="ghost" onClick={() => void show(snapshot.id)} aria-label={`Preview the minutes as of ${formatTime(snapshot.createdAt)}`}>
                  Preview
                </Button>
                <Button variant="secondary" onClick={() => void restore(snapshot.id, snapshot.createdAt)} aria-label={`Restore the minutes as of ${formatTime(snapshot.createdAt)}`}>
                  Restore
                </Button>
              </span>
            </li>
          ))}
        </ul>
        {preview ? (
          <figure>
            <figcaption className="text-xs text-slate-500">As of {formatTime(preview.createdAt)}</figcaption>
            <pre className="mt-1 max-h-64 overflow-auto rounded bg-slate-50 p-2 text-xs whitespace-pre-wrap" data-testid="minutes-preview">
              {preview.text || '(empty)'}
            </pre>
          </figure>
        ) : null}
      </div>
    </details>
  );
}
