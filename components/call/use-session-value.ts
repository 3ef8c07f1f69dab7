'use client';

import { useState } from 'react';

function read(key: string): string | null {
  try {
    return window.sessionStorage.getItem(key);
  } catch {
    return null; // Storage blocked (private mode, sandboxed frame): the value lasts until the page closes.
  }
}

function write(key: string, value: string): void {
  try {
    window.sessionStorage.setItem(key, value);
  } catch {
    // As above: nothing to keep it in.
  }
}

/** A string kept in this tab's sessionStorage, so a reload keeps it while a new visit starts afresh. Browser only. */
export function useSessionValue(key: string): [string | null, (value: string) => void] {
  const [value, setValue] = useState(() => read(key));
  const update = (next: string) => {
    setValue(next);
    write(key, next);
  };
  return [value, update];
}
