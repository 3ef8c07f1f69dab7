'use client';

import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { PublicParticipant } from '@/lib/protocol';
import { Button } from '../ui/button';
import { Field, TextInput } from '../ui/field';
import { ErrorMessage, Panel } from '../ui/panel';
import type { CallStore } from '../client/call-store';
import * as participantCommands from '../client/participants.commands';
import { useCommand } from '../client/use-command';

/**
 * Checking in, or one's check-in with an Edit button. `onSkip` offers "Not now" (the phone shows the card first and
 * lets a newcomer put it off); each new `focusRequest` puts the cursor in the name field (the card was asked for again).
 */
export function CheckInForm({ store, me, onSkip, focusRequest = 0 }: { store: CallStore; me: PublicParticipant | null; onSkip?: () => void; focusRequest?: number }) {
  const [isEditing, setEditing] = useState(false);
  const [isShowingMore, setShowingMore] = useState(false);
  const moreId = useId();
  const formRef = useRef<HTMLFormElement>(null);
  useEffect(() => {
    const name = formRef.current?.elements.namedItem('displayName');
    if (focusRequest > 0 && name instanceof HTMLInputElement) name.focus();
  }, [focusRequest]);
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
      // On a phone it folds into one line, name and Edit, to stay out of the way.
      <Panel title="You" className="max-md:flex max-md:flex-wrap max-md:items-center max-md:gap-x-2 max-md:py-2 max-md:[&>h2]:mb-0">
        <p className="font-semibold max-md:min-w-0 max-md:flex-1 max-md:truncate" data-testid="checked-in-as">
          {me.displayName}
          {me.pronouns ? <span className="font-normal text-slate-500"> ({me.pronouns})</span> : null}
        </p>
        {me.affiliation ? <p className="text-sm text-slate-600 max-md:hidden">{me.affiliation}</p> : null}
        {me.reason ? <p className="mt-1 text-sm text-slate-600 max-md:hidden">“{me.reason}”</p> : null}
        <Button variant="ghost" className="mt-2 -ml-3 max-md:m-0" onClick={() => setEditing(true)}>
          Edit check-in
        </Button>
      </Panel>
    );
  }

  return (
    <Panel title={me ? 'Edit your check-in' : 'Check in'}>
      <form ref={formRef} onSubmit={submit} className="space-y-3" aria-label="Check in">
        <Field label="Display name">
          <TextInput name="displayName" required maxLength={80} autoComplete="nickname" defaultValue={me?.displayName} />
        </Field>
        {me ? null : (
          // The name is all a phone asks for at first; the rest is one tap away. From md up all fields show.
          <button type="button" className="min-h-11 text-sm font-semibold text-indigo-700 md:hidden" aria-expanded={isShowingMore} aria-controls={moreId} onClick={() => setShowingMore(!isShowingMore)}>
            {isShowingMore ? 'Fewer details' : 'More about you (optional)'}
          </button>
        )}
        <div id={moreId} className={`space-y-3 ${me || isShowingMore ? '' : 'max-md:hidden'}`}>
          <Field label="Affiliation or project (optional)">
            <TextInput name="affiliation" maxLength={80} autoComplete="organization" defaultValue={me?.affiliation} />
          </Field>
          <Field label="Pronouns (optional)">
            <TextInput name="pronouns" maxLength={40} defaultValue={me?.pronouns} />
          </Field>
          <Field label="What brings you here? (optional)">
            <TextInput name="reason" maxLength={200} defaultValue={me?.reason} />
          </Field>
        </div>
        <div className="flex gap-2">
          <Button type="submit" disabled={isBusy}>
            {me ? 'Save' : 'Check in'}
          </Button>
          {me ? (
            <Button variant="ghost" onClick={() => setEditing(false)}>
              Cancel
            </Button>
          ) : onSkip ? (
            <Button variant="ghost" onClick={onSkip}>
              Not now
            </Button>
          ) : null}
        </div>
        <ErrorMessage message={error} />
      </form>
    </Panel>
  );
}
