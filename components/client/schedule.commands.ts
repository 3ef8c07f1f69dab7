import type { CommandPayload } from '@/lib/protocol';
import type { CallStore } from './call-store';

export type ScheduleCommand = CommandPayload<'call:schedule'>;

/** Host only: dates the call (null: to be announced) and may change its timezone, length and documents base URL. */
export const reschedule = (store: CallStore, schedule: ScheduleCommand) => store.send('call:schedule', schedule);
