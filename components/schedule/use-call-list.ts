'use client';

import { useCallback, useEffect, useState } from 'react';
import type { CallList, CallSummary, CallView } from '@/lib/protocol/schedule';
import { listCalls, type HttpClientError } from '../client/http';

export const PAGE_SIZE = 20;

function listErrorMessage(error: HttpClientError): string {
  if (error.code === 'network') return 'Could not reach the server.';
  const isUnreadableList = error.code === 'bad_response' && error.status !== undefined && error.status < 300;
  return isUnreadableList ? 'The server sent a list this page cannot read.' : error.message;
}

async function fetchCallPage(view: CallView, cursor: string | null): Promise<CallList> {
  const result = await listCalls({ view, limit: PAGE_SIZE, cursor });
  if (!result.ok) throw new Error(listErrorMessage(result.error));
  return result.data;
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
