'use client';

import { useState, type ChangeEvent } from 'react';
import { parseAgendaMarkdown, type AgendaDraft, type LineMessage } from '@/lib/markdown/agenda-import';
import { Button } from '../ui/button';
import { Panel } from '../ui/panel';

const MAX_FILE_BYTES = 256 * 1024;

/** Paste or upload a Markdown agenda; "Fill the form" reads it here in the browser and hands over the draft. */
export function MarkdownImport({ onFill }: { onFill: (draft: AgendaDraft) => void }) {
  const [markdown, setMarkdown] = useState('');
  const [notices, setNotices] = useState<LineMessage[]>([]);
  const [errors, setErrors] = useState<string[]>([]);
  const [filled, setFilled] = useState(false);

  function readFile(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    if (file.size > MAX_FILE_BYTES) {
      setErrors([`“${file.name}” is ${Math.ceil(file.size / 1024)} KB; a Markdown agenda can be at most 256 KB.`]);
      return;
    }
    const reader = new FileReader();
    reader.onload = () => {
      setMarkdown(typeof reader.result === 'string' ? reader.result : '');
      setErrors([]);
    };
    reader.onerror = () => setErrors([`“${file.name}” could not be read.`]);
    reader.readAsText(file);
  }

  function fill() {
    const result = parseAgendaMarkdown(markdown);
    setFilled(result.ok);
    if (!result.ok) {
      setNotices([]);
      setErrors(result.errors.map((error) => error.message));
      return;
    }
    setErrors([]);
    setNotices(result.notices);
    onFill(result.draft);
  }

  return (
    <Panel title="Import a Markdown agenda">
      <p className="text-sm text-slate-600">
        Paste the agenda your community already writes (<code># Agenda for … on Thursday, December 3, 2026, 17:30 CET</code>, <code>## Links for participants</code>,
        one <code>##</code> per section, <code>- item (10 min) @presenter</code>) and the form below is filled from it.
      </p>
      <textarea
        className="mt-3 block h-40 w-full rounded-lg border-0 px-3 py-2 font-mono text-sm ring-1 ring-slate-300 focus:ring-2 focus:ring-indigo-600"
        aria-label="Markdown agenda"
        placeholder="# Agenda for the … community call on …"
        value={markdown}
        onChange={(event) => setMarkdown(event.target.value)}
      />
      <div className="mt-3 flex flex-wrap items-center gap-3">
        <Button variant="secondary" onClick={fill} disabled={!markdown.trim()}>
          Fill the form
        </Button>
        <label className="text-sm text-slate-700">
          <span className="mr-2">or upload a file</span>
          <input type="file" accept=".md,.markdown,.txt,text/markdown,text/plain" aria-label="Upload an agenda file" onChange={readFile} className="text-sm" />
        </label>
      </div>
      {errors.length > 0 ? (
        <div role="alert" className="mt-3 rounded-lg bg-red-50 px-3 py-2 text-sm text-red-800 ring-1 ring-red-200">
          <p className="font-semibold">The agenda could not be read:</p>
          <ul className="mt-1 list-disc pl-5">
            {errors.map((error) => (
              <li key={error}>{error}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {filled ? (
        <div role="status" className="mt-3 rounded-lg bg-amber-50 px-3 py-2 text-sm text-amber-900 ring-1 ring-amber-200">
          <p className="font-semibold">{notices.length === 0 ? 'The form was filled from the agenda. Check it and create the call.' : 'The form was filled. Please check:'}</p>
          {notices.length > 0 ? (
            <ul className="mt-1 list-disc pl-5">
              {notices.map((notice) => (
                <li key={`${notice.line}:${notice.message}`}>{notice.message}</li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
    </Panel>
  );
}
