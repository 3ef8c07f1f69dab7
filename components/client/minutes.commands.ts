import type { MinutesBinary } from '@/lib/protocol';
import type { CallStore } from './call-store';

/** Syncs by state vector: the answer carries what this copy lacks and the server's own state vector. */
export const sync = (store: CallStore, stateVector: Uint8Array) => store.send('minutes:sync', { stateVector });
export const sendUpdate = (store: CallStore, update: Uint8Array) => store.send('minutes:update', { update });
export const sendAwareness = (store: CallStore, update: Uint8Array) => store.send('minutes:awareness', { update });
export const onUpdate = (store: CallStore, listener: (update: MinutesBinary) => void) => store.listen('minutes:update', listener);
export const onAwareness = (store: CallStore, listener: (update: MinutesBinary) => void) => store.listen('minutes:awareness', listener);

/** Host only: earlier versions, one's text, and a restore that is itself a new change. */
export const history = (store: CallStore) => store.send('minutes:history', {});
export const showSnapshot = (store: CallStore, snapshotId: number) => store.send('minutes:snapshot', { snapshotId });
export const restoreSnapshot = (store: CallStore, snapshotId: number) => store.send('minutes:restore', { snapshotId });
