import { buildCalendar, calendarFileName, isDatedCall } from '@/lib/calendar/ics';
import type { CreateCallInput } from '@/lib/protocol';
import { callListQuerySchema, nextCallInputSchema, type CallList } from '@/lib/protocol/schedule';
import { utcToZonedLocal, zonedLocalToUtc } from '@/lib/time';
import { buildNewCall, callUrls } from '../../domain/call-factory';
import { collectPage, decodeCursor, filterForView, planNextStart, viewOf } from '../../domain/schedule';
import { createId, secretsMatch } from '../../domain/secrets';
import { findCallAccess, insertCall } from '../../persistence/calls.repository';
import type { Database } from '../../persistence/database';
import {
  copyOpenQuestions,
  deleteCall,
  ensureSeries,
  listCallSummaries,
  listSeriesStarts,
  loadCallTemplate,
} from '../../persistence/schedule.repository';
import { requirePublicCall } from './calls.routes';
import { baseUrlOf, contentTypeOf, HttpError, parseOrThrow, readJson, sendJson, sendText } from './http-utils';
import type { Route } from './router';

const slugPattern = '([a-z0-9]{1,64})';

export const scheduleRoutes: Route[] = [
  {
    method: 'GET',
    path: /^\/api\/calls$/,
    async handle({ response, context, query }) {
      const { view, limit, cursor } = parseOrThrow(callListQuerySchema, Object.fromEntries(query), 'The call list query is not valid.');
      const after = cursor ? decodeCursor(cursor) : null;
      if (cursor && !after) throw new HttpError(400, 'invalid_payload', 'The cursor is not valid.');
      const now = new Date();
      const filter = filterForView(view, now);
      const page = await collectPage(
        (position, take) => listCallSummaries(context.database, filter, position, take),
        (row) => viewOf(row, now) === view,
        limit,
        after,
      );
      const body: CallList = {
        view,
        calls: page.rows.map(({ id: _id, startsAt, ...summary }) => ({ ...summary, startsAt: startsAt?.toISOString() ?? null })),
        nextCursor: page.nextCursor,
      };
      sendJson(response, 200, body);
    },
  },
  {
    method: 'GET',
    path: new RegExp(`^/api/calls/${slugPattern}/calendar\\.ics$`),
    async handle({ request, response, context, publicUrl, params }) {
      const { call } = await requirePublicCall(context, params[0]!);
      if (!isDatedCall(call)) {
        throw new HttpError(409, 'no_date', 'This call’s date is to be announced, so there is no calendar event yet. The host sets the date first.');
      }
      const callUrl = `${baseUrlOf(request, publicUrl)}/c/${call.slug}`;
      sendText(response, 'text/calendar', buildCalendar(call, callUrl), calendarFileName(call.title));
    },
  },
  {
    method: 'POST',
    path: new RegExp(`^/api/calls/${slugPattern}/next$`),
    async handle({ request, response, context, publicUrl, params }) {
      if (contentTypeOf(request) !== 'application/json') {
        throw new HttpError(415, 'unsupported_media_type', 'Send the request as JSON (Content-Type: application/json).');
      }
      const input = parseOrThrow(nextCallInputSchema, await readJson(request), 'The next call could not be planned. Fix the problems listed.');
      const access = await findCallAccess(context.database, params[0]!);
      const template = access ? await loadCallTemplate(context.database, access.id) : null;
      if (!access || !template) throw new HttpError(404, 'not_found', 'There is no call at this address.');
      if (!secretsMatch(input.key, access.hostKey)) throw new HttpError(403, 'forbidden', 'Only the host can plan the next call.');

      const { id: _id, seriesId: _seriesId, startsAt: _startsAt, ...copied } = template;
      const startsAt = await nextStart(context.database, template, input.startsAt);
      const callInput: CreateCallInput = {
        ...copied,
        startsAt: startsAt ? utcToZonedLocal(startsAt, template.timezone) : undefined,
        minutes: '',
        questions: [],
        attendees: [],
        introOrder: [],
      };
      const seriesId = template.seriesId ?? (await ensureSeries(context.database, template.id, template.title, createId));
      const next = buildNewCall(callInput, { seriesId });
      await insertCall(context.database, next);
      try {
        if (input.carryOverQuestions) await copyOpenQuestions(context.database, template.id, next.id, next.newId);
      } catch (error) {
        // The questions are copied after the call is stored; undo it rather than leave it half planned.
        await deleteCall(context.database, next.id);
        throw error;
      }
      sendJson(response, 201, callUrls(baseUrlOf(request, publicUrl), next));
    },
  },
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
