'use client';

import { useState, type ReactNode } from 'react';
import type { ImportResult, PublishProgress } from '@/lib/protocol';
import { importFromRepository, type HttpClientError } from '../client/http';
import { Button } from '../ui/button';
import { FailureWithRetry } from './publish-button';
import { describeProgress, isFinished } from './publishing-fields';

type Run = { status: 'idle' } | { status: 'running' } | { status: 'done'; result: ImportResult } | { status: 'failed'; error: HttpClientError };

type Props = {
  slug: string;
  hostKey: string;
  /** The latest `publish:progress` of an import, this host's or another's. */
  progress: PublishProgress | null;
  onStart: () => void;
};

/** Host only: creates the series' past calls from the Markdown files already in its repository. */
export function ImportButton({ slug, hostKey, progress, onStart }: Props) {
  const [run, setRun] = useState<Run>({ status: 'idle' });
  const isRunning = run.status === 'running';
  const isRunningElsewhere = !isRunning && !isFinished(progress);

  async function start() {
    onStart();
    setRun({ status: 'running' });
    const result = await importFromRepository(slug, hostKey);
    setRun(result.ok ? { status: 'done', result: result.data } : { status: 'failed', error: result.error });
  }

  const counted = progress?.phase === 'importing' && progress.total ? progress : null;
  return (
    <div className="space-y-2">
      <p className="text-sm text-slate-600">Creates a past call in this series for each meeting file in the repository that is not here yet.</p>
      <Button variant="secondary" className="w-full" disabled={isRunning} aria-busy={isRunning} onClick={() => void start()}>
        Import past calls
      </Button>
      <div data-testid="import-result" className="space-y-2 text-sm">
        <div role="status" className="empty:hidden">
          {isRunning ? <p className="text-slate-700">{progress ? describeProgress(progress) : 'Starting the import…'}</p> : null}
          {isRunningElsewhere && progress ? <p className="text-slate-700">Another host is importing: {describeProgress(progress)}</p> : null}
          {run.status === 'done' ? <p className="font-medium">{summarize(run.result)}</p> : null}
        </div>
        {isRunning && counted ? <progress className="w-full" max={counted.total} value={counted.done ?? 0} aria-label="Files imported" /> : null}
        {run.status === 'done' ? <ImportReport result={run.result} /> : null}
        {run.status === 'failed' ? <FailureWithRetry message={run.error.message} onRetry={() => void start()} /> : null}
      </div>
    </div>
  );
}

const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

function summarize({ imported, skipped, failed }: ImportResult): string {
  if (imported.length + skipped.length + failed.length === 0) return 'No meeting files found in the repository’s folder.';
  return `Imported ${plural(imported.length, 'call', 'calls')}; ${skipped.length} skipped, ${failed.length} failed.`;
}

function ImportReport({ result }: { result: ImportResult }) {
  return (
    <div className="space-y-3">
      {result.imported.length > 0 ? (
        <ReportList heading="Imported" tone="text-emerald-900">
          {result.imported.map((file) => (
            <li key={file.path}>
              <a href={file.url} className="font-medium text-indigo-700 underline">
                {file.title}
              </a>
              <span className="block font-mono text-xs break-all text-slate-500">{file.path}</span>
            </li>
          ))}
        </ReportList>
      ) : null}
      {result.skipped.length > 0 ? (
        <ReportList heading="Skipped" tone="text-slate-700">
          {result.skipped.map((file) => (
            <li key={file.path}>
              <span className="font-mono text-xs break-all">{file.path}</span>: {file.reason}
            </li>
          ))}
        </ReportList>
      ) : null}
      {result.failed.length > 0 ? (
        <ReportList heading="Could not be imported" tone="text-red-800">
          {result.failed.map((file) => (
            <li key={file.path}>
              <span className="font-mono text-xs break-all">{file.path}</span>: {file.message}
            </li>
          ))}
        </ReportList>
      ) : null}
    </div>
  );
}

function ReportList({ heading, tone, children }: { heading: string; tone: string; children: ReactNode }) {
  return (
    <section>
      <h3 className={`text-xs font-semibold tracking-wide uppercase ${tone}`}>{heading}</h3>
      <ul className="mt-1 space-y-1 break-words">{children}</ul>
    </section>
  );
}
