import type { CallEvent, CallStatus } from '@/lib/protocol';

export type CallPatch = Partial<{
  status: CallStatus;
  startedAt: Date;
  endedAt: Date;
  currentItemId: string | null;
  itemStartedAt: Date | null;
  timerPausedAt: Date | null;
  timerExtraSeconds: number;
  qaOpen: boolean;
  qaModerated: boolean;
  qaScribesModerate: boolean;
  scribesRunPolls: boolean;
  qaVotersBeforeOpen: boolean;
  qaHoldVoteBursts: boolean;
  qaOpenedAt: Date | null;
  introState: string;
  startsAt: Date | null;
  timezone: string;
  plannedMinutes: number;
  documentsBaseUrl: string;
}>;

const toDate = (iso: string | null) => (iso ? new Date(iso) : null);

/** The stored call columns that a list of events changes (agenda edits are stored row by row instead). */
export function patchFromEvents(events: CallEvent[]): CallPatch {
  const patch: CallPatch = {};
  for (const event of events) {
    if (event.type === 'call.status') {
      patch.status = event.status;
      if (event.startedAt) patch.startedAt = new Date(event.startedAt);
      if (event.endedAt) patch.endedAt = new Date(event.endedAt);
    } else if (event.type === 'call.scheduled') {
      const { timezone, plannedMinutes, documentsBaseUrl } = event;
      Object.assign(patch, { startsAt: toDate(event.startsAt), timezone, plannedMinutes, documentsBaseUrl });
    } else if (event.type === 'agenda.current') {
      Object.assign(patch, { currentItemId: event.currentItemId, itemStartedAt: toDate(event.itemStartedAt), timerPausedAt: null, timerExtraSeconds: 0 });
    } else if (event.type === 'qa.settings') {
      const { type: _type, qaOpenedAt, ...settings } = event;
      Object.assign(patch, { ...settings, qaOpenedAt: toDate(qaOpenedAt) });
    } else if (event.type === 'intro.updated') {
      patch.introState = event.intro ? JSON.stringify(event.intro) : '';
    } else if (event.type === 'timer.changed') {
      Object.assign(patch, { itemStartedAt: toDate(event.itemStartedAt), timerPausedAt: toDate(event.timerPausedAt), timerExtraSeconds: event.timerExtraSeconds });
    }
  }
  return patch;
}
