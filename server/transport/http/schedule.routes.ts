import { buildCalendar, calendarFileName, isDatedCall } from '@/lib/calendar/ics';
import { callPathSchema, TEXT_CONTENT_TYPES, type CreateCallInput } from '@/lib/protocol';
import { callListQuerySchema, callListSchema, createdCallSchema, nextCallInputSchema } from '@/lib/protocol/schedule';
import { utcToZonedLocal, zonedLocalToUtc } from '@/lib/time';
import { withReviewItem } from '../../domain/action-review';
import { buildNewCall, callUrls } from '../../domain/call-factory';
import { collectPage, decodeCursor, filterForView, planNextStart, viewOf } from '../../domain/schedule';
import { createId, secretsMatch } from '../../domain/secrets';
import { readSeriesActions } from '../../persistence/actions.repository';
import { findCallAccess, insertCall } from '../../persistence/calls.repository';
import type { Database } from '../../persistence/database';
import { copyPollsToNextCall } from '../../persistence/polls.repository';
import {
  copyOpenQuestions,
  deleteCall,
  ensureSeries,
  listCallSummaries,
  listSeriesStarts,
  loadCallTemplate,
} from '../../persistence/schedule.repository';
import { defineRoute, noParameters, type ApiRoute } from './api-route';
import { requirePublicCall } from './calls.routes';
import { baseUrlOf, contentTypeOf, HttpError, parseOrThrow, readJson, textResponse } from './http-utils';

export const scheduleRoutes: ApiRoute[] = [
  defineRoute({
    method: 'GET',
    path: '/api/calls',
    operationId: 'listCalls',
    summary: 'List calls',
    description: 'One view (upcoming, live or past) a page at a time; pass `nextCursor` as `cursor` for the next page.',
    params: noParameters,
    query: callListQuerySchema,
    invalidQueryMessage: 'The call list query is not valid.',
    responses: { 200: { description: 'A page of the view.', json: callListSchema } },
    errors: { 400: 'The query or the cursor is not valid.' },
    async handle({ c, query: { view, limit, cursor }, reply }) {
      const after = cursor ? decodeCursor(cursor) : null;
      if (cursor && !after) throw new HttpError(400, 'invalid_payload', 'The cursor is not valid.');
      const now = new Date();
      const filter = filterForView(view, now);
      const page = await collectPage(
        (position, take) => listCallSummaries(c.env.context.database, filter, position, take),
        (row) => viewOf(row, now) === view,
        limit,
        after,
      );
      const calls = page.rows.map(({ id: _id, startsAt, ...summary }) => ({ ...summary, startsAt: startsAt?.toISOString() ?? null }));
      return reply(200, { view, calls, nextCursor: page.nextCursor });
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/api/calls/{slug}/calendar.ics',
    operationId: 'downloadCalendar',
    summary: 'The call as a calendar event (iCalendar)',
    params: callPathSchema,
    query: noParameters,
    responses: { 200: { description: 'An iCalendar file with the call as one event.', text: TEXT_CONTENT_TYPES.calendar } },
    errors: { 404: 'There is no call at this address.', 409: 'The call’s date is to be announced (`no_date`).' },
    async handle({ c, params }) {
      const { call } = await requirePublicCall(c.env.context, params.slug);
      if (!isDatedCall(call)) {
        throw new HttpError(409, 'no_date', 'This call’s date is to be announced, so there is no calendar event yet. The host sets the date first.');
      }
      const callUrl = `${baseUrlOf(c)}/c/${call.slug}`;
      return textResponse(TEXT_CONTENT_TYPES.calendar, buildCalendar(call, callUrl), { type: 'attachment', filename: calendarFileName(call.title) });
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/api/calls/{slug}/next',
    operationId: 'planNextCall',
    summary: 'Plan the next call of the series (host only)',
    description: 'Copies the agenda and links, the polls as unanswered drafts (and, if asked, the open questions). When the series has open action items, the agenda starts with an item “Review action items” listing them. The host key is `key` in the body. Without `startsAt` the series’ rhythm sets the date.',
    params: callPathSchema,
    query: noParameters,
    body: { required: true, content: { 'application/json': nextCallInputSchema } },
    responses: { 201: { description: 'The next call was created.', json: createdCallSchema } },
    errors: {
      400: 'The body is not valid.',
      403: 'The key is not the call’s host key.',
      404: 'There is no call at this address.',
      413: 'The body is larger than 256 KB.',
      415: 'The body is not JSON.',
    },
    async handle({ c, params, reply }) {
      const { database } = c.env.context;
      if (contentTypeOf(c) !== 'application/json') {
        throw new HttpError(415, 'unsupported_media_type', 'Send the request as JSON (Content-Type: application/json).');
      }
      const input = parseOrThrow(nextCallInputSchema, await readJson(c), 'The next call could not be planned. Fix the problems listed.');
      const access = await findCallAccess(database, params.slug);
      const template = access ? await loadCallTemplate(database, access.id) : null;
      if (!access || !template) throw new HttpError(404, 'not_found', 'There is no call at this address.');
      if (!secretsMatch(input.key, access.hostKey)) throw new HttpError(403, 'forbidden', 'Only the host can plan the next call.');

      const { id: _id, seriesId: _seriesId, startsAt: _startsAt, ...copied } = template;
      const startsAt = await nextStart(database, template, input.startsAt);
      const seriesId = template.seriesId ?? (await ensureSeries(database, template.id, template.title, createId));
      // The series' open action items show in the next call as carried over; its agenda gets an item to review them.
      const openActions = (await readSeriesActions(database, seriesId, 'open'))?.actions ?? [];
      const callInput: CreateCallInput = {
        ...copied,
        sections: withReviewItem(copied.sections, openActions, template.timezone),
        startsAt: startsAt ? utcToZonedLocal(startsAt, template.timezone) : undefined,
        minutes: '',
        questions: [],
        attendees: [],
        introOrder: [],
      };
      const next = buildNewCall(callInput, { seriesId });
      await insertCall(database, next);
      try {
        if (input.carryOverQuestions) await copyOpenQuestions(database, template.id, next.id, next.newId);
        await copyPollsToNextCall(database, template.id, next.id, next.newId);
      } catch (error) {
        // Questions and polls are copied after the call is stored; undo it rather than leave it half planned.
        await deleteCall(database, next.id);
        throw error;
      }
      await c.env.context.webhooks.announce(next.id, 'call.scheduled');
      return reply(201, callUrls(baseUrlOf(c), next));
    },
  }),
];

/**
 * The next call's start: the one asked for, else the series' rhythm from its dated calls. A call whose date is
 * to be announced is followed by one to be announced too.
 */
async function nextStart(database: Database, template: { seriesId: string | null; startsAt: Date | null; timezone: string }, asked: string | undefined): Promise<Date | null> {
  if (asked) return zonedLocalToUtc(asked, template.timezone);
  if (!template.startsAt) return null;
  const seriesStarts = template.seriesId ? await listSeriesStarts(database, template.seriesId) : [template.startsAt];
  return planNextStart(seriesStarts, template.timezone, new Date());
}
