import { z } from 'zod';
import { isLocalDateTime } from '../time';
import { CALL_STATUSES } from './call';

export const CALL_VIEWS = ['upcoming', 'live', 'past'] as const;
export type CallView = (typeof CALL_VIEWS)[number];

export const MAX_PAGE_SIZE = 100;

/** The start part of a cursor at a call whose date is to be announced. */
export const UNDATED_CURSOR = 'tba';

/** `<start in epoch ms, or tba>.<call id>`: the position of the last call of the previous page. */
export const callCursorPattern = /^(\d{1,15}|tba)\.([\w-]{1,64})$/;

/** Query of `GET /api/calls`. Values arrive as strings, hence the coercion. */
export const callListQuerySchema = z.object({
  view: z.enum(CALL_VIEWS).default('upcoming'),
  limit: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(20),
  cursor: z.string().regex(callCursorPattern, 'Must be a cursor returned by a previous page').optional(),
});

export type CallListQuery = z.infer<typeof callListQuerySchema>;

export const callSummarySchema = z.object({
  slug: z.string(),
  title: z.string(),
  /** ISO instant; null while the date is to be announced (such calls are listed after the dated ones). */
  startsAt: z.string().nullable(),
  timezone: z.string(),
  plannedMinutes: z.number(),
  status: z.enum(CALL_STATUSES),
  seriesId: z.string().nullable(),
});

/** What the call list shows about a call. Never holds a secret. */
export type CallSummary = z.infer<typeof callSummarySchema>;

export const callListSchema = z.object({
  view: z.enum(CALL_VIEWS),
  calls: z.array(callSummarySchema),
  nextCursor: z.string().nullable(),
});

export type CallList = z.infer<typeof callListSchema>;

/** Body of `POST /api/calls/<slug>/next`. Without `startsAt` the server follows the series' rhythm. */
export const nextCallInputSchema = z.object({
  key: z.string().min(1, 'Required').max(128),
  startsAt: z.string().refine(isLocalDateTime, 'Must be a local date and time like 2026-12-03T17:30').optional(),
  /** Copies the open questions over as open questions with no votes. */
  carryOverQuestions: z.boolean().default(true),
});

export type NextCallInput = z.infer<typeof nextCallInputSchema>;

export const createdCallSchema = z.object({
  slug: z.string(),
  publicUrl: z.string(),
  hostUrl: z.string(),
  scribeUrl: z.string(),
});

