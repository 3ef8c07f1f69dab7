import { MAX_GROUP_REMOVAL, type Ack, type CommandPayload, type CommandResults, type QaSettings } from '@/lib/protocol';
import type { CallStore } from './call-store';

/** Everyone checked in: ask and vote. The store remembers one's own questions and votes from the answers. */
export const ask = (store: CallStore, question: CommandPayload<'qa:ask'>) => store.send('qa:ask', question);
export const vote = (store: CallStore, questionId: string) => store.send('qa:vote', { questionId });
export const unvote = (store: CallStore, questionId: string) => store.send('qa:unvote', { questionId });

/** Moderators (the host, and scribes when the host allows it). */
export const approve = (store: CallStore, questionId: string) => store.send('qa:approve', { questionId });
export const pin = (store: CallStore, questionId: string) => store.send('qa:pin', { questionId });
export const answer = (store: CallStore, questionId: string, text: string, answeredBy: string) => store.send('qa:answer', { questionId, answer: text, answeredBy });
export const dismiss = (store: CallStore, questionId: string) => store.send('qa:dismiss', { questionId });
export const restore = (store: CallStore, questionId: string) => store.send('qa:restore', { questionId });
export const edit = (store: CallStore, questionId: string, text: string) => store.send('qa:edit', { questionId, text });
export const merge = (store: CallStore, questionId: string, intoQuestionId: string) => store.send('qa:merge', { questionId, intoQuestionId });

/** Moderators: who voted for a question, grouped by how they joined; remove a group with its votes and questions. */
export const reviewVoters = (store: CallStore, questionId: string) => store.send('qa:voters', { questionId });

/**
 * Removes a group of any size as one action: in commands of at most `MAX_GROUP_REMOVAL` participants, each one
 * recounted exactly when it lands, with `onProgress` after each; stops at the first refusal.
 */
export async function removeGroup(store: CallStore, participantIds: string[], onProgress: (removed: number) => void = () => {}): Promise<Ack<CommandResults['qa:removeGroup']>> {
  let removed = 0;
  let response: Ack<CommandResults['qa:removeGroup']>;
  do {
    response = await store.send('qa:removeGroup', { participantIds: participantIds.slice(removed, removed + MAX_GROUP_REMOVAL), block: false });
    if (!response.ok) return response;
    removed = Math.min(participantIds.length, removed + MAX_GROUP_REMOVAL);
    onProgress(removed);
  } while (removed < participantIds.length);
  return response;
}

/** Host only: open or close questions, pre-moderation, and whether scribes moderate. */
export const updateSettings = (store: CallStore, settings: Partial<QaSettings>) => store.send('qa:settings', settings);
