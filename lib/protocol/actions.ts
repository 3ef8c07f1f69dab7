import { z } from 'zod';

/**
 * Action items and decisions (issue 15). They are written in the shared minutes (`- [ ] @owner text`,
 * `AI: …`, `Decision: …`) and read out of the minutes text by one function, `extractActions` in lib/actions.ts,
 * on the server; the panel, the record and the series page show what it read.
 */

/** An ISO date without a time: `2026-12-20`. */
export const dueDateSchema = z.iso.date('A due date is a day: YYYY-MM-DD');

export type PublicAction = {
  id: string;
  text: string;
  /** As written after `@` or before "to" (`Hugo to …`); null when nobody owns it yet. */
  owner: string | null;
  due: string | null;
  isDone: boolean;
  /** The agenda item whose heading it was written under in the minutes, if any. */
  itemId: string | null;
  /** The call it was written in; for an item carried over from an earlier call of the series, that call. */
  call: { slug: string; title: string; startsAt: string | null };
  /** True for an open item of an earlier call of the series, shown so this call can review and close it. */
  isCarriedOver: boolean;
  /** When it was closed and in which call (for a carried-over one closed later). */
  closedAt: string | null;
};

export type PublicDecision = {
  id: string;
  text: string;
  itemId: string | null;
  call: { slug: string; title: string; startsAt: string | null };
};

/** What a call shows: its own action items, the open ones of earlier calls of its series, its decisions. */
export type CallActions = { actions: PublicAction[]; decisions: PublicDecision[] };

export const actionCommandSchemas = {
  /**
   * Host and scribes: set an item's owner or due date, or mark it done or open again. For an item of this call
   * the minutes text changes (the line gets `@owner`, `(due …)` or `[x]`); a carried-over one is closed for the series.
   */
  'action:update': z
    .object({
      actionId: z.string().min(1).max(64),
      owner: z.string().trim().max(80).nullable().optional(),
      due: dueDateSchema.nullable().optional(),
      isDone: z.boolean().optional(),
    })
    .strict()
    .refine((change) => change.owner !== undefined || change.due !== undefined || change.isDone !== undefined, 'Change the owner, the due date or whether it is done'),
};

export type ActionCommandResults = { 'action:update': { ok: true } };

export type ActionServerEvents = {
  /** The call's action items and decisions, whole, after the minutes or an item changed. */
  'actions:update': (actions: CallActions) => void;
};

export const actionStateSchema = z.enum(['open', 'done']);

/** Path parameters of `/api/series/{id}…`: a series id as the server makes them. */
export const seriesPathSchema = z.object({ id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'Must be the id of a series') });
/** `?state=open` (the default) or `?state=done`. */
export const seriesActionsQuerySchema = z.object({ state: actionStateSchema.default('open') });

/** `GET /api/series/{id}/actions`: a series' action items (by owner) and decisions, each with the call it came from. */
const callRefSchema = z.object({ slug: z.string(), title: z.string(), startsAt: z.string().nullable(), url: z.string() });
export const seriesActionsSchema = z.object({
  series: z.object({ id: z.string(), title: z.string() }),
  state: actionStateSchema,
  actions: z.array(
    z.object({ id: z.string(), text: z.string(), owner: z.string().nullable(), due: z.string().nullable(), isDone: z.boolean(), closedAt: z.string().nullable(), call: callRefSchema }),
  ),
  decisions: z.array(z.object({ id: z.string(), text: z.string(), call: callRefSchema })),
});
export type SeriesActions = z.infer<typeof seriesActionsSchema>;
