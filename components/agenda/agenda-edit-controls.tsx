'use client';

import { useState, type FormEvent } from 'react';
import type { PublicItem } from '@/lib/protocol';
import { Button } from '../ui/button';

const input = 'rounded-md border-0 px-2 py-1.5 text-sm ring-1 ring-slate-300 focus:ring-2 focus:ring-indigo-600';

export function ItemForm({
  item,
  label,
  onSubmit,
  onCancel,
}: {
  item?: PublicItem;
  label: string;
  onSubmit: (fields: { title: string; presenter: string; plannedMinutes: number | null; notes: string }) => Promise<boolean>;
  onCancel: () => void;
}) {
  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const value = (name: string) => String(form.get(name) ?? '').trim();
    const minutes = value('plannedMinutes');
    await onSubmit({ title: value('title'), presenter: value('presenter'), plannedMinutes: minutes ? Number(minutes) : null, notes: value('notes') });
  }
  return (
    <form onSubmit={submit} aria-label={label} className="grid w-full gap-2 sm:grid-cols-[1fr_9rem_5rem]" onKeyDown={(event) => event.key === 'Escape' && onCancel()}>
      <input name="title" aria-label="Item title" placeholder="Item title" required maxLength={200} defaultValue={item?.title} className={input} autoFocus />
      <input name="presenter" aria-label="Presenter" placeholder="Presenter" maxLength={80} defaultValue={item?.presenter} className={input} />
      <input name="plannedMinutes" aria-label="Planned minutes" placeholder="Min" type="number" min={1} max={600} defaultValue={item?.plannedMinutes ?? ''} className={input} />
      <textarea name="notes" aria-label="Notes" placeholder="Notes" maxLength={2000} defaultValue={item?.notes} rows={2} className={`${input} sm:col-span-3`} />
      <div className="flex gap-2 sm:col-span-3">
        <Button type="submit">Save</Button>
        <Button variant="ghost" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </form>
  );
}

export function TitleForm({ initial, label, onSubmit, onCancel }: { initial: string; label: string; onSubmit: (title: string) => Promise<boolean>; onCancel: () => void }) {
  const [title, setTitle] = useState(initial);
  return (
    <form
      aria-label={label}
      className="flex flex-1 gap-2"
      onSubmit={(event) => {
        event.preventDefault();
        void onSubmit(title.trim());
      }}
      onKeyDown={(event) => event.key === 'Escape' && onCancel()}
    >
      <input aria-label={label} value={title} onChange={(event) => setTitle(event.target.value)} required maxLength={200} className={`${input} flex-1`} autoFocus />
      <Button type="submit">Save</Button>
      <Button variant="ghost" onClick={onCancel}>
        Cancel
      </Button>
    </form>
  );
}

/** Small icon-like buttons for reordering and removing; each has a spoken label. */
export function RowActions({
  name,
  onUp,
  onDown,
  onEdit,
  onDelete,
}: {
  name: string;
  onUp?: () => void;
  onDown?: () => void;
  onEdit: () => void;
  onDelete: () => void;
}) {
  const button = 'rounded px-1.5 py-1 text-xs font-semibold text-slate-600 hover:bg-slate-100 disabled:opacity-30';
  return (
    <span className="flex shrink-0 items-center">
      <button type="button" className={button} onClick={onUp} disabled={!onUp} aria-label={`Move “${name}” up`}>
        ↑
      </button>
      <button type="button" className={button} onClick={onDown} disabled={!onDown} aria-label={`Move “${name}” down`}>
        ↓
      </button>
      <button type="button" className={button} onClick={onEdit} aria-label={`Edit “${name}”`}>
        Edit
      </button>
      <button type="button" className={`${button} text-red-700`} onClick={onDelete} aria-label={`Delete “${name}”`}>
        Delete
      </button>
    </span>
  );
}
