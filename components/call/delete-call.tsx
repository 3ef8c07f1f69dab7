'use client';

import { useId, useRef, useState, type FormEvent } from 'react';
import type { PublicCall } from '@/lib/protocol';
import type { CallStore } from '../client/call-store';
import { deleteCall, describeError } from '../client/http';
import { Button } from '../ui/button';
import { Field, TextInput } from '../ui/field';
import { ErrorMessage, Panel } from '../ui/panel';

/**
 * The host's "Delete this call": a modal <dialog> that says what goes and what stays, and asks for the call's
 * title before it deletes (Escape or Cancel closes it, focus returns to the button). Once deleted, the page
 * shows `CallDeleted` instead of the call.
 */
export function DeleteCallPanel({ store, call, hostKey }: { store: CallStore; call: PublicCall; hostKey: string }) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const openerRef = useRef<HTMLButtonElement>(null);
  const [typed, setTyped] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [isDeleting, setDeleting] = useState(false);
  const titleId = useId();
  const descriptionId = useId();

  const open = () => {
    setTyped('');
    setError(null);
    dialogRef.current?.showModal();
  };

  const confirm = async (event: FormEvent) => {
    event.preventDefault();
    if (typed.trim() !== call.title.trim()) {
      setError('Type the call’s title exactly as shown to confirm.');
      return;
    }
    setDeleting(true);
    const result = await deleteCall(call.slug, hostKey);
    setDeleting(false);
    if (!result.ok) {
      setError(describeError(result.error));
      return;
    }
    dialogRef.current?.close();
    store.markDeleted(`You deleted “${result.data.title}”. Its agenda, attendees, questions, polls and minutes are gone from this server.`);
  };

  return (
    <Panel title="Delete this call">
      <p className="text-sm text-slate-600">Removes the call and everything in it for everyone. This cannot be undone.</p>
      <Button ref={openerRef} variant="danger" className="mt-3" aria-haspopup="dialog" onClick={open}>
        Delete this call…
      </Button>
      <dialog
        ref={dialogRef}
        aria-labelledby={titleId}
        aria-describedby={descriptionId}
        onClose={() => openerRef.current?.focus()}
        className="m-auto w-[min(32rem,calc(100%-2rem))] rounded-2xl bg-white p-5 text-slate-900 shadow-xl backdrop:bg-slate-900/50"
      >
        <form onSubmit={(event) => void confirm(event)} noValidate>
          <h2 id={titleId} className="text-lg font-bold">
            Delete “{call.title}”?
          </h2>
          <div id={descriptionId} className="mt-2 space-y-2 text-sm text-slate-700">
            <p>
              This removes, for everyone and for good: the agenda and links, the attendees’ names and profiles, the questions and votes, the polls and answers, the
              minutes and their history, the action items and decisions. Everyone still in the call is told and disconnected. The series keeps its other calls.
            </p>
            <p>
              <strong>Not removed:</strong> copies already published to the series’ Git repository, webhooks already sent, and the server’s backups.
            </p>
          </div>
          <div className="mt-4">
            <Field label="Type the call’s title to confirm">
              <TextInput
                value={typed}
                onChange={(event) => setTyped(event.target.value)}
                autoComplete="off"
                spellCheck={false}
                autoFocus
                aria-invalid={error !== null}
              />
            </Field>
          </div>
          <ErrorMessage message={error} />
          <div className="mt-4 flex flex-wrap justify-end gap-2">
            <Button variant="secondary" onClick={() => dialogRef.current?.close()}>
              Cancel
            </Button>
            <Button type="submit" variant="danger" disabled={isDeleting}>
              {isDeleting ? 'Deleting…' : 'Delete this call'}
            </Button>
          </div>
        </form>
      </dialog>
    </Panel>
  );
}

/** What the call's page shows once the call is gone: told by the server, or right after the host deleted it. */
export function CallDeleted({ message }: { message: string }) {
  return (
    <main className="mx-auto grid min-h-[60vh] max-w-xl place-items-center p-6 text-center">
      <div role="alert">
        <h1 className="text-xl font-bold">This call was deleted</h1>
        <p className="mt-2 text-slate-600">{message}</p>
        <a href="/" className="mt-4 inline-block font-semibold text-indigo-700">
          Go to Roundtable
        </a>
      </div>
    </main>
  );
}
