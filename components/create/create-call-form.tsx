'use client';

import { useMemo, useState, type FormEvent } from 'react';
import { useIsClient } from '../call/use-call';
import type { CreateCallFormInput, CreatedCall, Issue } from '@/lib/protocol';
import { Button } from '../ui/button';
import { Field, TextArea, TextInput } from '../ui/field';
import { ErrorMessage, Panel } from '../ui/panel';
import type { AgendaDraft } from '@/lib/markdown/agenda-import';
import { AgendaEditor, emptySection, newKey, type DraftSection } from './agenda-editor';
import { MarkdownImport } from './markdown-import';

type DraftLink = { key: number; label: string; url: string };

const starterSections = () => [emptySection('Welcome'), emptySection('Q&A')];

function defaultStart(): { date: string; time: string } {
  const inAWeek = new Date(Date.now() + 7 * 86_400_000);
  const local = new Date(inAWeek.getTime() - inAWeek.getTimezoneOffset() * 60_000);
  return { date: local.toISOString().slice(0, 10), time: '17:00' };
}

type CallFields = { title: string; description: string; date: string; time: string; timezone: string; plannedMinutes: string };
/** Fields a Markdown import could not read: highlighted until the host fills them. */
type MissingField = 'title' | 'date' | 'time' | 'timezone';

function toRequest(fields: CallFields, links: DraftLink[], sections: DraftSection[]): CreateCallFormInput {
  return {
    title: fields.title,
    description: fields.description,
    startsAt: `${fields.date}T${fields.time}`,
    timezone: fields.timezone,
    plannedMinutes: Number(fields.plannedMinutes),
    links: links.filter((link) => link.label || link.url).map(({ label, url }) => ({ label, url })),
    sections: sections.map((section) => ({
      title: section.title,
      notes: section.notes,
      items: section.items
        .filter((item) => item.title || item.presenter || item.plannedMinutes || item.notes)
        .map((item) => ({
          title: item.title,
          notes: item.notes,
          presenter: item.presenter,
          plannedMinutes: item.plannedMinutes ? Number(item.plannedMinutes) : null,
        })),
    })),
  };
}

function sectionsFrom(draft: AgendaDraft): DraftSection[] {
  return draft.sections.map((section) => ({
    key: newKey(),
    title: section.title,
    notes: section.notes,
    items: section.items.map((item) => ({
      key: newKey(),
      title: item.title,
      notes: item.notes,
      presenter: item.presenter,
      plannedMinutes: item.plannedMinutes === null ? '' : String(item.plannedMinutes),
    })),
  }));
}

const missingHint = 'Not in the Markdown: please fill this in.';

