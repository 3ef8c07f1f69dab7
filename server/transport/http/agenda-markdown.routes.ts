import { exportAgendaMarkdown } from '@/lib/markdown/agenda-export';
import { callPathSchema, TEXT_CONTENT_TYPES } from '@/lib/protocol';
import { defineRoute, noParameters, type ApiRoute } from './api-route';
import { requirePublicCall } from './calls.routes';
import { textResponse } from './http-utils';

export const agendaMarkdownRoutes: ApiRoute[] = [
  defineRoute({
    method: 'GET',
    path: '/api/calls/{slug}/agenda.md',
    operationId: 'downloadAgenda',
    summary: 'The agenda as Markdown',
    description: 'Served inline so a browser shows it; the filename names it when someone saves it.',
    params: callPathSchema,
    query: noParameters,
    responses: { 200: { description: 'The agenda, in the Markdown the importer reads back.', text: TEXT_CONTENT_TYPES.markdown } },
    errors: { 404: 'There is no call at this address.' },
    async handle({ c, params }) {
      const { call } = await requirePublicCall(c.env.context, params.slug);
      return textResponse(TEXT_CONTENT_TYPES.markdown, exportAgendaMarkdown(call), { type: 'inline', filename: `agenda-${call.slug}.md` });
    },
  }),
];
