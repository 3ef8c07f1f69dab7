'use client';

import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { Button } from '../ui/button';

type Props = {
  /** The names to offer: the checked-in participants (null while the list loads). */
  names: string[] | null;
  shortcut: { label: string; aria: string };
  onPick: (owner: string | null) => void;
  /** Closed without a choice (Escape): the caller puts the focus back in the editor. */
  onCancel: () => void;
};

/** The "Action item" button: a menu of owners ("No owner" first); choosing one inserts the item. */
export function OwnerPicker({ names, shortcut, onPick, onCancel }: Props) {
  const [isOpen, setOpen] = useState(false);
  const menuId = useId();
  const menu = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (isOpen) menu.current?.querySelector<HTMLElement>('[role="menuitem"]')?.focus();
  }, [isOpen]);

  function choose(owner: string | null) {
    setOpen(false);
    onPick(owner);
  }

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const items = [...(menu.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];
    const index = items.findIndex((item) => item === document.activeElement);
    const focusAt = (next: number) => items[(next + items.length) % items.length]?.focus();
    if (event.key === 'Escape') {
      setOpen(false);
      onCancel();
    } else if (event.key === 'ArrowDown') focusAt(index + 1);
    else if (event.key === 'ArrowUp') focusAt(index - 1);
    else if (event.key === 'Home') focusAt(0);
    else if (event.key === 'End') focusAt(items.length - 1);
    else if (event.key === 'Tab') setOpen(false);
    else return;
    if (event.key !== 'Tab') event.preventDefault();
  }

  return (
    <div className="relative">
      <Button
        variant="secondary"
        aria-haspopup="menu"
        aria-expanded={isOpen}
        aria-controls={isOpen ? menuId : undefined}
        aria-keyshortcuts={shortcut.aria}
        title="Start an action item on a new line; choose its owner"
        onClick={() => setOpen(!isOpen)}
      >
        Action item
        <kbd aria-hidden className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs text-slate-600">
          {shortcut.label}
        </kbd>
      </Button>
      {isOpen ? (
        <div
          ref={menu}
          id={menuId}
          role="menu"
          aria-label="Owner of the action item"
          className="absolute top-full left-0 z-20 mt-1 max-h-72 w-64 overflow-auto rounded-lg bg-white py-1 shadow-lg ring-1 ring-slate-300"
          onKeyDown={onKeyDown}
          onBlur={(event) => {
            if (!menu.current?.contains(event.relatedTarget)) setOpen(false);
          }}
        >
          <MenuItem label="No owner" isMuted onSelect={() => choose(null)} />
          {names === null ? <p className="px-3 py-2 text-sm text-slate-500">Loading participants…</p> : null}
          {names?.length === 0 ? <p className="px-3 py-2 text-sm text-slate-500">Nobody has checked in yet.</p> : null}
          {names?.map((name) => <MenuItem key={name} label={name} onSelect={() => choose(name)} />)}
        </div>
      ) : null}
    </div>
  );
}

function MenuItem({ label, isMuted = false, onSelect }: { label: string; isMuted?: boolean; onSelect: () => void }) {
  return (
    <button
      type="button"
      role="menuitem"
      tabIndex={-1}
      className={`block w-full truncate px-3 py-2 text-left text-sm hover:bg-indigo-50 focus:bg-indigo-50 focus:outline-none ${isMuted ? 'text-slate-500 italic' : 'text-slate-800'}`}
      onClick={onSelect}
    >
      {label}
    </button>
  );
}
