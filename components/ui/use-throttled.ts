'use client';

import { useEffect, useRef, useState } from 'react';

/**
 * The latest `value`, but changing at most once per `intervalMs` (the last change always arrives): for live
 * regions, so a screen reader hears a short summary now and then instead of every tick.
 */
export function useThrottled<T>(value: T, intervalMs: number): T {
  const [shown, setShown] = useState(value);
  const shownAt = useRef(0);
  useEffect(() => {
    if (Object.is(value, shown)) return;
    const wait = Math.max(0, shownAt.current + intervalMs - Date.now());
    const timer = setTimeout(() => {
      shownAt.current = Date.now();
      setShown(value);
    }, wait);
    return () => clearTimeout(timer);
  }, [value, shown, intervalMs]);
  return shown;
}
