import type { CommandPayload, Reaction, ReactionBurst } from '@/lib/protocol';
import type { CallStore } from './call-store';

/** Those who run polls (the host, and scribes when the host allows it): a poll starts as a draft. */
export const create = (store: CallStore, poll: CommandPayload<'poll:create'>) => store.send('poll:create', poll);
export const open = (store: CallStore, pollId: string) => store.send('poll:open', { pollId });
export const close = (store: CallStore, pollId: string) => store.send('poll:close', { pollId });
export const remove = (store: CallStore, pollId: string) => store.send('poll:delete', { pollId });
export const hideAnswer = (store: CallStore, pollId: string, answerId: string, hidden: boolean) => store.send('poll:hideAnswer', { pollId, answerId, hidden });

/** Everyone checked in; answering again replaces one's answer, and the store remembers it. */
export const answer = (store: CallStore, pollId: string, answer: { optionIds?: string[]; rating?: number; text?: string }) =>
  store.send('poll:answer', { pollId, ...answer });

/** Reactions: sent one at a time, and arriving merged per tick as bursts nobody keeps. */
export const react = (store: CallStore, emoji: Reaction) => store.send('reaction:send', { emoji });
export const onReactions = (store: CallStore, listener: (burst: ReactionBurst) => void) => store.listen('reactions', listener);
