'use client';

import { useId, useState } from 'react';
import type { Publication, PublishProgress, PublishResult } from '@/lib/protocol';
import { publishRecord, type HttpClientError } from '../client/http';
import { Button } from '../ui/button';
import { describeProgress, formatWhen, isFinished, shortCommit } from './publishing-fields';

type Run = { status: 'idle' } | { status: 'running' } | { status: 'done'; result: PublishResult } | { status: 'failed'; error: HttpClientError };

type Props = {
  slug: string;
  hostKey: string;
  isConfigured: boolean;
  /** The latest `publish:progress` of a publish, this host's or another's. */
  progress: PublishProgress | null;
  onStart: () => void;
  onPublished: (result: PublishResult) => void;
};

/** Host only: commits the call's record to the series' repository and says where it went. */
export function PublishButton({ slug, hostKey, isConfigured, progress, onStart, onPublished }: Props) {
  const [run, setRun] = useState<Run>({ status: 'idle' });
  const isRunning = run.status === 'running';
  const isRunningElsewhere = !isRunning && !isFinished(progress);
  const hintId = useId();

  async function publish() {
    onStart();
    setRun({ status: 'running' });
    const result = await publishRecord(slug, hostKey);
    setRun(result.ok ? { status: 'done', result: result.data } : { status: 'failed', error: result.error });
    if (result.ok) onPublished(result.data);
  }

  return (
    <div className="space-y-2">
      <Button className="w-full" disabled={!isConfigured || isRunning} aria-busy={isRunning} aria-describedby={isConfigured ? undefined : hintId} onClick={() => void publish()}>
        Publish minutes
      </Button>
      {isConfigured ? null : (
        <p id={hintId} className="text-xs text-slate-500">
          Set up the repository above to publish.
        </p>
      )}
      <div data-testid="publish-result" className="space-y-2 text-sm">
        <div role="status" className="empty:hidden">
          {isRunning ? <p className="text-slate-700">{progress ? describeProgress(progress) : 'Starting the publish…'}</p> : null}
          {isRunningElsewhere && progress ? <p className="text-slate-700">Another host is publishing: {describeProgress(progress)}</p> : null}
          {run.status === 'done' ? <PublishedMessage result={run.result} /> : null}
        </div>
        {run.status === 'failed' ? <FailureWithRetry message={run.error.message} onRetry={() => void publish()} /> : null}
      </div>
    </div>
  );
}

/** What went wrong, in the server's words, and a way to try again. */
export function FailureWithRetry({ message, onRetry }: { message: string; onRetry: () => void }) {
  return (
    <div role="alert" className="rounded-lg bg-red-50 px-3 py-2 text-red-800 ring-1 ring-red-200">
      <p>{message}</p>
      <Button variant="secondary" className="mt-2 min-h-9 px-3 py-1" onClick={onRetry}>
        Try again
      </Button>
    </div>
  );
}

function PullRequestLink({ url }: { url: string }) {
  return (
    <a href={url} target="_blank" rel="noopener noreferrer" className="font-semibold text-indigo-700 underline">
      Open a pull request<span className="sr-only"> (opens in a new tab)</span>
    </a>
  );
}

/** The short commit id, linked to the commit's page where the host has one. */
function CommitRef({ publication }: { publication: Publication }) {
  const short = <code>{shortCommit(publication.commit)}</code>;
  if (!publication.commitUrl) return short;
  return (
    <a href={publication.commitUrl} target="_blank" rel="noopener noreferrer" className="text-indigo-700 underline">
      {short}
      <span className="sr-only"> (the commit, opens in a new tab)</span>
    </a>
  );
}

function PublishedMessage({ result }: { result: PublishResult }) {
  if (!result.changed) return <p className="rounded-lg bg-slate-50 px-3 py-2 text-slate-700">Nothing new to publish: the repository already has this record.</p>;
  return (
    <div className="rounded-lg bg-emerald-50 px-3 py-2 text-emerald-900">
      <p className="break-words">
        Published commit <CommitRef publication={result} /> to <code className="break-all">{result.branch}</code>.
      </p>
      <p className="mt-1 break-words">
        File: <code className="break-all">{result.path}</code>
      </p>
      {result.compareUrl ? (
        <p className="mt-1">
          <PullRequestLink url={result.compareUrl} />
        </p>
      ) : null}
    </div>
  );
}

/** The call's last publication, from the settings; times in the viewer's own timezone. */
export function LastPublication({ publication }: { publication: Publication | null }) {
  if (!publication) return null;
  return (
    <div data-testid="last-publication" className="rounded-lg bg-slate-50 px-3 py-2 text-sm text-slate-700 ring-1 ring-slate-200">
      <p>
        Last published <time dateTime={publication.publishedAt}>{formatWhen(publication.publishedAt)}</time>
      </p>
      <p className="mt-1 break-words">
        Commit <CommitRef publication={publication} /> on <code className="break-all">{publication.branch}</code>: <code className="break-all">{publication.path}</code>
      </p>
      {publication.compareUrl ? (
        <p className="mt-1">
          <PullRequestLink url={publication.compareUrl} />
        </p>
      ) : null}
    </div>
  );
}
