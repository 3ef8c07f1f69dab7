'use client';

import { useEffect, useState, useSyncExternalStore } from 'react';
import { CallStore } from './call-store';

function readKeyFromHash(): string | undefined {
  const match = /(?:^#|&)key=([\w-]+)/.exec(window.location.hash);
  return match?.[1];
}

/** Connects to a call for as long as the component is mounted. Call only in the browser. */
export function useCallStore(slug: string): CallStore {
  const [store] = useState(() => new CallStore(slug, readKeyFromHash()));
  useEffect(() => {
    store.start();
    return () => store.stop();
  }, [store]);
  return store;
}

export function useCallState(store: CallStore) {
  return useSyncExternalStore(store.subscribe, store.getState, store.getState);
}

const subscribeNever = () => () => undefined;

/** False during server rendering and hydration, true afterwards. */
export function useIsClient(): boolean {
  return useSyncExternalStore(subscribeNever, () => true, () => false);
}

/** Re-renders every `intervalMs` for clocks and timers. */
export function useNow(intervalMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}
