'use client';

import { useState, type ChangeEvent, type FormEvent } from 'react';
import { Button } from '../ui/button';
import { Panel } from '../ui/panel';
import { ArchiveResults, type FileResult } from './archive-results';
import { uploadDocument, type SeriesKey } from './archive-upload';
import { readDocumentFiles } from './document-files';

type Progress = { done: number; total: number };

/**
 * "Import past calls": several Markdown files or one .zip become the past calls of one series, imported one by one.
 * The first created call starts the series; each later one joins it with the first call's host key.
 */
export function ArchiveImport() {
  const [files, setFiles] = useState<File[]>([]);
  const [results, setResults] = useState<FileResult[]>([]);
  const [progress, setProgress] = useState<Progress | null>(null);
  const [isBusy, setBusy] = useState(false);
  const [summary, setSummary] = useState('');

  function choose(event: ChangeEvent<HTMLInputElement>) {
    setFiles(Array.from(event.target.files ?? []));
    setResults([]);
    setProgress(null);
    setSummary('');
  }

  async function importAll(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setBusy(true);
    setSummary('');
    setResults([]);
    const documents = await readDocumentFiles(files);
    setProgress({ done: 0, total: documents.length });
    const done: FileResult[] = [];
    let series: SeriesKey | null = null;
    for (const document of documents) {
      if ('error' in document) {
        done.push({ filename: document.filename, status: 'failed', message: document.error });
      } else {
        const outcome = await uploadDocument(document.filename, document.markdown, series);
        if (outcome.ok) {
          series ??= outcome.call.series;
          done.push({ filename: document.filename, status: 'created', call: outcome.call });
        } else {
          done.push({ filename: document.filename, status: 'failed', message: outcome.message });
        }
      }
      setResults([...done]);
      setProgress({ done: done.length, total: documents.length });
    }
    const created = done.filter((result) => result.status === 'created').length;
    setSummary(`Import finished: ${created} of ${documents.length} file${documents.length === 1 ? '' : 's'} created as past calls${created < documents.length ? `, ${documents.length - created} failed` : ''}.`);
    setBusy(false);
  }

  return (
    <Panel title="Import past calls">
      <form onSubmit={importAll}>
        <p className="text-sm text-slate-600">
          Choose the Markdown files of your past calls (.md, .markdown, .txt, up to 1 MB each) or one .zip of them. Each becomes a past call of one series, dated from its
          contents or its file name (<code>2021-07-13.md</code>), with its minutes, questions and attendees as its record.
        </p>
        <label className="mt-3 block text-sm font-medium text-slate-700">
          Files or a .zip archive
          <input
            type="file"
            multiple
            accept=".md,.markdown,.txt,.zip,text/markdown,text/plain,application/zip"
            onChange={choose}
            disabled={isBusy}
            className="mt-1 block w-full max-w-full text-sm"
          />
        </label>
        {files.length > 0 ? (
          <p className="mt-2 text-xs text-slate-500">
            {files.length} file{files.length === 1 ? '' : 's'} chosen: {files.map((file) => file.name).join(', ')}
          </p>
        ) : null}
        <Button type="submit" className="mt-3" disabled={isBusy || files.length === 0}>
          {isBusy ? 'Importing…' : 'Import past calls'}
        </Button>
      </form>
      {progress ? (
        <div className="mt-4">
          <div
            role="progressbar"
            aria-label="Import progress"
            aria-valuemin={0}
            aria-valuemax={progress.total}
            aria-valuenow={progress.done}
            aria-valuetext={`${progress.done} of ${progress.total}`}
            className="h-3 w-full overflow-hidden rounded-full bg-slate-200"
          >
            <div className="h-full bg-indigo-600 transition-all" style={{ width: `${progress.total ? (progress.done / progress.total) * 100 : 100}%` }} />
          </div>
          <p className="mt-1 text-sm text-slate-700" data-testid="archive-progress-text">
            {progress.done} of {progress.total}
          </p>
        </div>
      ) : null}
      <p role="status" aria-live="polite" className="mt-2 text-sm font-medium text-slate-800">
        {summary}
      </p>
      <ArchiveResults results={results} />
    </Panel>
  );
}
