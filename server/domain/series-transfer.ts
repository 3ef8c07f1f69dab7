import type { CallStatus, ExportedCall, ExportedCallInput, IntroState, PollKind, QuestionState, Reaction, Role } from '@/lib/protocol';
import { buildNewCall, type NewCall } from './call-factory';
import { createId } from './secrets';

/** A call as stored, everything its export holds (never its keys or its participants' tokens). */
export type StoredCallState = {
  id: string;
  title: string;
  description: string;
  startsAt: Date | null;
  timezone: string;
  plannedMinutes: number;
  status: CallStatus;
  startedAt: Date | null;
  endedAt: Date | null;
  currentItemId: string | null;
  itemStartedAt: Date | null;
  timerPausedAt: Date | null;
  timerExtraSeconds: number;
  qaOpen: boolean;
  qaModerated: boolean;
  qaScribesModerate: boolean;
  scribesRunPolls: boolean;
  introState: IntroState | null;
  documentsBaseUrl: string;
  links: { label: string; url: string }[];
  sections: { title: string; notes: string; items: { id: string; title: string; notes: string; presenter: string; plannedMinutes: number | null }[] }[];
  participants: { id: string; displayName: string; affiliation: string; pronouns: string; reason: string; role: Role; isTeam: boolean; checkedInAt: Date; removedAt: Date | null }[];
  questions: {
    text: string;
    authorId: string | null;
    isAnonymous: boolean;
    authorName: string;
    itemId: string | null;
    state: QuestionState;
    answer: string;
    answeredBy: string;
    voteCount: number;
    createdAt: Date;
  }[];
  polls: {
    question: string;
    kind: PollKind;
    options: { id: string; label: string }[];
    maxChoices: number | null;
    itemId: string | null;
    showResults: 'live' | 'closed';
    isNamed: boolean;
    status: 'draft' | 'open' | 'closed';
    openedAt: Date | null;
    createdAt: Date;
    answers: { participantId: string; optionIds: string[] | null; rating: number | null; text: string | null; hidden: boolean; createdAt: Date }[];
  }[];
  reactions: { itemId: string; emoji: Reaction; count: number }[];
  actions: { text: string; owner: string | null; due: string | null; isDone: boolean; closedInCallId: string | null }[];
  decisions: { text: string }[];
};

const iso = (date: Date | null) => date?.toISOString() ?? null;

function indexer<Value>(values: Value[]): (value: Value | null) => number | null {
  const positions = new Map(values.map((value, index) => [value, index]));
  return (value) => (value === null ? null : (positions.get(value) ?? null));
}

/**
 * The call's `call.json`: the create-call fields and what it gathered while it ran, agenda items and attendees by
 * position. `folderOf` names the archive folder of the call that closed one of its action items.
 */
export function exportCallState(call: StoredCallState, minutes: string, folderOf: (callId: string) => string | null): ExportedCallInput {
  const itemIds = call.sections.flatMap((section) => section.items.map((item) => item.id));
  const itemOf = indexer(itemIds);
  const attendeeOf = indexer(call.participants.map((participant) => participant.id));
  const isChoice = (kind: PollKind) => kind === 'single' || kind === 'multiple';
  return {
    title: call.title,
    description: call.description,
    startsAt: iso(call.startsAt),
    timezone: call.timezone,
    plannedMinutes: call.plannedMinutes,
    documentsBaseUrl: call.documentsBaseUrl,
    status: call.status,
    startedAt: iso(call.startedAt),
    endedAt: iso(call.endedAt),
    currentItem: itemOf(call.currentItemId),
    itemStartedAt: iso(call.itemStartedAt),
    timerPausedAt: iso(call.timerPausedAt),
    timerExtraSeconds: call.timerExtraSeconds,
    qaOpen: call.qaOpen,
    qaModerated: call.qaModerated,
    qaScribesModerate: call.qaScribesModerate,
    scribesRunPolls: call.scribesRunPolls,
    links: call.links,
    sections: call.sections.map(({ items, ...section }) => ({ ...section, items: items.map(({ id: _id, ...item }) => item) })),
    minutes,
    attendees: call.participants.map(({ id: _id, checkedInAt, removedAt, ...participant }) => ({
      ...participant,
      checkedInAt: checkedInAt.toISOString(),
      isRemoved: removedAt !== null,
    })),
    intro: call.introState && { ...call.introState, order: call.introState.order.flatMap((id) => attendeeOf(id) ?? []) },
    questions: call.questions.map((question) => ({
      text: question.text,
      // Who asked an anonymous question stays unknown, as it is to the host.
      authorName: question.isAnonymous ? '' : question.authorName,
      author: question.isAnonymous ? null : attendeeOf(question.authorId),
      isAnonymous: question.isAnonymous,
      item: itemOf(question.itemId),
      state: question.state,
      isAnswered: question.state === 'answered',
      answer: question.answer,
      answeredBy: question.answeredBy,
      votes: question.voteCount,
      askedAt: question.createdAt.toISOString(),
    })),
    polls: call.polls.map(({ options, itemId, openedAt, createdAt, answers, ...poll }) => {
      const optionOf = indexer(options.map((option) => option.id));
      return {
        ...poll,
        options: options.map((option) => option.label),
        item: itemOf(itemId),
        openedAt: iso(openedAt),
        createdAt: createdAt.toISOString(),
        answers: answers.map((answer) => ({
          // An anonymous poll's answers name nobody, as nobody sees who gave them.
          attendee: poll.isNamed ? attendeeOf(answer.participantId) : null,
          ...(isChoice(poll.kind) ? { choices: (answer.optionIds ?? []).flatMap((id) => optionOf(id) ?? []) } : {}),
          ...(poll.kind === 'rating' ? { rating: answer.rating ?? undefined } : {}),
          ...(poll.kind === 'text' ? { text: answer.text ?? '' } : {}),
          hidden: answer.hidden,
          answeredAt: answer.createdAt.toISOString(),
        })),
      };
    }),
    reactions: call.reactions.flatMap(({ itemId, emoji, count }) => {
      const item = itemOf(itemId);
      return item === null ? [] : [{ item, emoji, count }];
    }),
    actions: call.actions.map(({ closedInCallId, ...action }) => ({ ...action, closedIn: closedInCallId ? folderOf(closedInCallId) : null })),
    decisions: call.decisions,
  };
}

