import type { ReactNode } from 'react';
import type { CallDraft, ImportNotice } from '@/lib/markdown/call-draft';
import { resolveLinkUrl } from '@/lib/links';
import { NoticeList } from './notice-list';

const excerpt = (text: string, length = 140) => {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > length ? `${flat.slice(0, length - 1)}…` : flat;
};

const count = (amount: number, noun: string) => `${amount} ${noun}${amount === 1 ? '' : 's'}`;

const isRelative = (url: string) => !/^[a-z][a-z0-9+.-]*:/i.test(url);

function LineNumber({ line }: { line: number | undefined }) {
  if (line === undefined) return null;
  return <span className="mr-2 inline-block min-w-14 font-mono text-xs text-slate-500">line {line}</span>;
}

function Part({ title, line, children }: { title: string; line?: number; children: ReactNode }) {
  return (
    <div className="border-t border-slate-200 py-3">
      <h4 className="text-sm font-semibold text-slate-800">
        <LineNumber line={line} />
        {title}
      </h4>
      <div className="mt-1 text-sm text-slate-700">{children}</div>
    </div>
  );
}

function MinutesPart({ draft }: { draft: CallDraft }) {
  const lines = draft.minutes.split('\n');
  const written = lines.filter((line) => line.trim() !== '');
  const firstLines = written.slice(0, 4);
  return (
    <Part title="Minutes" line={draft.lines.minutes}>
      <p>
        {draft.minutes.length.toLocaleString('en')} characters, {lines.length.toLocaleString('en')} lines; they become the call&apos;s shared minutes.
      </p>
      <pre className="mt-1 overflow-x-auto rounded bg-slate-50 p-2 text-xs whitespace-pre-wrap" data-testid="report-minutes">
        {firstLines.join('\n')}
        {written.length > firstLines.length ? '\n…' : ''}
      </pre>
    </Part>
  );
}

function QuestionsPart({ draft }: { draft: CallDraft }) {
  return (
    <Part title={`Questions (${draft.questions.length})`} line={draft.lines.questions}>
      <ol className="space-y-2">
        {draft.questions.map((question, index) => (
          <li key={`${question.line}:${index}`} data-testid="report-question">
            <LineNumber line={question.line} />
            <span className="font-medium">Q{question.authorName ? ` (${question.authorName})` : ''}:</span> {excerpt(question.text)}
            {question.isAnswered ? (
              <p className="ml-16">
                <span className="font-medium">A{question.answeredBy ? ` (${question.answeredBy})` : ''}:</span> {question.answer ? excerpt(question.answer) : 'answered (no written answer)'}
              </p>
            ) : (
              <p className="ml-16 text-slate-500">not answered</p>
            )}
          </li>
        ))}
      </ol>
    </Part>
  );
}

function AttendeesPart({ draft }: { draft: CallDraft }) {
  return (
    <Part title={`Attendees (${draft.attendees.length})`} line={draft.lines.attendees}>
      <ul className="flex flex-wrap gap-x-4 gap-y-1">
        {draft.attendees.map((attendee, index) => (
          <li key={`${attendee.line}:${index}`}>
            {attendee.displayName}
            {attendee.affiliation ? <span className="text-slate-500"> ({attendee.affiliation})</span> : null}
            {attendee.isTeam ? <span className="text-slate-500"> · team</span> : null}
          </li>
        ))}
      </ul>
    </Part>
  );
}

/** How the importer read each part of the document, with line numbers, before anything is created. */
export function ImportReport({ draft, notices, filename, documentsBaseUrl }: { draft: CallDraft; notices: ImportNotice[]; filename: string; documentsBaseUrl: string }) {
  const hasRecord = draft.minutes.trim() !== '' || draft.questions.length > 0 || draft.attendees.length > 0 || draft.introOrder.length > 0;
  return (
    <section aria-labelledby="import-report-title" data-testid="import-report" className="mt-4 rounded-xl bg-white p-4 ring-1 ring-slate-200">
      <h3 id="import-report-title" className="text-base font-semibold text-slate-900">
        How {filename ? `“${filename}”` : 'the document'} was read
      </h3>
      <NoticeList notices={notices} heading={notices.length === 0 ? 'Nothing to check: every part was read.' : `Please check (${notices.length}):`} />
      <Part title="Title" line={draft.lines.title}>
        <p data-testid="report-title">{draft.title || <em>no title found: fill it in below</em>}</p>
      </Part>
      <Part title="Start" line={draft.lines.start}>
        <p data-testid="report-start">
          {draft.startsAt ? `${draft.startsAt.replace('T', ' ')} ${draft.timezone ?? ''}` : 'Date to be announced (no start date and time was read; see the notices)'}
          {draft.plannedMinutes ? `, planned for ${draft.plannedMinutes} minutes` : ''}
        </p>
      </Part>
      <Part title={`Links (${draft.links.length})`}>
        <ul className="space-y-1" data-testid="report-links">
          {draft.links.map((link, index) => {
            const resolved = isRelative(link.url) ? resolveLinkUrl(link.url, documentsBaseUrl) : null;
            return (
              <li key={`${link.line}:${index}`} className="break-all">
                <LineNumber line={link.line} />
                {link.label}: <code>{link.url}</code>
                {isRelative(link.url) ? (
                  <span className="ml-2 rounded bg-amber-100 px-1.5 text-xs text-amber-900">{resolved ? `relative → ${resolved}` : 'relative: set a documents base URL to make it a link'}</span>
                ) : null}
              </li>
            );
          })}
        </ul>
      </Part>
      <Part title={`Agenda (${count(draft.sections.length, 'section')}, ${count(draft.sections.reduce((sum, section) => sum + section.items.length, 0), 'item')})`}>
        <ol className="space-y-2" data-testid="report-sections">
          {draft.sections.map((section, sectionIndex) => (
            <li key={`${section.line}:${sectionIndex}`}>
              <p className="font-medium">
                <LineNumber line={section.line} />
                {section.title}
              </p>
              {section.notes ? <p className="ml-16 text-xs text-slate-500">{excerpt(section.notes)}</p> : null}
              <ul className="ml-16 list-disc pl-4">
                {section.items.map((item, itemIndex) => (
                  <li key={`${item.line}:${itemIndex}`} data-testid="report-item">
                    <span className="font-mono text-xs text-slate-500">line {item.line} </span>
                    {item.title}
                    {item.presenter ? <span className="text-slate-600"> — {item.presenter}</span> : null}
                    {item.plannedMinutes !== null ? <span className="text-slate-600"> ({item.plannedMinutes} min)</span> : null}
                    {item.notes ? <span className="block text-xs text-slate-500">{excerpt(item.notes)}</span> : null}
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ol>
      </Part>
      {draft.minutes.trim() ? <MinutesPart draft={draft} /> : null}
      {draft.questions.length > 0 ? <QuestionsPart draft={draft} /> : null}
      {draft.attendees.length > 0 ? <AttendeesPart draft={draft} /> : null}
      {hasRecord ? (
        <p className="mt-2 rounded-lg bg-indigo-50 px-3 py-2 text-sm text-indigo-900" data-testid="report-record">
          The minutes, questions and attendees above are not edited in the form: they will be created with the call as a past call&apos;s record
          (the call is created as ended).
        </p>
      ) : null}
    </section>
  );
}
