'use client';

import { useCallback, useEffect, useState } from 'react';
import { apiErrorSchema, callListSchema, type CallList, type CallSummary, type CallView } from '@/lib/protocol/schedule';

export const PAGE_SIZE = 20;

async function fetchCallPage(view: CallView, cursor: string | null): Promise<CallList> {
  const query = new URLSearchParams({ view, limit: String(PAGE_SIZE) });
  if (cursor) query.set('cursor', cursor);
  const response = await fetch(`/api/calls?${query}`, { cache: 'no-store' });
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) throw new Error(apiErrorSchema.safeParse(body).data?.error.message ?? `The server answered ${response.status}.`);
  const parsed = callListSchema.safeParse(body);
  if (!parsed.success) throw new Error('The server sent a list this page cannot read.');
  return parsed.data;
}

type ListState = { calls: CallSummary[]; nextCursor: string | null; isLoading: boolean; error: string | null };

/** One view of the call list, loaded a page at a time. */
export function useCallList(view: CallView) {
  const [state, setState] = useState<ListState>({ calls: [], nextCursor: null, isLoading: true, error: null });

  const request = useCallback(
    (cursor: string | null) => {
      fetchCallPage(view, cursor).then(
        (page) =>
          setState((previous) => ({
            calls: cursor ? [...previous.calls, ...page.calls] : page.calls,
            nextCursor: page.nextCursor,
            isLoading: false,
            error: null,
          })),
        (error: unknown) =>
          setState((previous) => ({
            ...previous,
            isLoading: false,
            error: error instanceof Error && error.message !== 'Failed to fetch' ? error.message : 'Could not reach the server.',
          })),
      );
    },
    [view],
  );

  useEffect(() => request(null), [request]);

  /** Loads the next page, or retries the page that failed. */
  function loadMore() {
    if (state.isLoading) return;
    setState((previous) => ({ ...previous, isLoading: true, error: null }));
    request(state.calls.length > 0 ? state.nextCursor : null);
  }

  return { ...state, loadMore };
}
