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
