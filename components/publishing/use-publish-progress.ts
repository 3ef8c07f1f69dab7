'use client';

import { useCallback, useEffect, useState } from 'react';
import type { PublishProgress } from '@/lib/protocol';
import type { CallStore } from '../client/call-store';
import * as publishing from '../client/publishing.events';

export type ProgressByOperation = Record<PublishProgress['operation'], PublishProgress | null>;

/**
 * The latest `publish:progress` of each operation while this panel is open. It is not kept in the call store:
 * only the publishing panel reads it, and a missed step matters to no one once the run has answered.
 */
export function usePublishProgress(store: CallStore) {
  const [progress, setProgress] = useState<ProgressByOperation>({ publish: null, import: null });
  useEffect(() => publishing.onProgress(store, (next) => setProgress((current) => ({ ...current, [next.operation]: next }))), [store]);
  const clear = useCallback((operation: PublishProgress['operation']) => setProgress((current) => ({ ...current, [operation]: null })), []);
  return { progress, clear };
}
