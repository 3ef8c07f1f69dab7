'use client';

import { useState, type FormEvent } from 'react';
import { useIsClient } from '../ui/use-clock';
import type { CallDraft, ImportNotice } from '@/lib/markdown/call-draft';
import { LIMITS, type Issue } from '@/lib/protocol';
import { Button } from '../ui/button';
import { Field, TextArea, TextInput } from '../ui/field';
import { ErrorMessage, Panel } from '../ui/panel';
import { TimezoneSelect } from '../ui/timezone-select';
import { AgendaEditor, emptySection, newKey, type DraftSection } from './agenda-editor';
import { createCall, NETWORK_ERROR_MESSAGE } from '../client/http';
import { hasRecord, hostPathOf, recordFrom, sectionsFrom, toRequest, type CallFields, type CallRecord, type FormLink } from './call-request';
import { LinksEditor } from './links-editor';
import { MarkdownImport } from './markdown-import';
import { NoticeList } from './notice-list';

const starterSections = () => [emptySection('Welcome'), emptySection('Q&A')];

function defaultStart(): { date: string; time: string } {
  const inAWeek = new Date(Date.now() + 7 * 86_400_000);
  const local = new Date(inAWeek.getTime() - inAWeek.getTimezoneOffset() * 60_000);
  return { date: local.toISOString().slice(0, 10), time: '17:00' };
}

/** Fields a Markdown import could not read: highlighted until the host fills them. */
type MissingField = 'title' | 'date' | 'timezone';

const missingHint = 'Not in the Markdown: please fill this in.';
const noDateHint = 'No start was read from the document: fill in the date and time, or leave the date empty and it is “to be announced”.';

