'use client';

import { useState, type FormEvent } from 'react';
import type { PublicParticipant } from '@/lib/protocol';
import { Button } from '../ui/button';
import { Field, TextInput } from '../ui/field';
import { ErrorMessage, Panel } from '../ui/panel';
import type { CallStore } from '../client/call-store';
import * as participantCommands from '../client/participants.commands';
import { useCommand } from '../client/use-command';

export function CheckInForm({ store, me }: { store: CallStore; me: PublicParticipant | null }) {
  const [isEditing, setEditing] = useState(false);
  const { error, isBusy, run } = useCommand();

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const value = (name: string) => String(form.get(name) ?? '');
    const response = await run(() =>
      participantCommands.checkIn(store, {
        displayName: value('displayName'),
        affiliation: value('affiliation'),
        pronouns: value('pronouns'),
        reason: value('reason'),
      }),
    );
    if (response.ok) setEditing(false);
  }

  if (me && !isEditing) {
    return (
      <Panel title="You">
        <p className="font-semibold" data-testid="checked-in-as">
          {me.displayName}
          {me.pronouns ? <span className="font-normal text-slate-500"> ({me.pronouns})</span> : null}
        </p>
        {me.affiliation ? <p className="text-sm text-slate-600">{me.affiliation}</p> : null}
        {me.reason ? <p className="mt-1 text-sm text-slate-600">“{me.reason}”</p> : null}
        <Button variant="ghost" className="mt-2 -ml-3" onClick={() => setEditing(true)}>
          Edit check-in
        </Button>
      </Panel>
    );
  }

  return (
    <Panel title={me ? 'Edit your check-in' : 'Check in'}>
      <form onSubmit={submit} className="space-y-3" aria-label="Check in">
        <Field label="Display name">
          <TextInput name="displayName" required maxLength={80} autoComplete="nickname" defaultValue={me?.displayName} />
        </Field>
        <Field label="Affiliation or project (optional)">
          <TextInput name="affiliation" maxLength={80} autoComplete="organization" defaultValue={me?.affiliation} />
        </Field>
        <Field label="Pronouns (optional)">
          <TextInput name="pronouns" maxLength={40} defaultValue={me?.pronouns} />
        </Field>
        <Field label="What brings you here? (optional)">
          <TextInput name="reason" maxLength={200} defaultValue={me?.reason} />
        </Field>
        <div className="flex gap-2">
          <Button type="submit" disabled={isBusy}>
            {me ? 'Save' : 'Check in'}
          </Button>
          {me ? (
            <Button variant="ghost" onClick={() => setEditing(false)}>
              Cancel
            </Button>
          ) : null}
        </div>
        <ErrorMessage message={error} />
      </form>
    </Panel>
  );
}
