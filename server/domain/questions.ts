import { CommandError, type PublicQuestion, type QuestionState, type Role } from '@/lib/protocol';
import { isPublicState } from '@/lib/questions';
import type { Decision, Notice } from './decision';

export type ModerationCommand =
  | { type: 'approve' }
  | { type: 'pin' }
  | { type: 'answer'; answer: string; answeredBy: string }
  | { type: 'dismiss' }
  | { type: 'restore' }
  | { type: 'edit'; text: string };

/** Who looks at the questions: moderators (hosts and scribes) see every one; anyone else the public ones and their own waiting for approval. */
export type QuestionViewer = { isModerator: boolean; ownQuestionIds: readonly string[] };

/** Hosts and scribes see every question, waiting or dismissed, whether or not they may moderate. */
export function seesEveryQuestion(role: Role): boolean {
  return role !== 'attendee';
}

export function visibleQuestions(viewer: QuestionViewer, questions: PublicQuestion[]): PublicQuestion[] {
  if (viewer.isModerator) return questions;
  return questions.filter((question) => isPublicState(question.state) || (question.state === 'pending' && viewer.ownQuestionIds.includes(question.id)));
}

/**
 * How changed questions are published: a change to a question everyone sees (or saw) is a sequenced event; a
 * change to one still hidden goes to the moderators and its asker only.
 */
export function publishQuestionChanges(before: PublicQuestion[], after: PublicQuestion[], authorId: string | null): Decision {
  const wasPublic = new Map(before.map((question) => [question.id, isPublicState(question.state)]));
  const events: Decision['events'] = [];
  const notices: Notice[] = [];
  for (const question of after) {
    if (isPublicState(question.state) || wasPublic.get(question.id)) events.push({ type: 'question.upserted', question });
    else notices.push({ type: 'question.hidden', question, authorId });
  }
  return { events, notices };
}

function requireState(question: PublicQuestion, allowed: QuestionState[], message: string) {
  if (!allowed.includes(question.state)) throw new CommandError('invalid_state', message);
}

/**
 * The questions a moderation command changes. Pinning one question as "answering now" returns the one it
 * replaces to the queue, so only one is ever pinned.
 */
export function decideModeration(question: PublicQuestion, command: ModerationCommand, pinned: PublicQuestion | null): PublicQuestion[] {
  switch (command.type) {
    case 'approve':
      requireState(question, ['pending'], 'Only a question waiting for approval can be approved.');
      return [{ ...question, state: 'open' }];
    case 'pin': {
      requireState(question, ['open', 'answered', 'pending'], 'Only a question in the queue can be pinned.');
      const unpinned = pinned && pinned.id !== question.id ? [{ ...pinned, state: 'open' as const }] : [];
      return [...unpinned, { ...question, state: 'answering' }];
    }
    case 'answer':
      requireState(question, ['pending', 'open', 'answering', 'answered'], 'A dismissed question cannot be answered; restore it first.');
      return [{ ...question, state: 'answered', answer: command.answer, answeredBy: command.answeredBy }];
    case 'dismiss':
      requireState(question, ['pending', 'open', 'answering', 'answered'], 'The question is already dismissed.');
      return [{ ...question, state: 'dismissed' }];
    case 'restore':
      requireState(question, ['dismissed', 'answered'], 'Only a dismissed or answered question can be restored.');
      return [{ ...question, state: 'open' }];
    case 'edit':
      return [{ ...question, text: command.text }];
  }
}

export function checkMerge(source: PublicQuestion, target: PublicQuestion): void {
  if (source.id === target.id) throw new CommandError('invalid_state', 'A question cannot be merged into itself.');
  if (target.state === 'dismissed' || target.state === 'pending') {
    throw new CommandError('invalid_state', 'Merge into a question that is visible in the queue.');
  }
  if (source.state === 'dismissed') throw new CommandError('invalid_state', 'That question is already dismissed or merged.');
}
