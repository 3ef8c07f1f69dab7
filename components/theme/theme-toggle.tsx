'use client';

import { useSyncExternalStore } from 'react';
import { readThemePreference, subscribeToThemePreference, writeThemePreference, type ThemePreference } from './theme-preference';

const OPTIONS: { value: ThemePreference; label: string }[] = [
  { value: 'system', label: 'System' },
  { value: 'light', label: 'Light' },
  { value: 'dark', label: 'Dark' },
];

// The server cannot know what this browser stored; the first client render corrects the pressed button.
const serverPreference = (): ThemePreference => 'system';

/** System / Light / Dark as pressed buttons; the choice is kept in this browser. */
export function ThemeToggle() {
  const preference = useSyncExternalStore(subscribeToThemePreference, readThemePreference, serverPreference);
  return (
    <div role="group" aria-label="Color theme" className="inline-flex items-center gap-1 rounded-lg bg-slate-100 p-1 text-sm">
      <span className="px-2 text-slate-600" aria-hidden>
        Theme
      </span>
      {OPTIONS.map(({ value, label }) => (
        <button
          key={value}
          type="button"
          aria-pressed={preference === value}
          onClick={() => writeThemePreference(value)}
          className={`min-h-9 rounded-md px-3 font-semibold ${preference === value ? 'bg-white text-slate-900 shadow-sm' : 'text-slate-600 hover:text-slate-900'}`}
        >
          {label}
        </button>
      ))}
    </div>
  );
}