export type NewPoll = Omit<StoredCallState['polls'][number], 'answers'> & {
  id: string;
  answers: { id: string; participantId: string; optionIds: string[] | null; rating: number | null; text: string | null; hidden: boolean; createdAt: Date }[];
};

/** A call read from an archive, ready to store: the new call and what `insertCall` does not store. */
export type ImportedCall = {
  call: NewCall;
  settings: Pick<StoredCallState, 'currentItemId' | 'itemStartedAt' | 'timerPausedAt' | 'timerExtraSeconds' | 'qaOpen' | 'qaModerated' | 'qaScribesModerate' | 'scribesRunPolls'>;
  polls: NewPoll[];
  reactions: StoredCallState['reactions'];
};

const dateOf = (value: string | null) => (value === null ? null : new Date(value));

/** An archived call as a new call of `seriesId`, with new ids, slug and keys; times, order and counts as exported. */
export function buildImportedCall(state: ExportedCall, seriesId: string): ImportedCall {
  const call = buildNewCall(
    { ...state, startsAt: undefined, questions: [], attendees: [], introOrder: [] },
    { seriesId },
  );
  const itemIds = call.itemIds.flat();
  const itemOf = (index: number | null) => (index === null ? null : itemIds[index]!);
  const participants = state.attendees.map(({ checkedInAt, isRemoved, ...attendee }) => ({
    ...attendee,
    id: createId(),
    checkedInAt: new Date(checkedInAt),
    removedAt: isRemoved ? new Date(checkedInAt) : null,
  }));
  const attendeeOf = (index: number | null) => (index === null ? null : participants[index]!.id);
  const questions = state.questions.map((question) => ({
    id: createId(),
    text: question.text,
    authorName: question.authorName,
    authorId: attendeeOf(question.author),
    isAnonymous: question.isAnonymous,
    itemId: itemOf(question.item),
    state: question.state,
    answer: question.answer,
    answeredBy: question.answeredBy,
    voteCount: question.votes,
    createdAt: new Date(question.askedAt),
  }));
  const polls = state.polls.map((poll) => buildPoll(poll, itemOf, participants.map((participant) => participant.id)));
  return {
    call: {
      ...call,
      startsAt: dateOf(state.startsAt),
      status: state.status,
      startedAt: dateOf(state.startedAt),
      endedAt: dateOf(state.endedAt),
      participants,
      questions,
      introState: state.intro && { ...state.intro, order: state.intro.order.map((index) => participants[index]!.id) },
    },
    settings: {
      currentItemId: itemOf(state.currentItem),
      itemStartedAt: dateOf(state.itemStartedAt),
      timerPausedAt: dateOf(state.timerPausedAt),
      timerExtraSeconds: state.timerExtraSeconds,
      qaOpen: state.qaOpen,
      qaModerated: state.qaModerated,
      qaScribesModerate: state.qaScribesModerate,
      scribesRunPolls: state.scribesRunPolls,
    },
    polls,
    reactions: state.reactions.map(({ item, emoji, count }) => ({ itemId: itemOf(item)!, emoji, count })),
  };
}

/** A poll with new option ids; an anonymous poll's answers go to attendees who gave none, in the attendance's order. */
function buildPoll(poll: ExportedCall['polls'][number], itemOf: (index: number | null) => string | null, participantIds: string[]): NewPoll {
  const options = poll.options.map((label) => ({ id: createId(), label }));
  const named = new Set(poll.answers.flatMap((answer) => (answer.attendee === null ? [] : [participantIds[answer.attendee]!])));
  const unnamed = participantIds.filter((id) => !named.has(id));
  return {
    question: poll.question,
    kind: poll.kind,
    options,
    maxChoices: poll.maxChoices,
    itemId: itemOf(poll.item),
    showResults: poll.showResults,
    isNamed: poll.isNamed,
    status: poll.status,
    openedAt: dateOf(poll.openedAt),
    createdAt: new Date(poll.createdAt),
    id: createId(),
    answers: poll.answers.map((answer) => ({
      id: createId(),
      participantId: answer.attendee === null ? unnamed.shift()! : participantIds[answer.attendee]!,
      optionIds: answer.choices ? answer.choices.map((index) => options[index]!.id) : null,
      rating: answer.rating ?? null,
      text: answer.text ?? null,
      hidden: answer.hidden,
      createdAt: new Date(answer.answeredAt),
    })),
  };
}
