import { listItems } from '@/lib/call-state';
import {
  CommandError,
  POLL_LIMITS,
  RATING_MAX,
  RATING_MIN,
  type PollAnswer,
  type PollResults,
  type PollTextAnswer,
  type PublicCall,
  type PublicPoll,
} from '@/lib/protocol';
import { answerOf, canSeeResults } from '@/lib/polls';
import { countWords } from '@/lib/word-cloud';
import type { Decision, Notice } from './decision';

/** Poll rules, pure: what an answer may be, how a poll moves between states, what its results are and who sees them. */
export type Poll = PublicPoll;
export type PollAnswerInput = { optionIds?: string[]; rating?: number; text?: string };

/** How many of the newest open-text answers results carry; the word cloud counts all of them. */
export const RESULT_TEXTS = 100;
/** How many words the cloud shows. */
export const CLOUD_WORDS = 40;

function refuse(message: string): never {
  throw new CommandError('invalid_payload', message);
}

function requireRunning(call: PublicCall): void {
  if (call.status === 'ended') throw new CommandError('invalid_state', 'This call has ended; its polls are closed.');
}

/** The answer a participant may store for `poll`, read from what they sent; refused with a reason otherwise. */
export function decideAnswer(poll: Poll, input: PollAnswerInput): PollAnswer {
  if (poll.status !== 'open') throw new CommandError('invalid_state', poll.status === 'closed' ? 'This poll is closed.' : 'This poll is not open yet.');
  switch (poll.kind) {
    case 'single':
    case 'multiple': {
      const chosen = [...new Set(input.optionIds ?? [])];
      if (chosen.length === 0) refuse('Choose an option.');
      const known = new Set(poll.options.map((option) => option.id));
      if (chosen.some((id) => !known.has(id))) refuse('That option is not part of this poll.');
      if (poll.kind === 'single' && chosen.length > 1) refuse('Choose one option.');
      if (poll.kind === 'multiple' && poll.maxChoices !== null && chosen.length > poll.maxChoices) refuse(`Choose at most ${poll.maxChoices} options.`);
      // Stored in the poll's order, so equal answers group together however they were sent.
      return answerOf(poll, { optionIds: chosen })!;
    }
    case 'rating': {
      const { rating } = input;
      if (rating === undefined || !Number.isInteger(rating) || rating < RATING_MIN || rating > RATING_MAX) refuse(`Rate from ${RATING_MIN} to ${RATING_MAX}.`);
      return { rating };
    }
    case 'text': {
      const answer = answerOf(poll, { text: input.text ?? '' });
      if (!answer || !('text' in answer) || answer.text === '') refuse('Write an answer.');
      if (answer.text.length > POLL_LIMITS.text) refuse(`Keep the answer under ${POLL_LIMITS.text} characters.`);
      return answer;
    }
  }
}

export type NewPoll = Omit<Poll, 'status' | 'openedAt'>;

/** A new poll starts as a draft: only those who run polls see it until it is opened. */
export function decideCreate(call: PublicCall, input: NewPoll): Decision & { poll: Poll } {
  requireRunning(call);
  if (input.itemId && !listItems(call).some((item) => item.id === input.itemId)) throw new CommandError('not_found', 'That agenda item does not exist.');
  const poll: Poll = { ...input, status: 'draft', openedAt: null };
  return { poll, events: [], notices: [{ type: 'poll.draft', poll }] };
}

/** Opening shows the poll to everyone; a closed poll may be reopened, and answers given before are kept. */
export function decideStatus(call: PublicCall, poll: Poll, next: 'open' | 'closed', now: string): Decision & { poll: Poll } {
  if (poll.status === next) throw new CommandError('invalid_state', next === 'open' ? 'The poll is already open.' : 'The poll is already closed.');
  if (next === 'closed' && poll.status === 'draft') throw new CommandError('invalid_state', 'Open the poll before closing it.');
  if (next === 'open') requireRunning(call);
  const changed: Poll = { ...poll, status: next, openedAt: poll.openedAt ?? now };
  // Results kept until closing reach attendees now; live ones get a fresh count either way.
  return { poll: changed, events: [{ type: 'poll.upserted', poll: changed }], notices: [{ type: 'poll.answered', pollId: poll.id }] };
}

