import * as Y from 'yjs';
import { replaceText } from '@/lib/minutes';
import type { CallStatus, CreateCallInput, IntroState, QuestionState, Role } from '@/lib/protocol';
import { zonedLocalToUtc } from '@/lib/time';
import { createId, createSecretKey, createSlug } from './secrets';

const MINUTE_MS = 60_000;

/** An attendee of an imported past call, checked in in the order the record lists them; a series export brings the rest. */
export type NewParticipant = {
  id: string;
  displayName: string;
  affiliation: string;
  reason: string;
  isTeam: boolean;
  checkedInAt: Date;
  pronouns?: string;
  role?: Role;
  removedAt?: Date | null;
};
/** A question of an imported past call; `createdAt` keeps the record's order. A series export brings the rest. */
export type NewQuestion = {
  id: string;
  text: string;
  authorName: string;
  answer: string;
  answeredBy: string;
  state: QuestionState;
  createdAt: Date;
  isAnonymous?: boolean;
  authorId?: string | null;
  itemId?: string | null;
  voteCount?: number;
};

/** Everything needed to store a new call: fresh ids, a public slug, the two secret keys and, for a past call, its record. */
export type NewCall = {
  id: string;
  slug: string;
  hostKey: string;
  scribeKey: string;
  seriesId: string | null;
  /** null while the date is to be announced. */
  startsAt: Date | null;
  status: CallStatus;
  startedAt: Date | null;
  endedAt: Date | null;
  input: CreateCallInput;
  participants: NewParticipant[];
  questions: NewQuestion[];
  introState: IntroState | null;
  /** The minutes text as a Yjs state (the shared minutes document's first snapshot); null when there are none. */
  minutesState: Uint8Array | null;
  /** The ids of the agenda's items, section by section, so the record can point at them before they are stored. */
  itemIds: string[][];
  newId: () => string;
};

/** A call brought with minutes, questions or attendees happened already: it is created as ended. */
export function hasRecord(input: Pick<CreateCallInput, 'minutes' | 'questions' | 'attendees'>): boolean {
  return input.minutes.trim() !== '' || input.questions.length > 0 || input.attendees.length > 0;
}

/** A Yjs state holding `text` as the minutes, or null for no text. */
export function minutesStateOf(text: string): Uint8Array | null {
  if (text.trim() === '') return null;
  const doc = new Y.Doc();
  try {
    replaceText(doc, text);
    return Y.encodeStateAsUpdate(doc);
  } finally {
    doc.destroy();
  }
}

const nameKey = (name: string) => name.replace(/\s+/g, ' ').trim().toLowerCase();

/** The ids of the participants named in `names`, in that order; each participant once, unknown names skipped. */
export function matchIntroOrder(names: string[], participants: { id: string; displayName: string }[]): string[] {
  const unused = [...participants];
  const order: string[] = [];
  for (const name of names) {
    const index = unused.findIndex((participant) => nameKey(participant.displayName) === nameKey(name));
    if (index === -1) continue;
    order.push(unused[index]!.id);
    unused.splice(index, 1);
  }
  return order;
}

/** A record's attendees and questions with ids and time stamps counting up from `from` (1 ms apart) in the record's order. */
function buildRecord(input: CreateCallInput, from: Date, newId: () => string) {
  const at = (index: number) => new Date(from.getTime() + index);
  const participants: NewParticipant[] = input.attendees.map((attendee, index) => ({ id: newId(), ...attendee, checkedInAt: at(index) }));
  const questions: NewQuestion[] = input.questions.map(({ isAnswered, ...question }, index) => ({
    id: newId(),
    ...question,
    state: isAnswered ? ('answered' as const) : ('open' as const),
    createdAt: at(index),
  }));
  const order = matchIntroOrder(input.introOrder, participants);
  const introState: IntroState | null = order.length > 0 ? { status: 'done', order, currentIndex: order.length } : null;
  return { participants, questions, introState };
}

export function buildNewCall(input: CreateCallInput, options: { seriesId?: string | null; now?: Date } = {}): NewCall {
  const now = options.now ?? new Date();
  const startsAt = input.startsAt ? zonedLocalToUtc(input.startsAt, input.timezone) : null;
  const isPast = hasRecord(input);
  const startedAt = isPast ? (startsAt ?? now) : null;
  // A past call lasted as planned when its date is known; an undated one is recorded as of its import.
  const endedAt = isPast ? (startsAt ? new Date(startsAt.getTime() + input.plannedMinutes * MINUTE_MS) : now) : null;
  return {
    id: createId(),
    slug: createSlug(),
    hostKey: createSecretKey(),
    scribeKey: createSecretKey(),
    seriesId: options.seriesId ?? null,
    startsAt,
    status: isPast ? 'ended' : 'scheduled',
    startedAt,
    endedAt,
    input,
    ...buildRecord(input, startedAt ?? now, createId),
    minutesState: minutesStateOf(input.minutes),
    itemIds: input.sections.map((section) => section.items.map(() => createId())),
    newId: createId,
  };
}

export function callUrls(baseUrl: string, call: { slug: string; hostKey: string; scribeKey: string }) {
  const publicUrl = `${baseUrl}/c/${call.slug}`;
  // Keys travel in the fragment: browsers never send it to servers or in Referer headers.
  return { slug: call.slug, publicUrl, hostUrl: `${publicUrl}#key=${call.hostKey}`, scribeUrl: `${publicUrl}#key=${call.scribeKey}` };
}
