import { exportActionsChecklist } from '@/lib/markdown/actions-export';
import { callPathSchema, seriesActionsQuerySchema, seriesActionsSchema, seriesPathSchema, TEXT_CONTENT_TYPES } from '@/lib/protocol';
import { readCallActions, readSeriesActions } from '../../persistence/actions.repository';
import { defineRoute, noParameters, type ApiRoute } from './api-route';
import { requirePublicCall } from './calls.routes';
import { baseUrlOf, HttpError, textResponse } from './http-utils';

export const actionsRoutes: ApiRoute[] = [
  defineRoute({
    method: 'GET',
    path: '/api/series/{id}/actions',
    operationId: 'listSeriesActions',
    summary: 'A series’ action items and decisions',
    description: 'The action items of every call of the series that are open (`state=open`, the default) or done or closed (`state=done`), by owner, and every decision; each with the call it was written in.',
    params: seriesPathSchema,
    query: seriesActionsQuerySchema,
    invalidQueryMessage: 'The state is `open` or `done`.',
    responses: { 200: { description: 'The series’ items in that state and its decisions.', json: seriesActionsSchema } },
    errors: { 400: 'The state is neither `open` nor `done`.', 404: 'There is no such series.' },
    async handle({ c, params, query, reply }) {
      const found = await readSeriesActions(c.env.context.database, params.id, query.state);
      if (!found) throw new HttpError(404, 'not_found', 'There is no such series.');
      const base = baseUrlOf(c);
      const withUrl = <Item extends { call: { slug: string } }>(item: Item) => ({ ...item, call: { ...item.call, url: `${base}/c/${item.call.slug}` } });
      return reply(200, {
        series: found.series,
        state: query.state,
        actions: found.actions.map(({ id, text, owner, due, isDone, closedAt, call }) => withUrl({ id, text, owner, due, isDone, closedAt, call })),
        decisions: found.decisions.map(({ id, text, call }) => withUrl({ id, text, call })),
      });
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/api/calls/{slug}/actions.md',
    operationId: 'downloadActions',
    summary: 'The call’s action items and decisions as a Markdown checklist',
    description: 'Its own items, the open items of earlier calls of its series it reviews, and its decisions. Served inline.',
    params: callPathSchema,
    query: noParameters,
    responses: { 200: { description: 'A Markdown checklist.', text: TEXT_CONTENT_TYPES.markdown } },
    errors: { 404: 'There is no call at this address.' },
    async handle({ c, params }) {
      const { access, call } = await requirePublicCall(c.env.context, params.slug);
      const actions = (await readCallActions(c.env.context.database, access.id)) ?? { actions: [], decisions: [] };
      return textResponse(TEXT_CONTENT_TYPES.markdown, exportActionsChecklist(call.title, actions, call.slug), { type: 'inline', filename: `actions-${call.slug}.md` });
    },
  }),
];