export function decideDelete(poll: Poll): Decision {
  return { events: [{ type: 'poll.deleted', pollId: poll.id }], notices: [] };
}

/** Stored answers as the database groups them: equal answers counted together. */
export type AnswerGroup = { optionIds?: string[]; rating?: number; count: number };
/** An open-text answer or a named answer, with who gave it. */
export type StoredAnswer = PollTextAnswer & { hidden: boolean; name: string; optionIds?: string[]; rating?: number };

const percentOf = (count: number, answered: number) => (answered === 0 ? 0 : Math.round((count / answered) * 100));

function choicesOf(poll: Poll) {
  if (poll.kind !== 'rating') return poll.options;
  return Array.from({ length: RATING_MAX - RATING_MIN + 1 }, (_, index) => ({ id: String(RATING_MIN + index), label: String(RATING_MIN + index) }));
}

/**
 * Results as those who run polls see them: counts per option with the share of those who answered (multiple
 * choice can add up to more than 100 %), the rating's mean, the word cloud and the newest texts, and for a named
 * poll who chose what. `publicResults` takes out what attendees may not see.
 */
export function tallyPoll(poll: Poll, groups: readonly AnswerGroup[], stored: readonly StoredAnswer[] = []): PollResults {
  const choices = choicesOf(poll);
  const counts = new Map(choices.map((option) => [option.id, 0]));
  let answered = 0;
  let ratingSum = 0;
  let ratings = 0;
  for (const group of groups) {
    answered += group.count;
    const ids = group.rating !== undefined ? [String(group.rating)] : (group.optionIds ?? []);
    for (const id of ids) if (counts.has(id)) counts.set(id, counts.get(id)! + group.count);
    if (group.rating !== undefined) {
      ratingSum += group.rating * group.count;
      ratings += group.count;
    }
  }
  const visible = stored.filter((answer) => !answer.hidden);
  const results: PollResults = {
    answered,
    options: poll.kind === 'text' ? [] : choices.map((option) => ({ ...option, count: counts.get(option.id)!, percent: percentOf(counts.get(option.id)!, answered) })),
    average: ratings === 0 ? null : Math.round((ratingSum / ratings) * 10) / 10,
    words: poll.kind === 'text' ? countWords(visible.map((answer) => answer.text)).slice(0, CLOUD_WORDS) : [],
    texts:
      poll.kind === 'text'
        ? stored.slice(-RESULT_TEXTS).map(({ id, text, hidden, name }) => ({ id, text, ...(hidden ? { hidden } : {}), ...(poll.isNamed ? { name } : {}) }))
        : [],
  };
  if (poll.isNamed && poll.kind !== 'text') {
    const voters: Record<string, string[]> = Object.fromEntries(choices.map((option) => [option.id, [] as string[]]));
    for (const answer of stored) {
      const ids = answer.rating !== undefined ? [String(answer.rating)] : (answer.optionIds ?? []);
      for (const id of ids) voters[id]?.push(answer.name);
    }
    results.voters = voters;
  }
  return results;
}

/** What attendees see of results: no hidden answers, and never who gave which answer. */
export function publicResults(results: PollResults): PollResults {
  const { voters: _voters, ...rest } = results;
  return { ...rest, texts: results.texts.filter((answer) => !answer.hidden).map(({ id, text }) => ({ id, text })) };
}

/**
 * Results as attendees get them (joins, ticks, the public record): null while they may not see them yet (who
 * sees results is `canSeeResults`, shared with the browser), else `publicResults`.
 */
export function resultsForAttendees(poll: Poll, results: PollResults): PollResults | null {
  return canSeeResults(poll, 'attendee') ? publicResults(results) : null;
}

