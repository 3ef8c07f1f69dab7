'use client';

import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import type { Issue, PublicCall } from '@/lib/protocol';
import { Button } from '../ui/button';
import { Field, TextInput } from '../ui/field';
import { ErrorMessage, Panel } from '../ui/panel';
import type { CallStore } from '../client/call-store';
import * as schedule from '../client/schedule.commands';
import type { ScheduleCommand } from '../client/schedule.commands';
import { describeSchedule, fieldsFromCall, toScheduleCommand, type ScheduleFields } from './schedule-fields';
import { TimezoneSelect } from '../ui/timezone-select';
import { useCommand } from '../client/use-command';

type FieldName = keyof ScheduleFields;

const FIELD_NAMES: readonly string[] = ['date', 'time', 'timezone', 'plannedMinutes', 'documentsBaseUrl'] satisfies FieldName[];
const SUMMARY = 'The date and time were not saved. Fix the problems marked above.';

/** The server names the start `startsAt`; the form shows that problem under the date. */
const fieldOfIssue = (path: string): string => (path === 'startsAt' ? 'date' : path);

/**
 * Host only: dates a call whose date is to be announced, or fixes the date, time, timezone, planned length or
 * documents base URL of one that is not over yet. Everyone's header updates from the server's `call.scheduled` event.
 */
export function ScheduleEditor({ store, call }: { store: CallStore; call: PublicCall }) {
  const [isOpen, setOpen] = useState(false);
  const [fields, setFields] = useState<ScheduleFields>(() => fieldsFromCall(call));
  const [issues, setIssues] = useState<Issue[]>([]);
  const [localError, setLocalError] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const { error, isBusy, run } = useCommand();
  const formRef = useRef<HTMLFormElement>(null);
  const formId = useId();
  const toggleId = useId();
  const viewerZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const isAnnounced = call.startsAt !== null;

  useEffect(() => {
    if (isOpen) formRef.current?.querySelector<HTMLInputElement>('input[name="date"]')?.focus();
  }, [isOpen]);

  if (call.status === 'ended') return null;

  const errorFor = (field: FieldName) => issues.find((issue) => fieldOfIssue(issue.path) === field)?.message;
  const setField = (field: FieldName, value: string) => setFields({ ...fields, [field]: value });

  function open() {
    setFields(fieldsFromCall(call));
    setIssues([]);
    setLocalError(null);
    setAnnouncement('');
    setOpen(true);
  }

  function close() {
    setOpen(false);
    document.getElementById(toggleId)?.focus();
  }

  function showIssues(found: Issue[], message: string) {
    setIssues(found);
    setLocalError(message);
    const first = found[0] ? fieldOfIssue(found[0].path) : null;
    if (first) formRef.current?.querySelector<HTMLElement>(`[name="${first}"]`)?.focus();
  }

  async function send(command: ScheduleCommand) {
    setLocalError(null);
    const response = await run(() => schedule.reschedule(store, command));
    if (!response.ok) {
      // Problems with a field show beside it; any other refusal shows as the server worded it.
      const found = response.error.issues ?? [];
      const isAboutFields = found.length > 0 && found.every((issue) => FIELD_NAMES.includes(fieldOfIssue(issue.path)));
      showIssues(isAboutFields ? found : [], isAboutFields ? SUMMARY : '');
      return;
    }
    setIssues([]);
    setAnnouncement(describeSchedule({ ...command, timezone: command.timezone ?? call.timezone }));
    close();
  }

  function save(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const result = toScheduleCommand(fields);
    if ('issues' in result) showIssues(result.issues, SUMMARY);
    else void send(result.command);
  }

  function closeOnEscape(event: KeyboardEvent<HTMLFormElement>) {
    if (event.key !== 'Escape') return;
    event.preventDefault();
    close();
  }

  return (
    <Panel title="Date and time">
      <Button
        id={toggleId}
        variant={isAnnounced ? 'secondary' : 'primary'}
        className="w-full"
        aria-expanded={isOpen}
        aria-controls={formId}
        onClick={() => (isOpen ? close() : open())}
      >
        {isAnnounced ? 'Edit date and time' : 'Set the date'}
      </Button>
      <p role="status" className="mt-2 text-sm text-emerald-800 empty:hidden" data-testid="schedule-status">
        {announcement}
      </p>
      {isOpen ? (
        <form id={formId} ref={formRef} onSubmit={save} onKeyDown={closeOnEscape} noValidate className="mt-3 space-y-3" aria-label="Date and time">
          <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-1">
            <Field label="Date" error={errorFor('date')} hint="Leave empty while the date is to be announced.">
              <TextInput name="date" type="date" aria-invalid={Boolean(errorFor('date'))} value={fields.date} onChange={(event) => setField('date', event.target.value)} />
            </Field>
            <Field label="Start time" error={errorFor('time')}>
              <TextInput name="time" type="time" aria-invalid={Boolean(errorFor('time'))} value={fields.time} onChange={(event) => setField('time', event.target.value)} />
            </Field>
          </div>
          <Field label="Timezone" error={errorFor('timezone')} hint="The date and start time are read in this timezone.">
            <TimezoneSelect name="timezone" aria-invalid={Boolean(errorFor('timezone'))} value={fields.timezone} onChange={(event) => setField('timezone', event.target.value)} />
          </Field>
          {viewerZone !== fields.timezone ? (
            <Button variant="ghost" className="-mt-1 px-2" onClick={() => setField('timezone', viewerZone)}>
              Use my timezone ({viewerZone.replaceAll('_', ' ')})
            </Button>
          ) : null}
          <Field label="Planned length (minutes)" error={errorFor('plannedMinutes')}>
            <TextInput
              name="plannedMinutes"
              type="number"
              inputMode="numeric"
              min={5}
              max={1440}
              aria-invalid={Boolean(errorFor('plannedMinutes'))}
              value={fields.plannedMinutes}
              onChange={(event) => setField('plannedMinutes', event.target.value)}
            />
          </Field>
          <Field label="Documents base URL (optional)" error={errorFor('documentsBaseUrl')} hint="Relative links such as slides.pdf open from here.">
            <TextInput
              name="documentsBaseUrl"
              inputMode="url"
              placeholder="https://github.com/org/repo/blob/main/meetings/"
              aria-invalid={Boolean(errorFor('documentsBaseUrl'))}
              value={fields.documentsBaseUrl}
              onChange={(event) => setField('documentsBaseUrl', event.target.value)}
            />
          </Field>
          <div className="flex flex-wrap gap-2">
            <Button type="submit" disabled={isBusy}>
              {isBusy ? 'Saving…' : 'Save'}
            </Button>
            {isAnnounced ? (
              <Button variant="secondary" disabled={isBusy} onClick={() => void send({ startsAt: null })}>
                Clear date
              </Button>
            ) : null}
            <Button variant="ghost" disabled={isBusy} onClick={close}>
              Cancel
            </Button>
          </div>
          <ErrorMessage message={localError || error} />
        </form>
      ) : null}
    </Panel>
  );
}
