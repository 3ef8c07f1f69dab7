import { z } from 'zod';
import { CALL_STATUSES, createCallSchema, type PublicCall } from './call';
import { GIT_ERROR_CODES } from './publishing';
import { createdCallSchema } from './schedule';

/** Every `error.code` the HTTP API answers with. */
export const HTTP_ERROR_CODES = [
  'invalid_payload',
  'empty',
  'unreadable',
  'unsupported_media_type',
  'too_large',
  'not_found',
  'method_not_allowed',
  'forbidden',
  /** The metrics endpoint without its bearer token. */
  'unauthorized',
  'no_date',
  'rate_limited',
  'unavailable',
  'internal',
  /** Publishing: no repository set up, a publish or import already running, no ROUNDTABLE_SECRET_KEY for a token. */
  'not_configured',
  'busy',
  'no_secret_key',
  ...GIT_ERROR_CODES,
] as const;

export type HttpErrorCode = (typeof HTTP_ERROR_CODES)[number];

/** A problem with one field; `line` points into an uploaded Markdown document when the problem is there. */
export const httpIssueSchema = z.object({ path: z.string(), message: z.string(), line: z.number().int().optional() });

/** The JSON body of every HTTP API failure. */
export const httpErrorBodySchema = z.object({
  error: z.object({
    code: z.enum(HTTP_ERROR_CODES),
    message: z.string(),
    issues: z.array(httpIssueSchema).optional(),
    /** On `internal` errors: the id the server logged the failure under (also the `X-Request-Id` header). */
    requestId: z.string().optional(),
  }),
});

export type HttpErrorBody = z.infer<typeof httpErrorBodySchema>;

export const CALL_SLUG_PATTERN = /^[a-z0-9]{1,64}$/;

export const callSlugSchema = z.string().regex(CALL_SLUG_PATTERN, 'Must be the slug of a call (the part after /c/ in its address)');

/** Path parameters of `/api/calls/{slug}…`. */
export const callPathSchema = z.object({ slug: callSlugSchema });

export const healthSchema = z.object({ ok: z.literal(true) });

const readinessCheckSchema = z.object({ ok: z.boolean(), message: z.string().optional() });
export type ReadinessCheck = z.infer<typeof readinessCheckSchema>;

/** `GET /api/ready`: each dependency's check (`redis` only on a node configured with Redis). */
export const readinessSchema = z.object({
  ready: z.boolean(),
  checks: z.object({
    database: readinessCheckSchema,
    migrations: readinessCheckSchema,
    redis: readinessCheckSchema.optional(),
    shutdown: readinessCheckSchema,
  }),
});
export type ReadinessReport = z.infer<typeof readinessSchema>;

const linkSchema = z.object({ id: z.string(), label: z.string(), url: z.string() });
const itemSchema = z.object({ id: z.string(), title: z.string(), notes: z.string(), presenter: z.string(), plannedMinutes: z.number().nullable() });
const sectionSchema = z.object({ id: z.string(), title: z.string(), notes: z.string(), items: z.array(itemSchema) });
const introSchema = z.object({ status: z.enum(['running', 'done']), order: z.array(z.string()), currentIndex: z.number().int() });

/** `PublicCall` as a schema: what any attendee may see of a call. */
export const publicCallSchema = z.object({
  slug: z.string(),
  title: z.string(),
  description: z.string(),
  startsAt: z.string().nullable(),
  timezone: z.string(),
  plannedMinutes: z.number(),
  status: z.enum(CALL_STATUSES),
  startedAt: z.string().nullable(),
  endedAt: z.string().nullable(),
  currentItemId: z.string().nullable(),
  itemStartedAt: z.string().nullable(),
  timerPausedAt: z.string().nullable(),
  timerExtraSeconds: z.number(),
  qaOpen: z.boolean(),
  qaModerated: z.boolean(),
  qaScribesModerate: z.boolean(),
  scribesRunPolls: z.boolean(),
  qaVotersBeforeOpen: z.boolean(),
  qaHoldVoteBursts: z.boolean(),
  qaOpenedAt: z.string().nullable(),
  intro: introSchema.nullable(),
  documentsBaseUrl: z.string(),
  personalDataRemovedAt: z.string().nullable(),
  links: z.array(linkSchema),
  sections: z.array(sectionSchema),
});