export function CreateCallForm() {
  const [links, setLinks] = useState<DraftLink[]>([{ key: newKey(), label: '', url: '' }]);
  const [sections, setSections] = useState<DraftSection[]>(starterSections);
  const [issues, setIssues] = useState<Issue[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setBusy] = useState(false);
  // The defaults depend on the viewer's clock and timezone, which the server does not know.
  const isClient = useIsClient();
  const timeZones = useMemo(() => Intl.supportedValuesOf('timeZone'), []);
  const [fields, setFields] = useState<CallFields>(() => ({
    title: '',
    description: '',
    ...defaultStart(),
    timezone: Intl.DateTimeFormat().resolvedOptions().timeZone,
    plannedMinutes: '60',
  }));
  const [missing, setMissing] = useState<MissingField[]>([]);

  const errorFor = (path: string) => issues.find((issue) => issue.path === path)?.message;
  if (!isClient) return <p role="status">Loading the form…</p>;

  // An imported zone such as UTC or Etc/GMT-2 may be missing from the browser's list; it must still show.
  const zoneOptions = timeZones.includes(fields.timezone) ? timeZones : [fields.timezone, ...timeZones];
  const isMissing = (field: MissingField) => missing.includes(field);
  const setField = (field: keyof CallFields, value: string) => {
    setFields({ ...fields, [field]: value });
    setMissing(missing.filter((each) => each !== field));
  };

  function fillFrom(draft: AgendaDraft) {
    const [date = '', time = ''] = draft.startsAt ? draft.startsAt.split('T') : [];
    setFields({
      title: draft.title,
      description: draft.description,
      date,
      time,
      timezone: draft.timezone ?? fields.timezone,
      plannedMinutes: String(draft.plannedMinutes ?? fields.plannedMinutes),
    });
    const unread: MissingField[] = [];
    if (!draft.title) unread.push('title');
    if (!draft.startsAt) unread.push('date', 'time');
    if (!draft.timezone) unread.push('timezone');
    setMissing(unread);
    setLinks(draft.links.map((link) => ({ key: newKey(), ...link })));
    setSections(sectionsFrom(draft));
    setIssues([]);
    setError(null);
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const response = await fetch('/api/calls', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(toRequest(fields, links, sections)),
      });
      const body: unknown = await response.json();
      if (response.ok) {
        const { hostUrl } = body as CreatedCall;
        const target = new URL(hostUrl);
        window.location.assign(`${target.pathname}${target.hash}`);
        return;
      }
      const failure = body as { error: { message: string; issues?: Issue[] } };
      setIssues(failure.error.issues ?? []);
      setError(failure.error.message);
    } catch {
      setError('Could not reach the server. Check your connection and try again.');
    }
    setBusy(false);
  }

  return (
    <form onSubmit={submit} className="space-y-6" noValidate>
      <MarkdownImport onFill={fillFrom} />
      <Panel title="The call">
        <div className="space-y-4">
          <Field label="Title" error={errorFor('title')} hint={isMissing('title') ? missingHint : undefined}>
            <TextInput name="title" required maxLength={200} placeholder="Jenkins community call, December" aria-invalid={Boolean(errorFor('title')) || isMissing('title')} value={fields.title} onChange={(event) => setField('title', event.target.value)} />
          </Field>
          <Field label="Description (optional)" error={errorFor('description')}>
            <TextArea name="description" maxLength={5000} value={fields.description} onChange={(event) => setField('description', event.target.value)} />
          </Field>
          <div className="grid gap-4 sm:grid-cols-2">
            <Field label="Date" error={errorFor('startsAt')} hint={isMissing('date') ? missingHint : undefined}>
              <TextInput name="date" type="date" required aria-invalid={isMissing('date')} value={fields.date} onChange={(event) => setField('date', event.target.value)} />
            </Field>
            <Field label="Start time" hint={isMissing('time') ? missingHint : undefined}>
              <TextInput name="time" type="time" required aria-invalid={isMissing('time')} value={fields.time} onChange={(event) => setField('time', event.target.value)} />
            </Field>
            <Field label="Timezone" error={errorFor('timezone')} hint={isMissing('timezone') ? missingHint : undefined}>
              <select
                name="timezone"
                value={fields.timezone}
                aria-invalid={isMissing('timezone')}
                onChange={(event) => setField('timezone', event.target.value)}
                className="mt-1 block w-full rounded-lg border-0 px-3 py-2 ring-1 ring-slate-300 focus:ring-2 focus:ring-indigo-600 aria-[invalid=true]:ring-2 aria-[invalid=true]:ring-amber-500"
              >
                {zoneOptions.map((zone) => (
                  <option key={zone} value={zone}>
                    {zone.replaceAll('_', ' ')}
                  </option>
                ))}
              </select>
            </Field>
            <Field label="Planned length (minutes)" error={errorFor('plannedMinutes')}>
              <TextInput name="plannedMinutes" type="number" min={5} max={1440} required value={fields.plannedMinutes} onChange={(event) => setField('plannedMinutes', event.target.value)} />
            </Field>
          </div>
        </div>
      </Panel>

      <Panel title="Links for participants">
        <ul className="space-y-2">
          {links.map((link, index) => (
            <li key={link.key}>
              <div className="grid grid-cols-[8rem_1fr_auto] gap-2">
                <input className="rounded-md px-2 py-1.5 text-sm ring-1 ring-slate-300" aria-label={`Link ${index + 1} label`} placeholder="Slides" value={link.label} maxLength={80} onChange={(event) => setLinks(links.map((each) => (each.key === link.key ? { ...each, label: event.target.value } : each)))} />
                <input className="rounded-md px-2 py-1.5 text-sm ring-1 ring-slate-300" aria-label={`Link ${index + 1} URL`} placeholder="https://…" type="url" value={link.url} onChange={(event) => setLinks(links.map((each) => (each.key === link.key ? { ...each, url: event.target.value } : each)))} />
                <Button variant="ghost" aria-label={`Remove link ${index + 1}`} onClick={() => setLinks(links.filter((each) => each.key !== link.key))}>
                  ✕
                </Button>
              </div>
              {errorFor(`links.${index}.url`) ?? errorFor(`links.${index}.label`) ? (
                <p className="mt-1 text-xs text-red-700">{errorFor(`links.${index}.url`) ?? errorFor(`links.${index}.label`)}</p>
              ) : null}
            </li>
          ))}
        </ul>
        <Button variant="ghost" className="mt-2" onClick={() => setLinks([...links, { key: newKey(), label: '', url: '' }])}>
          + Add link
        </Button>
      </Panel>

      <Panel title="Agenda">
        <AgendaEditor sections={sections} onChange={setSections} errorFor={errorFor} />
      </Panel>

      <div className="flex items-center gap-4">
        <Button type="submit" disabled={isBusy}>
          {isBusy ? 'Creating…' : 'Create call'}
        </Button>
      </div>
      <ErrorMessage message={error} />
    </form>
  );
}
