import { z } from 'zod';
import { attendeeRecordSchema, CALL_STATUSES, callFieldsSchema, LIMITS, questionRecordSchema, ROLES } from './call';
import { POLL_KINDS, POLL_LIMITS, RATING_MAX, RATING_MIN, REACTIONS } from './polls';
import { QUESTION_STATES } from './questions';
import { createdCallSchema } from './schedule';

/**
 * A series (or one call) taken away: a zip with `roundtable-export.json` and, per call, a folder with `call.json`
 * (its whole state, as the create-call fields plus what a call gathers while it runs) and `minutes.md` (its record,
 * the bytes `GET /api/calls/{slug}/minutes.md` served). Nothing in it is a secret: no keys, tokens or webhooks.
 * Agenda items, attendees and calls are referred to by their position, so the archive holds no ids.
 */
export const EXPORT_FORMAT = 'roundtable-export';
export const EXPORT_VERSION = 1;
export const EXPORT_MANIFEST_FILE = 'roundtable-export.json';
export const CALL_STATE_FILE = 'call.json';
export const CALL_RECORD_FILE = 'minutes.md';
/** The largest archive `POST /api/series/import` takes: a long-running series with years of minutes stays far below. */
export const MAX_ARCHIVE_BYTES = 20 * 1024 * 1024;
/** The most calls one archive holds. */
export const MAX_EXPORTED_CALLS = 1000;

const instant = z.iso.datetime({ offset: true, message: 'Must be an ISO 8601 instant like 2026-12-03T16:30:00.000Z' });
/** An agenda item: its position among all the call's items, section by section. */
const itemRef = z.number().int().min(0).nullable().default(null);
const attendeeIndex = z.number().int().min(0);
const count = z.number().int().min(0);

export const exportedAttendeeSchema = attendeeRecordSchema.extend({
  pronouns: z.string().trim().max(LIMITS.name).default(''),
  role: z.enum(ROLES).default('attendee'),
  checkedInAt: instant,
  /** Removed by the host: kept for their votes and answers, left out of the attendance. */
  isRemoved: z.boolean().default(false),
});

export const exportedQuestionSchema = questionRecordSchema.extend({
  state: z.enum(QUESTION_STATES),
  isAnonymous: z.boolean().default(false),
  /** Who asked, among the attendees; null when anonymous or unknown. */
  author: attendeeIndex.nullable().default(null),
  item: itemRef,
  votes: count.default(0),
  askedAt: instant,
});

const exportedPollAnswerSchema = z.object({
  /** Who answered; null in an anonymous poll, whose answers name nobody. */
  attendee: attendeeIndex.nullable(),
  /** Positions of the chosen options, for a choice poll. */
  choices: z.array(z.number().int().min(0).max(POLL_LIMITS.options - 1)).max(POLL_LIMITS.options).optional(),
  rating: z.number().int().min(RATING_MIN).max(RATING_MAX).optional(),
  text: z.string().max(POLL_LIMITS.text * 2).optional(),
  hidden: z.boolean().default(false),
  answeredAt: instant,
});

export const exportedPollSchema = z.object({
  question: z.string().trim().min(1).max(POLL_LIMITS.question),
  kind: z.enum(POLL_KINDS),
  options: z.array(z.string().trim().min(1).max(POLL_LIMITS.option)).max(POLL_LIMITS.options).default([]),
  maxChoices: z.number().int().min(1).max(POLL_LIMITS.options).nullable().default(null),
  item: itemRef,
  showResults: z.enum(['live', 'closed']),
  isNamed: z.boolean(),
  status: z.enum(['draft', 'open', 'closed']),
  openedAt: instant.nullable(),
  createdAt: instant,
  answers: z.array(exportedPollAnswerSchema).max(LIMITS.attendees).default([]),
});

/** Read out of the minutes again on import; `closedIn` (a later call of the archive that closed it) is not in them. */
const exportedActionSchema = z.object({
  text: z.string(),
  owner: z.string().nullable(),
  due: z.string().nullable(),
  isDone: z.boolean(),
  closedIn: z.string().max(200).nullable().default(null),
});

