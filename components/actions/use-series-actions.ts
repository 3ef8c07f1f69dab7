'use client';

import { useEffect, useState } from 'react';
import type { SeriesActions } from '@/lib/protocol';
import { describeError, readSeriesActions } from '../client/http';

export type SeriesActionsState = { data: SeriesActions | null; isLoading: boolean; error: string | null; retry: () => void };

/** The series' action items in one state (and its decisions), read again when the state changes or on retry. */
export function useSeriesActions(seriesId: string, state: 'open' | 'done'): SeriesActionsState {
  const [attempt, setAttempt] = useState(0);
  const [result, setResult] = useState<{ key: string; data: SeriesActions | null; error: string | null } | null>(null);
  const key = `${seriesId}:${state}:${attempt}`;

  useEffect(() => {
    let isCurrent = true;
    void readSeriesActions(seriesId, state).then((response) => {
      if (!isCurrent) return;
      setResult(response.ok ? { key, data: response.data, error: null } : { key, data: null, error: describeError(response.error) });
    });
    return () => {
      isCurrent = false;
    };
  }, [seriesId, state, key]);

  const isLoading = result?.key !== key;
  return {
    // The previous answer stays while the next loads, so switching tabs does not blank the page.
    data: result?.data ?? null,
    isLoading,
    error: isLoading ? null : (result?.error ?? null),
    retry: () => setAttempt((count) => count + 1),
  };
}