export function CreateCallForm() {
  const [links, setLinks] = useState<FormLink[]>([{ key: newKey(), label: '', url: '' }]);
  const [sections, setSections] = useState<DraftSection[]>(starterSections);
  const [record, setRecord] = useState<CallRecord | null>(null);
  const [issues, setIssues] = useState<Issue[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setBusy] = useState(false);
  const [created, setCreated] = useState<{ hostPath: string; notices: ImportNotice[] } | null>(null);
  // The defaults depend on the viewer's clock and timezone, which the server does not know.
  const isClient = useIsClient();
  const [fields, setFields] = useState<CallFields>(() => ({
    title: '',
    description: '',
    ...defaultStart(),
    timezone: Intl.DateTimeFormat().resolvedOptions().timeZone,
    plannedMinutes: '60',
    documentsBaseUrl: '',
  }));
  const [missing, setMissing] = useState<MissingField[]>([]);

  const errorFor = (path: string) => issues.find((issue) => issue.path === path)?.message;
  if (!isClient) return <p role="status">Loading the form…</p>;

  const isMissing = (field: MissingField) => missing.includes(field);
  const setField = (field: keyof CallFields, value: string) => {
    setFields({ ...fields, [field]: value });
    setMissing(missing.filter((each) => each !== field && !(field === 'time' && each === 'date')));
  };

  function fillFrom(draft: CallDraft) {
    const [date = '', time = ''] = draft.startsAt ? draft.startsAt.split('T') : [];
    setFields({
      ...fields,
      title: draft.title,
      description: draft.description,
      date,
      time,
      timezone: draft.timezone ?? fields.timezone,
      plannedMinutes: String(draft.plannedMinutes ?? fields.plannedMinutes),
    });
    const unread: MissingField[] = [];
    if (!draft.title) unread.push('title');
    if (!draft.startsAt) unread.push('date');
    if (draft.startsAt && !draft.timezone) unread.push('timezone');
    setMissing(unread);
    setLinks(draft.links.map(({ label, url }) => ({ key: newKey(), label, url })));
    setSections(sectionsFrom(draft));
    const imported = recordFrom(draft);
    setRecord(hasRecord(imported) ? imported : null);
    setIssues([]);
    setError(null);
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (fields.date && !fields.time) {
      setIssues([{ path: 'startsAt', message: 'Add a start time, or clear the date to leave it to be announced.' }]);
      setError('The call could not be created. Fix the problems listed.');
      return;
    }
    setBusy(true);
    setError(null);
    const result = await createCall(toRequest(fields, links, sections, record));
    if (result.ok) {
      const hostPath = hostPathOf(result.data.hostUrl);
      if (result.data.notices.length === 0) {
        window.location.assign(hostPath);
        return;
      }
      setCreated({ hostPath, notices: result.data.notices });
      setBusy(false);
      return;
    }
    const { error: failure } = result;
    if (failure.code === 'network') {
      setError(NETWORK_ERROR_MESSAGE);
    } else {
      setIssues(failure.issues ?? []);
      setError(failure.code === 'bad_response' ? 'The server answered with an error it did not explain.' : failure.message);
    }
    setBusy(false);
  }

  if (created) {
    return (
      <Panel title="Call created">
        <div role="status">
          <NoticeList notices={created.notices} heading={`The call was created. The server noted ${created.notices.length} thing${created.notices.length === 1 ? '' : 's'}:`} />
        </div>
        <a href={created.hostPath} className="mt-4 inline-block rounded-lg bg-indigo-600 px-4 py-2 text-sm font-semibold text-white hover:bg-indigo-700">
          Open the call&apos;s host page
        </a>
      </Panel>
    );
  }

  return (
    <form onSubmit={submit} className="space-y-6" noValidate>
      <MarkdownImport onFill={fillFrom} documentsBaseUrl={fields.documentsBaseUrl} />
      <Panel title="The call">
        <div className="space-y-4">
          <Field label="Title" error={errorFor('title')} hint={isMissing('title') ? missingHint : undefined}>
            <TextInput name="title" required maxLength={LIMITS.title} placeholder="Jenkins community call, December" aria-invalid={Boolean(errorFor('title')) || isMissing('title')} value={fields.title} onChange={(event) => setField('title', event.target.value)} />
          </Field>
          <Field label="Description (optional)" error={errorFor('description')}>
            <TextArea name="description" maxLength={LIMITS.description} value={fields.description} onChange={(event) => setField('description', event.target.value)} />
          </Field>
          <div className="grid gap-4 sm:grid-cols-2">
            <Field label="Date" error={errorFor('startsAt')} hint={isMissing('date') ? noDateHint : 'Leave empty while the date is to be announced.'}>
              <TextInput name="date" type="date" aria-invalid={isMissing('date')} value={fields.date} onChange={(event) => setField('date', event.target.value)} />
            </Field>
            <Field label="Start time">
              <TextInput name="time" type="time" required={Boolean(fields.date)} value={fields.time} onChange={(event) => setField('time', event.target.value)} />
            </Field>
            <Field label="Timezone" error={errorFor('timezone')} hint={isMissing('timezone') ? missingHint : undefined}>
              <TimezoneSelect
                name="timezone"
                value={fields.timezone}
                aria-invalid={isMissing('timezone')}
                onChange={(event) => setField('timezone', event.target.value)}
                className="mt-1 block w-full rounded-lg border-0 px-3 py-2 ring-1 ring-slate-300 focus:ring-2 focus:ring-indigo-600 aria-[invalid=true]:ring-2 aria-[invalid=true]:ring-amber-500"
              />
            </Field>
            <Field label="Planned length (minutes)" error={errorFor('plannedMinutes')}>
              <TextInput name="plannedMinutes" type="number" min={5} max={1440} required value={fields.plannedMinutes} onChange={(event) => setField('plannedMinutes', event.target.value)} />
            </Field>
          </div>
          <Field label="Documents base URL (optional)" error={errorFor('documentsBaseUrl')} hint="Where your community publishes its call documents; relative links such as slides.pdf point there.">
            <TextInput name="documentsBaseUrl" inputMode="url" placeholder="https://github.com/org/repo/blob/main/meetings/" value={fields.documentsBaseUrl} onChange={(event) => setField('documentsBaseUrl', event.target.value)} />
          </Field>
        </div>
      </Panel>

      <Panel title="Links for participants">
        <LinksEditor links={links} onChange={setLinks} errorFor={errorFor} />
      </Panel>

      <Panel title="Agenda">
        <AgendaEditor sections={sections} onChange={setSections} errorFor={errorFor} />
      </Panel>

      {record ? (
        <Panel title="Record of a past call">
          <p className="text-sm text-slate-700" data-testid="record-summary">
            From the document: {record.minutes?.trim() ? `minutes (${record.minutes.length.toLocaleString('en')} characters)` : 'no minutes'}, {record.questions?.length ?? 0} questions,{' '}
            {record.attendees?.length ?? 0} attendees. They are created with the call, which is then a past (ended) call.
          </p>
          <Button variant="ghost" className="mt-2" onClick={() => setRecord(null)}>
            Leave the record out (create an upcoming call from the agenda only)
          </Button>
        </Panel>
      ) : null}

      <div className="flex items-center gap-4">
        <Button type="submit" disabled={isBusy}>
          {isBusy ? 'Creating…' : record ? 'Create the past call' : 'Create call'}
        </Button>
      </div>
      <ErrorMessage message={error} />
    </form>
  );
}