// The schema and the type say the same thing: either one changing alone fails the type check.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
const _isPublicCallSchemaCurrent: Same<z.infer<typeof publicCallSchema>, PublicCall> = true;

/** `GET /api/calls/{slug}`: the call, the sequence number of its last change, and its series (for the series page). */
export const callReadSchema = z.object({ sequence: z.number().int(), call: publicCallSchema, seriesId: z.string().nullable() });
export type CallRead = z.infer<typeof callReadSchema>;

/** `200` from `DELETE /api/calls/{slug}`: which call is gone. */
export const deletedCallSchema = z.object({ slug: z.string(), title: z.string() });
export type DeletedCall = z.infer<typeof deletedCallSchema>;

export const importNoticeSchema = z.object({ line: z.number().int(), message: z.string() });

/** `201` from `POST /api/calls`: where the call lives, and what the server noticed while reading its document. */
export const createdCallWithNoticesSchema = createdCallSchema.extend({ notices: z.array(importNoticeSchema) });
export type CreatedCallWithNotices = z.infer<typeof createdCallWithNoticesSchema>;

/** A new call joining the series of an existing call, proven with that call's host key. */
export const seriesClaimSchema = z.object({ slug: callSlugSchema, key: z.string().min(1, 'Required').max(128) });

/**
 * A document to create the call from: `{ markdown, filename?, seriesOf?, ...overrides }`, where any other field
 * is a create-call field that wins over what the Markdown says.
 */
export const markdownCallBodySchema = z.looseObject({
  markdown: z.string(),
  filename: z.string().max(500).optional(),
  seriesOf: seriesClaimSchema.optional(),
});

/** A `text/markdown` (or `text/plain`) body of `POST /api/calls`. */
export const markdownDocumentSchema = z.string().describe('A Markdown agenda or minutes document: UTF-8, or UTF-16 with its byte-order mark.');

/** Body of `POST /api/calls` as JSON: a call, or a document to read one from (each may name a series to join in `seriesOf`). */
export const createCallBodySchema = z.union([markdownCallBodySchema, createCallSchema]);

/** Query of `POST /api/calls`: a series to join (with the host key as a bearer token) and what a Markdown body may lack. */
export const createCallQuerySchema = z.object({
  seriesOf: z.string().optional().describe('The slug of a call whose series the new call joins; send that call’s host key as Authorization: Bearer.'),
  filename: z.string().optional().describe('The uploaded file’s name; a date in it dates a yearless document.'),
  startsAt: z.string().optional().describe('For a Markdown body: the start, local (with timezone) or an ISO instant.'),
  timezone: z.string().optional().describe('For a Markdown body: the IANA timezone of a local start.'),
  documentsBaseUrl: z.string().optional().describe('For a Markdown body: where the document’s relative links point.'),
  plannedMinutes: z.string().optional().describe('For a Markdown body: the planned length in minutes.'),
});

/** Query of the attendance download: the host key, for a plain download link (else `Authorization: Bearer`). */
export const attendeesQuerySchema = z.object({ key: z.string().optional().describe('The call’s host key, when not sent as Authorization: Bearer.') });

export const TEXT_CONTENT_TYPES = {
  markdown: 'text/markdown; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  calendar: 'text/calendar; charset=utf-8',
} as const;

/** `GET /api/openapi.json`: the OpenAPI 3.1 description of this API. */
export const openApiDocumentSchema = z.looseObject({
  openapi: z.literal('3.1.0'),
  info: z.looseObject({ title: z.string(), version: z.string() }),
  paths: z.record(z.string(), z.record(z.string(), z.unknown())),
});
