'use client';

import { useEffect, useId, useRef } from 'react';
import type { CallView } from '@/lib/protocol/schedule';
import { Button } from '../ui/button';
import { CallSummaryRow } from './call-summary-row';
import { useCallList } from './use-call-list';

export function CallListSection({ view, title, emptyText }: { view: CallView; title: string; emptyText: string }) {
  const headingId = useId();
  const { calls, nextCursor, isLoading, error, loadMore } = useCallList(view);
  const listRef = useRef<HTMLUListElement>(null);
  // After "Load more" the button may disappear; focus moves to the first new call so keyboard users keep their place.
  const focusIndex = useRef<number | null>(null);

  useEffect(() => {
    const index = focusIndex.current;
    if (index === null || isLoading) return;
    focusIndex.current = null;
    listRef.current?.querySelectorAll('a')[index]?.focus();
  }, [calls, isLoading]);

  function onLoadMore() {
    focusIndex.current = calls.length;
    loadMore();
  }

  return (
    <section aria-labelledby={headingId} aria-busy={isLoading} className="space-y-3">
      <h2 id={headingId} className="text-lg font-bold text-slate-900">
        {title}
      </h2>
      {calls.length > 0 ? (
        <ul ref={listRef} className="space-y-2">
          {calls.map((call) => (
            <CallSummaryRow key={call.slug} call={call} view={view} />
          ))}
        </ul>
      ) : null}
      {calls.length === 0 && !isLoading && !error ? <p className="rounded-xl border border-dashed border-slate-300 p-4 text-sm text-slate-600">{emptyText}</p> : null}
      {isLoading ? (
        <p role="status" className="text-sm text-slate-500">
          Loading {title.toLowerCase()} calls…
        </p>
      ) : null}
      {error ? (
        <div role="alert" className="flex flex-wrap items-center gap-3 rounded-lg bg-red-50 px-3 py-2 text-sm text-red-800 ring-1 ring-red-200">
          <span>{error}</span>
          <Button variant="secondary" onClick={onLoadMore}>
            Try again
          </Button>
        </div>
      ) : null}
      {nextCursor && !error ? (
        <Button variant="secondary" className="w-full sm:w-auto" aria-disabled={isLoading} onClick={onLoadMore}>
          Load more<span className="sr-only"> {title.toLowerCase()} calls</span>
        </Button>
      ) : null}
    </section>
  );
}
