'use client';

import { useIsClient } from '../ui/use-clock';
import { CallListSection } from './call-list-section';

/** The three views of the call list. Loaded in the browser only: times depend on the viewer's timezone. */
export function CallList() {
  const isClient = useIsClient();
  if (!isClient) {
    return (
      <p role="status" className="text-slate-600">
        Loading calls…
      </p>
    );
  }
  return (
    <div className="space-y-10">
      <CallListSection view="live" title="Live now" emptyText="No call is live right now." />
      <CallListSection view="upcoming" title="Upcoming" emptyText="No upcoming calls yet. Plan one to see it here." />
      <CallListSection view="past" title="Past" emptyText="No past calls yet." />
    </div>
  );
}
