'use client';

import { useEffect, useId, useRef, useState } from 'react';
import type { Ack, PublicAction } from '@/lib/protocol';
import type { CallStore } from '../client/call-store';
import { updateAction, type ActionChange } from '../client/actions.commands';
import { useCommand } from '../client/use-command';
import { ErrorMessage } from '../ui/panel';
import { formatDueDate, isOverdue } from './action-format';

/** Typing a date digit by digit passes through other valid dates; only the one left standing is sent. */
const DUE_SETTLE_MS = 800;

type Props = {
  store: CallStore;
  action: PublicAction;
  /** The agenda item of this call it was written under, if any. */
  itemTitle: string | null;
  today: string;
  /** Hosts and scribes: done, owner and due date (only done for a carried-over item). */
  canEdit: boolean;
  /** The id of the datalist of checked-in participants' names. */
  ownerListId: string;
};

export function ActionRow({ store, action, itemTitle, today, canEdit, ownerListId }: Props) {
  const { error, run } = useCommand();
  // Controls stay enabled while a change is on its way: disabling one would drop the keyboard focus.
  const send = (change: ActionChange) => run(() => updateAction(store, action.id, change));
  const isOverdueNow = isOverdue(action, today);
  const owner = action.owner?.replace(/^@/, '') ?? null;
  // "Hugo to send the survey" names its owner already.
  const isOwnerInText = owner !== null && action.text.toLocaleLowerCase().startsWith(`${owner.toLocaleLowerCase()} `);
  // The box follows the click at once; the item moves to the other list when the server's update arrives.
  const [clickedDone, setClickedDone] = useState<boolean | null>(null);
  const isChecked = clickedDone ?? action.isDone;

  function toggleDone() {
    setClickedDone(!isChecked);
    void send({ isDone: !isChecked }).then((response) => {
      if (!response.ok) setClickedDone(null);
    });
  }

  return (
    <li data-testid="action-item" className="py-2">
      <div className="flex items-start gap-3">
        {canEdit ? (
          <input
            type="checkbox"
            className="mt-1 size-4 shrink-0 accent-indigo-600"
            checked={isChecked}
            aria-label={`Done: ${action.text}`}
            onChange={toggleDone}
          />
        ) : null}
        <div className="min-w-0 grow">
          <p className={`text-sm break-words ${action.isDone ? 'text-slate-500 line-through' : 'text-slate-900'}`}>
            {owner && !isOwnerInText ? <strong className="mr-1 font-semibold text-indigo-800">@{owner}</strong> : null}
            {action.text}
          </p>
          <p className="mt-0.5 flex flex-wrap gap-x-2 text-xs text-slate-500">
            {owner ? null : <span>No owner</span>}
            {action.due ? (
              <span className={isOverdueNow ? 'font-semibold text-red-700' : undefined}>
                {isOverdueNow ? 'Overdue: ' : 'Due '}
                {formatDueDate(action.due)}
              </span>
            ) : null}
            {itemTitle ? <span>Under “{itemTitle}”</span> : null}
            {action.isCarriedOver ? (
              <span>
                from{' '}
                <a href={`/c/${action.call.slug}`} className="text-indigo-700 underline">
                  {action.call.title}
                </a>
              </span>
            ) : null}
          </p>
          {canEdit && !action.isCarriedOver ? <OwnerAndDue action={action} ownerListId={ownerListId} onChange={send} /> : null}
        </div>
      </div>
      <ErrorMessage message={error} />
    </li>
  );
}

function OwnerAndDue({ action, ownerListId, onChange }: { action: PublicAction; ownerListId: string; onChange: (change: ActionChange) => Promise<Ack<unknown>> }) {
  const ownerId = useId();
  const dueId = useId();
  const dueTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(dueTimer.current), []);
  const currentOwner = action.owner?.replace(/^@/, '') ?? '';
  // Enter then leaving the field would send the same owner twice.
  const sentOwner = useRef<string | null>(null);
  useEffect(() => {
    sentOwner.current = null;
  }, [currentOwner]);

  function commitOwner(value: string) {
    const owner = value.trim().replace(/^@/, '');
    if (owner === currentOwner || owner === sentOwner.current) return;
    sentOwner.current = owner;
    void onChange({ owner: owner || null }).then((response) => {
      if (!response.ok) sentOwner.current = null;
    });
  }
  function commitDue(value: string) {
    clearTimeout(dueTimer.current);
    if (value !== (action.due ?? '')) void onChange({ due: value || null });
  }

  const fieldClass = 'mt-0.5 block w-full rounded-md border-0 bg-white px-2 py-1 text-sm text-slate-900 ring-1 ring-slate-300 focus:ring-2 focus:ring-indigo-600';
  return (
    <div className="mt-2 grid grid-cols-1 gap-2 sm:grid-cols-2">
      <div>
        <label htmlFor={ownerId} className="text-xs font-medium text-slate-600">
          Owner
        </label>
        <input
          // Server answers replace the field: a new owner from anyone resets it.
          key={currentOwner}
          id={ownerId}
          className={fieldClass}
          list={ownerListId}
          defaultValue={currentOwner}
          placeholder="No owner"
          maxLength={80}
          aria-label={`Owner: ${action.text}`}
          onBlur={(event) => commitOwner(event.currentTarget.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter') commitOwner(event.currentTarget.value);
          }}
        />
      </div>
      <div>
        <label htmlFor={dueId} className="text-xs font-medium text-slate-600">
          Due
        </label>
        <input
          key={action.due ?? ''}
          id={dueId}
          type="date"
          className={fieldClass}
          defaultValue={action.due ?? ''}
          aria-label={`Due: ${action.text}`}
          onChange={(event) => {
            const { value } = event.currentTarget;
            clearTimeout(dueTimer.current);
            dueTimer.current = setTimeout(() => commitDue(value), DUE_SETTLE_MS);
          }}
          onBlur={(event) => commitDue(event.currentTarget.value)}
        />
      </div>
    </div>
  );
}
