'use client';

import { useState, type ChangeEvent } from 'react';
import type { CallDraft, ImportNotice } from '@/lib/markdown/call-draft';
import { parseCallMarkdown } from '@/lib/markdown/import';
import { readDocumentFile } from '../import/document-files';
import { Button } from '../ui/button';
import { Panel } from '../ui/panel';
import { ImportReport } from './import-report';

type Read = { draft: CallDraft; notices: ImportNotice[]; filename: string };

/**
 * Paste or upload a community's call document (agenda, or agenda + minutes + Q&A + attendees). "Read the document"
 * (or choosing a file) parses it here in the browser, shows how each part was read, and fills the form below with it.
 */
export function MarkdownImport({ onFill, documentsBaseUrl }: { onFill: (draft: CallDraft) => void; documentsBaseUrl: string }) {
  const [markdown, setMarkdown] = useState('');
  const [filename, setFilename] = useState('');
  const [errors, setErrors] = useState<string[]>([]);
  const [read, setRead] = useState<Read | null>(null);

  async function readFile(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    const document = await readDocumentFile(file);
    if ('error' in document) {
      setErrors([`“${file.name}”: ${document.error}`]);
      return;
    }
    setMarkdown(document.markdown);
    setFilename(file.name);
    readDocument(document.markdown, file.name);
  }

  function readDocument(text: string, name: string) {
    const result = parseCallMarkdown(text, name ? { filename: name } : {});
    if (!result.ok) {
      setRead(null);
      setErrors(result.errors.map((error) => `Line ${error.line}: ${error.message}`));
      return;
    }
    setErrors([]);
    setRead({ draft: result.draft, notices: result.notices, filename: name });
    onFill(result.draft);
  }

  return (
    <Panel title="Import a Markdown document">
      <p className="text-sm text-slate-600">
        Paste or upload the agenda your community already writes — on its own, or followed by the call&apos;s minutes, Q&amp;A and attendees. You see how
        each part was read, the form below is filled from it, and you fix what needs fixing before creating the call.
      </p>
      <textarea
        className="mt-3 block h-40 w-full rounded-lg border-0 px-3 py-2 font-mono text-sm ring-1 ring-slate-300 focus:ring-2 focus:ring-indigo-600"
        aria-label="Markdown document"
        placeholder="# Agenda for the … community call on …"
        value={markdown}
        onChange={(event) => {
          setMarkdown(event.target.value);
          setRead(null);
          // Emptied: what is pasted next is another document, not the uploaded file.
          if (!event.target.value) setFilename('');
        }}
      />
      <div className="mt-3 flex flex-wrap items-center gap-3">
        <Button variant="secondary" onClick={() => readDocument(markdown, filename)} disabled={!markdown.trim()}>
          Read the document
        </Button>
        <label className="text-sm text-slate-700">
          <span className="mr-2">or upload a file (.md, .markdown, .txt; up to 1 MB)</span>
          <input type="file" accept=".md,.markdown,.txt,text/markdown,text/plain" aria-label="Upload a Markdown document" onChange={readFile} className="max-w-full text-sm" />
        </label>
      </div>
      {filename ? (
        <p className="mt-2 text-xs text-slate-500">
          File: <span className="font-mono">{filename}</span> (a date in its name dates the call when the text gives none)
        </p>
      ) : null}
      {errors.length > 0 ? (
        <div role="alert" className="mt-3 rounded-lg bg-red-50 px-3 py-2 text-sm text-red-800 ring-1 ring-red-200">
          <p className="font-semibold">The document could not be read:</p>
          <ul className="mt-1 list-disc pl-5">
            {errors.map((error) => (
              <li key={error}>{error}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {read ? (
        <>
          <p role="status" className="mt-3 text-sm font-medium text-slate-800">
            The form below was filled from the document{read.notices.length > 0 ? ` with ${read.notices.length} notice${read.notices.length === 1 ? '' : 's'} to check` : ''}.
          </p>
          <ImportReport draft={read.draft} notices={read.notices} filename={read.filename} documentsBaseUrl={documentsBaseUrl} />
        </>
      ) : null}
    </Panel>
  );
}
