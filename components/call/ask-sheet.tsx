'use client';

import { useEffect, useId, useRef, useState } from 'react';
import type { PublicCall, PublicParticipant } from '@/lib/protocol';
import type { CallStore } from '../client/call-store';
import { QuestionForm } from '../qa/question-form';
import { Button } from '../ui/button';

/**
 * The phone's floating "Ask" button and the question form it opens in a modal sheet, so asking is one tap away on every
 * tab. A real <dialog>: the rest of the page is inert while it is open, Escape closes it, and focus goes back to the button.
 * Someone not checked in yet gets the way to the check-in card from here (`onCheckIn`), focus then going into that card.
 */
export function AskSheet({ store, call, me, onCheckIn }: { store: CallStore; call: PublicCall; me: PublicParticipant | null; onCheckIn: () => void }) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const openerRef = useRef<HTMLButtonElement>(null);
  const isLeavingToCheckIn = useRef(false);
  const [isOpen, setOpen] = useState(false);
  const titleId = useId();

  // The form mounts only while the sheet is open (one form of the page's at a time), so the sheet opens once it is there.
  useEffect(() => {
    const dialog = dialogRef.current;
    if (!isOpen || !dialog || dialog.open) return;
    dialog.showModal();
    dialog.querySelector('textarea')?.focus();
  }, [isOpen]);

  // The sheet stays mounted when questions close meanwhile: the form inside then says why it is disabled.
  const canAsk = call.qaOpen && call.status !== 'ended';
  return (
    <>
      {canAsk ? (
        <button
          ref={openerRef}
          type="button"
          aria-haspopup="dialog"
          onClick={() => setOpen(true)}
          className="fixed right-4 bottom-[calc(4.5rem+env(safe-area-inset-bottom))] z-30 inline-flex min-h-12 items-center gap-2 rounded-full bg-indigo-600 px-5 text-base font-semibold text-white shadow-lg ring-1 ring-indigo-700 hover:bg-indigo-700 md:hidden"
        >
          <svg viewBox="0 0 24 24" className="size-5" fill="none" stroke="currentColor" strokeWidth={2} strokeLinecap="round" aria-hidden="true">
            <path d="M12 5v14M5 12h14" />
          </svg>
          Ask a question
        </button>
      ) : null}
      <dialog
        ref={dialogRef}
        aria-labelledby={titleId}
        onClose={() => {
          setOpen(false);
          if (isLeavingToCheckIn.current) {
            isLeavingToCheckIn.current = false;
            onCheckIn();
          } else {
            openerRef.current?.focus();
          }
        }}
        // A tap on the dimmed page around the sheet closes it, as on the phone's own sheets.
        onClick={(event) => {
          if (event.target === event.currentTarget) event.currentTarget.close();
        }}
        className="m-0 mt-auto max-h-[85dvh] w-full max-w-none overflow-y-auto rounded-t-2xl bg-white p-0 text-slate-900 shadow-xl backdrop:bg-slate-900/50"
      >
        {isOpen ? (
          <div className="p-4 pb-[calc(1rem+env(safe-area-inset-bottom))]">
            <div className="mb-3 flex items-center justify-between gap-2">
              <h2 id={titleId} className="text-lg font-bold">
                Ask a question
              </h2>
              <button type="button" onClick={() => dialogRef.current?.close()} className="min-h-11 rounded-lg px-3 text-sm font-semibold text-slate-700 hover:bg-slate-100">
                Close
              </button>
            </div>
            <QuestionForm store={store} call={call} me={me} />
            {me ? null : (
              <Button
                variant="secondary"
                className="mt-3"
                onClick={() => {
                  isLeavingToCheckIn.current = true;
                  dialogRef.current?.close();
                }}
              >
                Check in now
              </Button>
            )}
          </div>
        ) : null}
      </dialog>
    </>
  );
}
