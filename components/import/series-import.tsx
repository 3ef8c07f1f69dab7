'use client';

import { useState, type ChangeEvent, type FormEvent } from 'react';
import { MAX_ARCHIVE_BYTES, type ImportedSeries } from '@/lib/protocol';
import { importSeriesArchive } from '../client/http';
import { hostPathOf } from '../create/call-request';
import { Button } from '../ui/button';
import { Panel } from '../ui/panel';


type State =
  | { status: 'idle' }
  | { status: 'uploading'; share: number }
  | { status: 'processing' }
  | { status: 'failed'; message: string; issues: string[] }
  | { status: 'imported'; series: ImportedSeries };

/** "Move a series here": a .zip that another Roundtable's "Download archive" made becomes a new series on this one. */
export function SeriesImport() {
  const [file, setFile] = useState<File | null>(null);
  const [state, setState] = useState<State>({ status: 'idle' });
  const isBusy = state.status === 'uploading' || state.status === 'processing';

  function choose(event: ChangeEvent<HTMLInputElement>) {
    setFile(event.target.files?.[0] ?? null);
    setState({ status: 'idle' });
  }

  async function importArchive(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!file) return;
    if (file.size > MAX_ARCHIVE_BYTES) {
      setState({ status: 'failed', message: `The file is ${(file.size / 1024 / 1024).toFixed(1)} MB; an archive can be at most ${MAX_ARCHIVE_BYTES / 1024 / 1024} MB.`, issues: [] });
      return;
    }
    setState({ status: 'uploading', share: 0 });
    const result = await importSeriesArchive(file, (share) => setState(share < 1 ? { status: 'uploading', share } : { status: 'processing' }));
    if (result.ok) setState({ status: 'imported', series: result.data });
    else setState({ status: 'failed', message: result.error.message, issues: (result.error.issues ?? []).map((issue) => `${issue.path}: ${issue.message}`) });
  }

  return (
    <Panel title="Move a series from another Roundtable">
      <form onSubmit={(event) => void importArchive(event)}>
        <p className="text-sm text-slate-600">
          Choose the .zip that “Download archive” made on another Roundtable (up to 20 MB). Every call in it becomes a call of a new series here, with new links and keys; the
          old links keep working on the old server.
        </p>
        <label className="mt-3 block text-sm font-medium text-slate-700">
          Roundtable archive (.zip)
          <input type="file" accept=".zip,application/zip" onChange={choose} disabled={isBusy} className="mt-1 block w-full max-w-full text-sm" />
        </label>
        <Button type="submit" className="mt-3" disabled={isBusy || !file}>
          {isBusy ? 'Importing…' : 'Import the series'}
        </Button>
      </form>
      <SeriesImportProgress state={state} />
    </Panel>
  );
}

function SeriesImportProgress({ state }: { state: State }) {
  const percent = state.status === 'uploading' ? Math.round(state.share * 100) : state.status === 'processing' ? 100 : null;
  return (
    <div className="mt-4 space-y-2 text-sm">
      {percent !== null ? (
        <div
          role="progressbar"
          aria-label="Upload of the archive"
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={percent}
          className="h-3 w-full overflow-hidden rounded-full bg-slate-200"
        >
          <div className="h-full bg-indigo-600 transition-all" style={{ width: `${percent}%` }} />
        </div>
      ) : null}
      <p role="status" aria-live="polite" className="font-medium text-slate-800">
        {state.status === 'uploading' ? `Uploading… ${percent} %` : null}
        {state.status === 'processing' ? 'Creating the calls…' : null}
        {state.status === 'imported' ? `Imported ${state.series.calls.length} call${state.series.calls.length === 1 ? '' : 's'} as a new series.` : null}
      </p>
      {state.status === 'failed' ? (
        <div role="alert" className="rounded-lg bg-red-50 px-3 py-2 text-red-800 ring-1 ring-red-200">
          <p>{state.message}</p>
          {state.issues.length > 0 ? (
            <ul className="mt-1 list-disc pl-5">
              {state.issues.map((issue) => (
                <li key={issue}>{issue}</li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
      {state.status === 'imported' ? <ImportedCalls series={state.series} /> : null}
    </div>
  );
}

function ImportedCalls({ series }: { series: ImportedSeries }) {
  return (
    <>
      <p className="text-slate-600">
        Each host link below gives full control of its call: keep them. The{' '}
        <a href={`/series/${encodeURIComponent(series.seriesId)}`} className="font-medium text-indigo-700 underline">
          series page
        </a>{' '}
        lists its action items.
      </p>
      <ol className="divide-y divide-slate-200 rounded-xl ring-1 ring-slate-200" aria-label="Imported calls">
        {series.calls.map((call) => (
          <li key={call.slug} className="px-3 py-2 break-words" data-testid="imported-call">
            <a href={hostPathOf(call.hostUrl)} className="font-medium text-indigo-700 underline">
              {call.title}
              <span className="sr-only"> (host link)</span>
            </a>
          </li>
        ))}
      </ol>
      {series.notices.length > 0 ? (
        <ul className="list-disc pl-5 text-amber-900" aria-label="Notices">
          {series.notices.map((notice) => (
            <li key={`${notice.file}:${notice.message}`}>
              <span className="font-mono text-xs">{notice.file}</span>: {notice.message}
            </li>
          ))}
        </ul>
      ) : null}
    </>
  );
}
