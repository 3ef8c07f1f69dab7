import type { CommandPayload, ParticipantChange, ParticipantView } from '@/lib/protocol';
import type { CallStore } from './call-store';

/** Checks in (or edits one's check-in); the store keeps the token so a reload stays checked in. */
export const checkIn = (store: CallStore, profile: CommandPayload<'participant:checkIn'>) => store.send('participant:checkIn', profile);

/** The live list: `list` answers with it and follows its changes (see `onChanged`) until `unfollow`. */
export const list = (store: CallStore) => store.send('participants:list', {});
export const unfollow = (store: CallStore) => store.send('participants:unfollow', {});
export const onChanged = (store: CallStore, listener: (changes: ParticipantChange[]) => void) => store.listen('participants:changed', listener);
/** One's own entry after it changed elsewhere (e.g. the host lowered one's hand). */
export const onSelf = (store: CallStore, listener: (self: ParticipantView) => void) => store.listen('participant:self', listener);

/** Host only. */
export const setTeam = (store: CallStore, participantId: string, isTeam: boolean) => store.send('participant:setTeam', { participantId, isTeam });
export const remove = (store: CallStore, participantId: string, block: boolean) => store.send('participant:remove', { participantId, block });

/** One's own hand; the host lowers anyone's by id. */
export const raiseHand = (store: CallStore) => store.send('hand:raise', {});
export const lowerHand = (store: CallStore, participantId?: string) => store.send('hand:lower', participantId ? { participantId } : {});

/** The intro round: the host runs it; a waiting participant may go later or skip. */
export const startIntro = (store: CallStore, order: 'checkIn' | 'shuffle') => store.send('intro:start', { order });
export const nextSpeaker = (store: CallStore) => store.send('intro:next', {});
export const reorderIntro = (store: CallStore, participantIds: string[]) => store.send('intro:reorder', { participantIds });
export const endIntro = (store: CallStore) => store.send('intro:end', {});
export const introduceLater = (store: CallStore) => store.send('intro:later', {});
export const skipIntro = (store: CallStore) => store.send('intro:skip', {});
