import type { CallEvent, CallStatus } from '@/lib/protocol';

export type CallPatch = Partial<{
  status: CallStatus;
  startedAt: Date;
  endedAt: Date;
  currentItemId: string | null;
  itemStartedAt: Date | null;
}>;

/** The stored columns that a list of events changes. */
export function patchFromEvents(events: CallEvent[]): CallPatch {
  const patch: CallPatch = {};
  for (const event of events) {
    if (event.type === 'call.status') {
      patch.status = event.status;
      if (event.startedAt) patch.startedAt = new Date(event.startedAt);
      if (event.endedAt) patch.endedAt = new Date(event.endedAt);
    } else {
      patch.currentItemId = event.currentItemId;
      patch.itemStartedAt = event.itemStartedAt ? new Date(event.itemStartedAt) : null;
    }
  }
  return patch;
}
