import { callPathSchema, TEXT_CONTENT_TYPES } from '@/lib/protocol';
import { defineRoute, noParameters, type ApiRoute } from './api-route';
import { readCallRecord } from './call-record';
import { requirePublicCall } from './calls.routes';
import { textResponse } from './http-utils';

export const recordRoutes: ApiRoute[] = [
  defineRoute({
    method: 'GET',
    path: '/api/calls/{slug}/minutes.md',
    operationId: 'downloadRecord',
    summary: 'The record of the call as Markdown',
    description: 'Agenda (with reaction counts per item), minutes, attendees, the opened polls and visible questions. Served inline so a browser shows it; the filename names it when someone saves it.',
    params: callPathSchema,
    query: noParameters,
    responses: { 200: { description: 'The call record.', text: TEXT_CONTENT_TYPES.markdown } },
    errors: { 404: 'There is no call at this address.' },
    async handle({ c, params }) {
      const { access, call } = await requirePublicCall(c.env.context, params.slug);
      const record = await readCallRecord(c.env.context, access.id, call);
      return textResponse(TEXT_CONTENT_TYPES.markdown, record, { type: 'inline', filename: `minutes-${call.slug}.md` });
    },
  }),
];
