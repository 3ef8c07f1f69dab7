import type { CommandPayload } from '@/lib/protocol';
import type { CallStore } from './call-store';

export type ActionChange = Omit<CommandPayload<'action:update'>, 'actionId'>;

/** Hosts and scribes: an item's owner, due date, or done. The answer to everyone is the next `actions:update`. */
export const updateAction = (store: CallStore, actionId: string, change: ActionChange) => store.send('action:update', { actionId, ...change });
