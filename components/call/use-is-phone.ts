'use client';

import { useSyncExternalStore } from 'react';

/** Tailwind's `max-md`: the phone layout's breakpoint, so this hook and the CSS classes always agree. */
const PHONE_QUERY = '(width < 48rem)';

function subscribe(onChange: () => void): () => void {
  const query = window.matchMedia(PHONE_QUERY);
  query.addEventListener('change', onChange);
  return () => query.removeEventListener('change', onChange);
}

/**
 * Whether the phone layout applies. The phone-only bars are mounted only then: hidden copies of the current item or the
 * tab names would be found twice by anyone searching the page's text.
 */
export function useIsPhone(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => window.matchMedia(PHONE_QUERY).matches,
    () => false,
  );
}
