import { z } from 'zod';
import { instantToZonedStart, isIsoInstant, isLocalDateTime, isValidTimeZone } from '../time';

export const ROLES = ['attendee', 'scribe', 'host'] as const;
export type Role = (typeof ROLES)[number];

export const CALL_STATUSES = ['scheduled', 'live', 'ended'] as const;
export type CallStatus = (typeof CALL_STATUSES)[number];

export const LIMITS = {
  title: 200,
  description: 20_000,
  notes: 20_000,
  name: 80,
  linkLabel: 200,
  url: 2000,
  links: 50,
  sections: 100,
  itemsPerSection: 200,
  /** The minutes text of an imported record (a live call's shared document is bounded by its own update limits). */
  minutes: 500_000,
  questions: 1000,
  answer: 20_000,
  attendees: 2000,
} as const;

const text = (max: number) => z.string().trim().max(max, `Must be at most ${max} characters`);
const requiredText = (max: number) => text(max).min(1, 'Required');

/** Absolute http(s) and mailto links, or links relative to the series' documents (`2021-07-13-slides.pdf`). */
export function isAllowedLinkUrl(value: string): boolean {
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(value)?.[1]?.toLowerCase();
  if (scheme === undefined) return !/[\s<>]/.test(value) && !value.startsWith('//');
  if (scheme === 'mailto') return /^mailto:[^\s<>]+$/i.test(value);
  if (scheme !== 'http' && scheme !== 'https') return false;
  try {
    return Boolean(new URL(value).hostname);
  } catch {
    return false;
  }
}

export const linkInputSchema = z.object({
  label: requiredText(LIMITS.linkLabel),
  url: z
    .string()
    .trim()
    .min(1, 'Required')
    .max(LIMITS.url)
    .refine(isAllowedLinkUrl, 'Must be an http(s) or mailto URL, or a path relative to the documents base URL'),
});

