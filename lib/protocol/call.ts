import { z } from 'zod';
import { isLocalDateTime, isValidTimeZone } from '../time';
import type { IntroState } from './participants';

export const ROLES = ['attendee', 'scribe', 'host'] as const;
export type Role = (typeof ROLES)[number];

export const CALL_STATUSES = ['scheduled', 'live', 'ended'] as const;
export type CallStatus = (typeof CALL_STATUSES)[number];

export const LIMITS = {
  title: 200,
  description: 5000,
  notes: 2000,
  name: 80,
  url: 2000,
  links: 20,
  sections: 50,
  itemsPerSection: 100,
} as const;

const text = (max: number) => z.string().trim().max(max, `Must be at most ${max} characters`);
const requiredText = (max: number) => text(max).min(1, 'Required');

export const linkInputSchema = z.object({
  label: requiredText(80),
  url: z
    .string()
    .trim()
    .max(LIMITS.url)
    .url('Must be a full http(s) URL')
    .refine((value) => /^https?:\/\//i.test(value), 'Must start with http:// or https://'),
});

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

export const createCallSchema = z.object({
  title: requiredText(LIMITS.title),
  description: text(LIMITS.description).default(''),
  startsAt: z.string().refine(isLocalDateTime, 'Must be a local date and time like 2026-12-03T17:30'),
  timezone: z.string().refine(isValidTimeZone, 'Must be an IANA timezone like Europe/Berlin'),
  plannedMinutes: z.number().int().min(5).max(1440).default(60),
  links: z.array(linkInputSchema).max(LIMITS.links).default([]),
  sections: z.array(sectionInputSchema).max(LIMITS.sections).default([]),
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
  startsAt: string;
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
  /** The intro round, once the host has started one. */
  intro: IntroState | null;
  links: PublicLink[];
  sections: PublicSection[];
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
