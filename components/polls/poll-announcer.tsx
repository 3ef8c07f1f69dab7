'use client';

import { announcePolls } from '@/lib/polls';
import type { PollResults, PublicPoll, Role } from '@/lib/protocol';
import { useThrottled } from '../ui/use-throttled';

/** Tells screen readers about polls politely: a poll opening, how many answered, the results at closing; at most every 4 s. */
export function PollAnnouncer({ polls, results, role }: { polls: PublicPoll[]; results: Record<string, PollResults>; role: Role }) {
  const message = useThrottled(announcePolls(polls, results, role), 4000);
  return (
    <div aria-live="polite" className="sr-only" data-testid="poll-announcer">
      {message}
    </div>
  );
}
