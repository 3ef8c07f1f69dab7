import { listItems } from '@/lib/call-state';
import { requirePermission } from '@/lib/permissions';
import { CommandError, type PublicCall, type PublicQuestion, type QaSettings, type Role } from '@/lib/protocol';
import type { Decision } from './decision';
import { checkMerge, decideModeration, publishQuestionChanges, type ModerationCommand } from './questions';

export type Asker = { role: Role; participantId: string; displayName: string };
export type AskInput = { id: string; text: string; isAnonymous: boolean; itemId: string | null; createdAt: string };

/** A new question: open at once, or waiting for a moderator when the host moderates and an attendee asks. */
export function decideAsk(call: PublicCall, asker: Asker, input: AskInput): Decision & { question: PublicQuestion } {
  if (call.status === 'ended') throw new CommandError('invalid_state', 'This call has ended; questions are closed.');
  if (!call.qaOpen) throw new CommandError('invalid_state', 'The host has closed questions for now.');
  if (input.itemId && !listItems(call).some((item) => item.id === input.itemId)) throw new CommandError('not_found', 'That agenda item does not exist.');
  const state = call.qaModerated && asker.role === 'attendee' ? 'pending' : 'open';
  const question: PublicQuestion = {
    ...input,
    state,
    authorName: input.isAnonymous ? '' : asker.displayName,
    answer: '',
    answeredBy: '',
    voteCount: 0,
  };
  return { question, ...publishQuestionChanges([], [question], asker.participantId) };
}

/** A moderated question and the one pinned before it (for a pin). */
export type ModerationTarget = { question: PublicQuestion; authorId: string | null; pinned: PublicQuestion | null };

/** Moderation, checked against the call's settings (whether scribes may moderate). */
export function decideModerationCommand(call: PublicCall, role: Role, target: ModerationTarget, command: ModerationCommand): Decision & { changed: PublicQuestion[] } {
  requirePermission(role, `qa:${command.type}`, { settings: call });
  const { question, authorId, pinned } = target;
  const changed = decideModeration(question, command, pinned);
  return { changed, ...publishQuestionChanges(pinned ? [question, pinned] : [question], changed, authorId) };
}

/** A duplicate folds into another question; the target's new tally follows on the next tick. */
export function decideMerge(call: PublicCall, role: Role, source: PublicQuestion, target: PublicQuestion): Decision {
  checkMerge(source, target);
  requirePermission(role, 'qa:merge', { settings: call });
  return { events: [{ type: 'question.merged', questionId: source.id, intoQuestionId: target.id }], notices: [{ type: 'tally.changed', questionId: target.id }] };
}

/**
 * The Q&A settings. Opening submissions sets the voters' cutoff (`qaOpenedAt`); so does limiting votes to earlier
 * participants while submissions are open and no cutoff was set yet.
 */
export function decideQaSettings(call: PublicCall, settings: Partial<QaSettings>, now: Date): Decision {
  const next: QaSettings = {
    qaOpen: settings.qaOpen ?? call.qaOpen,
    qaModerated: settings.qaModerated ?? call.qaModerated,
    qaScribesModerate: settings.qaScribesModerate ?? call.qaScribesModerate,
    scribesRunPolls: settings.scribesRunPolls ?? call.scribesRunPolls,
    qaVotersBeforeOpen: settings.qaVotersBeforeOpen ?? call.qaVotersBeforeOpen,
    qaHoldVoteBursts: settings.qaHoldVoteBursts ?? call.qaHoldVoteBursts,
  };
  const opens = next.qaOpen && (!call.qaOpen || (next.qaVotersBeforeOpen && !call.qaVotersBeforeOpen && call.qaOpenedAt === null));
  const qaOpenedAt = opens ? now.toISOString() : call.qaOpenedAt;
  return { events: [{ type: 'qa.settings', ...next, qaOpenedAt }], notices: [] };
}
