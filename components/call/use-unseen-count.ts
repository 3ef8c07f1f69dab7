'use client';

import { useState } from 'react';

/**
 * How many of `ids` arrived since one last looked at them. What is there when the call first loads counts as seen: a
 * newcomer needs no badge for the whole backlog. `ids` is null until the call has loaded.
 */
export function useUnseenCount(ids: readonly string[] | null, isLooking: boolean): number {
  const [seen, setSeen] = useState<ReadonlySet<string> | null>(() => (ids ? new Set(ids) : null));
  if (ids === null) return 0;
  if (seen === null) {
    setSeen(new Set(ids));
    return 0;
  }
  const unseen = ids.filter((id) => !seen.has(id));
  if (isLooking && unseen.length > 0) setSeen(new Set([...seen, ...unseen]));
  return isLooking ? 0 : unseen.length;
}