export const exportedCallSchema = callFieldsSchema
  .extend({
    startsAt: instant.nullable(),
    timezone: callFieldsSchema.shape.timezone.unwrap(),
    status: z.enum(CALL_STATUSES),
    startedAt: instant.nullable(),
    endedAt: instant.nullable(),
    currentItem: itemRef,
    itemStartedAt: instant.nullable().default(null),
    timerPausedAt: instant.nullable().default(null),
    timerExtraSeconds: z.number().int().default(0),
    qaOpen: z.boolean().default(true),
    qaModerated: z.boolean().default(false),
    qaScribesModerate: z.boolean().default(false),
    scribesRunPolls: z.boolean().default(false),
    intro: z.object({ status: z.enum(['running', 'done']), order: z.array(attendeeIndex).max(LIMITS.attendees), currentIndex: count }).nullable().default(null),
    attendees: z.array(exportedAttendeeSchema).max(LIMITS.attendees).default([]),
    questions: z.array(exportedQuestionSchema).max(LIMITS.questions).default([]),
    polls: z.array(exportedPollSchema).max(LIMITS.questions).default([]),
    reactions: z.array(z.object({ item: z.number().int().min(0), emoji: z.enum(REACTIONS), count })).max(LIMITS.sections * LIMITS.itemsPerSection).default([]),
    actions: z.array(exportedActionSchema).default([]),
    decisions: z.array(z.object({ text: z.string() })).default([]),
  })
  .superRefine((call, context) => {
    const items = call.sections.reduce((sum, section) => sum + section.items.length, 0);
    const people = call.attendees.length;
    const check = (isValid: boolean, path: PropertyKey[], message: string) => {
      if (!isValid) context.addIssue({ code: 'custom', path, message });
    };
    const checkItem = (item: number | null, path: PropertyKey[]) => check(item === null || item < items, path, `There are only ${items} agenda items`);
    const checkAttendee = (index: number | null, path: PropertyKey[]) => check(index === null || index < people, path, `There are only ${people} attendees`);
    checkItem(call.currentItem, ['currentItem']);
    call.intro?.order.forEach((index, position) => checkAttendee(index, ['intro', 'order', position]));
    call.questions.forEach((question, index) => {
      checkItem(question.item, ['questions', index, 'item']);
      checkAttendee(question.author, ['questions', index, 'author']);
    });
    call.reactions.forEach((reaction, index) => checkItem(reaction.item, ['reactions', index, 'item']));
    call.polls.forEach((poll, index) => {
      checkItem(poll.item, ['polls', index, 'item']);
      const isChoice = poll.kind === 'single' || poll.kind === 'multiple';
      check(isChoice === poll.options.length >= 2, ['polls', index, 'options'], 'A choice poll has at least two options, other polls none');
      poll.answers.forEach((answer, position) => {
        const path = ['polls', index, 'answers', position];
        checkAttendee(answer.attendee, [...path, 'attendee']);
        check(answer.attendee !== null || !poll.isNamed, [...path, 'attendee'], 'An answer to a named poll names its attendee');
        const kinds = [answer.choices !== undefined && isChoice, answer.rating !== undefined && poll.kind === 'rating', answer.text !== undefined && poll.kind === 'text'];
        check(kinds.filter(Boolean).length === 1 && [answer.choices, answer.rating, answer.text].filter((part) => part !== undefined).length === 1, path, `An answer to a ${poll.kind} poll`);
        answer.choices?.forEach((choice, at) => check(choice < poll.options.length, [...path, 'choices', at], `The poll has ${poll.options.length} options`));
      });
      const named = poll.answers.flatMap((answer) => (answer.attendee === null ? [] : [answer.attendee]));
      check(new Set(named).size === named.length, ['polls', index, 'answers'], 'An attendee answers a poll once');
      check(poll.answers.length <= people, ['polls', index, 'answers'], 'More answers than attendees');
    });
  });

export type ExportedCall = z.infer<typeof exportedCallSchema>;
export type ExportedCallInput = z.input<typeof exportedCallSchema>;

export const exportManifestSchema = z.object({
  format: z.literal(EXPORT_FORMAT, `Must be "${EXPORT_FORMAT}"`),
  version: z.literal(EXPORT_VERSION, `This server reads version ${EXPORT_VERSION} of the format`),
  exportedAt: instant,
  series: z.object({ title: z.string().trim().min(1).max(LIMITS.title) }),
  /** The calls in order (earliest first), each by the folder its files are in. */
  calls: z
    .array(z.object({ folder: z.string().regex(/^[\w.-]{1,100}$/, 'A folder name of letters, digits, dots, dashes'), title: z.string() }))
    .min(1, 'An archive holds at least one call')
    .max(MAX_EXPORTED_CALLS),
});

export type ExportManifest = z.infer<typeof exportManifestSchema>;

/** `201` from `POST /api/series/import`: the new series, its calls (with their host links) and what was not imported. */
export const importedSeriesSchema = z.object({
  seriesId: z.string(),
  calls: z.array(createdCallSchema.extend({ title: z.string() })),
  notices: z.array(z.object({ file: z.string(), message: z.string() })),
});
export type ImportedSeries = z.infer<typeof importedSeriesSchema>;