/** Where the call's relative links point: the folder the community publishes its call documents in. */
export const documentsBaseUrlSchema = z
  .string()
  .trim()
  .max(LIMITS.url)
  .refine((value) => value === '' || (/^https?:\/\//i.test(value) && isAllowedLinkUrl(value)), 'Must start with http:// or https://');

export const itemInputSchema = z.object({
  title: requiredText(LIMITS.title),
  notes: text(LIMITS.notes).default(''),
  presenter: text(LIMITS.name).default(''),
  plannedMinutes: z.number().int().min(1).max(600).nullable().default(null),
});

export const sectionInputSchema = z.object({
  title: requiredText(LIMITS.title),
  notes: text(LIMITS.notes).default(''),
  items: z.array(itemInputSchema).max(LIMITS.itemsPerSection).default([]),
});

export const questionRecordSchema = z.object({
  text: requiredText(LIMITS.answer),
  authorName: text(LIMITS.name).default(''),
  answer: text(LIMITS.answer).default(''),
  answeredBy: text(LIMITS.name).default(''),
  isAnswered: z.boolean().default(false),
});

export const attendeeRecordSchema = z.object({
  displayName: requiredText(LIMITS.name),
  affiliation: text(LIMITS.name).default(''),
  reason: text(LIMITS.notes).default(''),
  isTeam: z.boolean().default(false),
});

/** A start: a local `YYYY-MM-DDTHH:mm` (in a timezone given beside it) or an ISO 8601 instant with `Z` or an offset. */
export const startsAtSchema = z
  .string()
  .trim()
  .refine((value) => isLocalDateTime(value) || isIsoInstant(value), 'Must be a local date and time like 2026-12-03T17:30 or an ISO 8601 instant like 2026-12-03T16:30:00Z');

/**
 * A new call. `startsAt` is a local `YYYY-MM-DDTHH:mm` in `timezone`, or an ISO instant with `Z` or an offset;
 * without it the date is to be announced. `minutes`, `questions`, `attendees` and `introOrder` carry the record of a
 * past call (an imported archive): a call that has any of them is created as ended.
 */
export const callFieldsSchema = z.object({
  title: requiredText(LIMITS.title),
  description: text(LIMITS.description).default(''),
  // null, as PublicCall writes it, also means "to be announced".
  startsAt: startsAtSchema.nullish(),
  timezone: z.string().refine(isValidTimeZone, 'Must be an IANA timezone like Europe/Berlin').optional(),
  plannedMinutes: z.number().int().min(5).max(1440).default(60),
  documentsBaseUrl: documentsBaseUrlSchema.default(''),
  links: z.array(linkInputSchema).max(LIMITS.links).default([]),
  sections: z.array(sectionInputSchema).max(LIMITS.sections).default([]),
  minutes: z.string().max(LIMITS.minutes, `Must be at most ${LIMITS.minutes} characters`).default(''),
  questions: z.array(questionRecordSchema).max(LIMITS.questions).default([]),
  attendees: z.array(attendeeRecordSchema).max(LIMITS.attendees).default([]),
  introOrder: z.array(text(LIMITS.name)).max(LIMITS.attendees).default([]),
});

export const createCallSchema = callFieldsSchema
  .superRefine((input, context) => {
    if (input.startsAt && isLocalDateTime(input.startsAt) && !input.timezone) {
      context.addIssue({ code: 'custom', path: ['timezone'], message: 'Required with a local start time: an IANA timezone like Europe/Berlin' });
    }
  })
  .transform(({ startsAt, timezone, ...rest }) => {
    if (startsAt && isIsoInstant(startsAt)) return { ...rest, ...instantToZonedStart(startsAt, timezone) };
    return { ...rest, startsAt: startsAt ?? undefined, timezone: timezone ?? 'UTC' };
  });

export type CreateCallInput = z.infer<typeof createCallSchema>;
export type CreateCallFormInput = z.input<typeof createCallSchema>;

export type PublicLink = { id: string; label: string; url: string };
export type PublicItem = { id: string; title: string; notes: string; presenter: string; plannedMinutes: number | null };
export type PublicSection = { id: string; title: string; notes: string; items: PublicItem[] };

/** Everything about a call that any attendee may see. Never holds a secret. */
export type PublicCall = {
  slug: string;
  title: string;
  description: string;
  /** The scheduled start (ISO instant); null while the date is to be announced. */
  startsAt: string | null;
  timezone: string;
  plannedMinutes: number;
  status: CallStatus;
  startedAt: string | null;
  endedAt: string | null;
  currentItemId: string | null;
  itemStartedAt: string | null;
  /** Set while the host has paused the current item's timer. */
  timerPausedAt: string | null;
  /** Time the host added to the current item's plan. */
  timerExtraSeconds: number;
  qaOpen: boolean;
  qaModerated: boolean;
  qaScribesModerate: boolean;
  /** Scribes may prepare, open and close polls (the host always may). */
  scribesRunPolls: boolean;
  /** Only participants who checked in before the Q&A opened (`qaOpenedAt`) may vote. */
  qaVotersBeforeOpen: boolean;
  /** Questions with sudden vote bursts wait for a moderator's review. */
  qaHoldVoteBursts: boolean;
  /** When submissions last opened (or the voters' cutoff was set while open); null before. */
  qaOpenedAt: string | null;
  /** The intro round, once the host has started one. */
  intro: IntroState | null;
  /** Base URL that the call's relative links resolve against ('' when none is set). */
  documentsBaseUrl: string;
  /** When the retention sweep removed the attendees' names and profiles (ISO instant); null while they are kept. */
  personalDataRemovedAt: string | null;
  links: PublicLink[];
  sections: PublicSection[];
};

export type IntroState = {
  status: 'running' | 'done';
  /** Participant ids in speaking order. */
  order: string[];
  currentIndex: number;
};

export type PublicParticipant = {
  id: string;
  displayName: string;
  affiliation: string;
  pronouns: string;
  reason: string;
  role: Role;
};

export type CreatedCall = { slug: string; publicUrl: string; hostUrl: string; scribeUrl: string };
