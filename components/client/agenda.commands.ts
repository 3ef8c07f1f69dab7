import type { CommandPayload } from '@/lib/protocol';
import type { CallStore } from './call-store';

/** The host runs the call: start and end it, move through the agenda, and steer the item timer. */
export const startCall = (store: CallStore) => store.send('call:start', {});
export const endCall = (store: CallStore) => store.send('call:end', {});
export const advance = (store: CallStore, direction: 'next' | 'previous') => store.send('agenda:advance', { direction });
export const jumpTo = (store: CallStore, itemId: string) => store.send('agenda:jump', { itemId });
export const pauseTimer = (store: CallStore) => store.send('timer:pause', {});
export const resumeTimer = (store: CallStore) => store.send('timer:resume', {});
export const resetTimer = (store: CallStore) => store.send('timer:reset', {});
export const extendTimer = (store: CallStore, minutes: number) => store.send('timer:extend', { minutes });

/** The host edits the agenda while the call is on. */
export const addSection = (store: CallStore, title: string) => store.send('agenda:addSection', { title, notes: '' });
export const renameSection = (store: CallStore, sectionId: string, title: string) => store.send('agenda:updateSection', { sectionId, title });
export const deleteSection = (store: CallStore, sectionId: string) => store.send('agenda:deleteSection', { sectionId });
export const moveSection = (store: CallStore, sectionId: string, toIndex: number) => store.send('agenda:moveSection', { sectionId, toIndex });

type ItemFields = Omit<CommandPayload<'agenda:addItem'>, 'sectionId' | 'index'>;
export const addItem = (store: CallStore, sectionId: string, fields: ItemFields) => store.send('agenda:addItem', { sectionId, ...fields });
export const updateItem = (store: CallStore, itemId: string, fields: Partial<ItemFields>) => store.send('agenda:updateItem', { itemId, ...fields });
export const deleteItem = (store: CallStore, itemId: string) => store.send('agenda:deleteItem', { itemId });
export const moveItem = (store: CallStore, itemId: string, toSectionId: string, toIndex: number) => store.send('agenda:moveItem', { itemId, toSectionId, toIndex });
