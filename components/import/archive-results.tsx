import { formatDateTime } from '@/lib/time';
import { withoutLinePrefix } from '../create/notice-list';
import type { ImportedCall } from './archive-upload';

export type FileResult = { filename: string } & ({ status: 'created'; call: ImportedCall } | { status: 'failed'; message: string });

function CreatedResult({ call }: { call: ImportedCall }) {
  return (
    <>
      <p>
        <span className="mr-2 rounded bg-emerald-100 px-1.5 text-xs font-semibold text-emerald-900">created</span>
        <a href={call.hostPath} className="font-medium text-indigo-700 underline">
          {call.title}
        </a>
      </p>
      <p className="text-slate-600">{call.startsAt ? formatDateTime(call.startsAt, call.timezone) : 'Date to be announced'}</p>
      {call.notices.length > 0 ? (
        <details className="mt-1">
          <summary className="cursor-pointer text-amber-900">
            {call.notices.length} notice{call.notices.length === 1 ? '' : 's'}
          </summary>
          <ul className="mt-1 list-disc pl-5 text-amber-900">
            {call.notices.map((notice, index) => (
              <li key={`${notice.line}:${index}`}>
                Line {notice.line}: {withoutLinePrefix(notice.message)}
              </li>
            ))}
          </ul>
        </details>
      ) : (
        <p className="text-slate-500">No notices.</p>
      )}
    </>
  );
}

/** One row per file: the past call it created, or why it was not imported. */
export function ArchiveResults({ results }: { results: FileResult[] }) {
  if (results.length === 0) return null;
  return (
    <ol className="mt-4 divide-y divide-slate-200 rounded-xl ring-1 ring-slate-200" aria-label="Imported files">
      {results.map((result, index) => (
        <li key={`${result.filename}:${index}`} className="px-3 py-2 text-sm break-words" data-testid="archive-result" data-status={result.status}>
          <p className="font-mono text-xs text-slate-500">{result.filename}</p>
          {result.status === 'created' ? (
            <CreatedResult call={result.call} />
          ) : (
            <p>
              <span className="mr-2 rounded bg-red-100 px-1.5 text-xs font-semibold text-red-900">failed</span>
              {result.message}
            </p>
          )}
        </li>
      ))}
    </ol>
  );
}