/** `origin` names the tab that sent the answer: it learns from its ack, the participant's other tabs from a notice. */
export type AnswerRequest = { pollId: string; participantId: string; input: PollAnswerInput; origin?: string };
export type AnswerRefusal = { ok: false; code: 'not_found' | 'invalid_state' | 'invalid_payload' | 'not_checked_in'; message: string };
export type AnswerOutcome = { ok: true } | AnswerRefusal;
export type AnswerDecision = {
  outcomes: AnswerOutcome[];
  /** The answers to store, one per poll and participant (a later one in the batch replaces an earlier one). */
  toSave: { pollId: string; participantId: string; answer: PollAnswer }[];
  notices: Notice[];
};

/**
 * Decides a batch of answers in order: only a checked-in participant answers, only an open poll of the call,
 * and only with an answer its kind takes. Answering again replaces the earlier answer.
 */
export function decideAnswers(polls: ReadonlyMap<string, Poll>, activeParticipantIds: ReadonlySet<string>, requests: readonly AnswerRequest[]): AnswerDecision {
  const saved = new Map<string, AnswerDecision['toSave'][number]>();
  const origins = new Map<string, string | undefined>();
  const outcomes = requests.map(({ pollId, participantId, input, origin }): AnswerOutcome => {
    if (!activeParticipantIds.has(participantId)) return { ok: false, code: 'not_checked_in', message: 'Check in first to answer.' };
    const poll = polls.get(pollId);
    if (!poll) return { ok: false, code: 'not_found', message: 'That poll does not exist.' };
    try {
      saved.set(`${pollId} ${participantId}`, { pollId, participantId, answer: decideAnswer(poll, input) });
      origins.set(`${pollId} ${participantId}`, origin);
      return { ok: true };
    } catch (error) {
      if (error instanceof CommandError) return { ok: false, code: error.code as AnswerRefusal['code'], message: error.message };
      throw error;
    }
  });
  const toSave = [...saved.values()];
  const touched = new Set(toSave.map((answer) => answer.pollId));
  const notices: Notice[] = [...touched].map((pollId) => ({ type: 'poll.answered', pollId }));
  for (const saved of toSave) notices.push({ type: 'poll.ownAnswer', ...saved, origin: origins.get(`${saved.pollId} ${saved.participantId}`) });
  return { outcomes, toSave, notices };
}

/** Ending the call closes its open polls, so the record holds final results. */
export function decideClosingAtEnd(call: PublicCall, polls: readonly Poll[], now: string): Decision & { closed: Poll[] } {
  const decisions = polls.filter((poll) => poll.status === 'open').map((poll) => decideStatus(call, poll, 'closed', now));
  return {
    closed: decisions.map((decision) => decision.poll),
    events: decisions.flatMap((decision) => decision.events),
    notices: decisions.flatMap((decision) => decision.notices),
  };
}

/**
 * The copies of a call's agenda items in a copy of its agenda, both in agenda order: matched by place, and only
 * where the titles agree (the agenda may have changed while it was copied).
 */
export function matchCopiedItems(from: readonly { id: string; title: string }[], to: readonly { id: string; title: string }[]): Map<string, string> {
  return new Map(from.flatMap((item, index) => (to[index]?.title === item.title ? [[item.id, to[index].id] as const] : [])));
}

/**
 * The polls a call's next one starts with: each as a draft with no answers, the same question, kind, option
 * labels (new ids), maximum, results setting and naming. `itemIds` maps the agenda items that were copied to their
 * copies; a poll about any other item is about no item. Created one millisecond apart to keep their order.
 */
export function copyPollsAsDrafts(polls: readonly Poll[], itemIds: ReadonlyMap<string, string>, newId: () => string, now: Date): Poll[] {
  return polls.map((poll, index) => ({
    ...poll,
    id: newId(),
    options: poll.options.map((option) => ({ id: newId(), label: option.label })),
    itemId: poll.itemId ? (itemIds.get(poll.itemId) ?? null) : null,
    status: 'draft',
    openedAt: null,
    createdAt: new Date(now.getTime() + index).toISOString(),
  }));
}
