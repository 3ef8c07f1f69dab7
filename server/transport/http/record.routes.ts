import { buildCallRecord } from '@/lib/markdown/call-record';
import { callPathSchema, TEXT_CONTENT_TYPES } from '@/lib/protocol';
import { listParticipants } from '../../persistence/participants.repository';
import { listQuestions } from '../../persistence/questions.repository';
import { defineRoute, noParameters, type ApiRoute } from './api-route';
import { requirePublicCall } from './calls.routes';
import { textResponse } from './http-utils';

export const recordRoutes: ApiRoute[] = [
  defineRoute({
    method: 'GET',
    path: '/api/calls/{slug}/minutes.md',
    operationId: 'downloadRecord',
    summary: 'The record of the call as Markdown',
    description: 'Agenda, minutes, visible questions and attendees. Served inline so a browser shows it; the filename names it when someone saves it.',
    params: callPathSchema,
    query: noParameters,
    responses: { 200: { description: 'The call record.', text: TEXT_CONTENT_TYPES.markdown } },
    errors: { 404: 'There is no call at this address.' },
    async handle({ c, params }) {
      const { context } = c.env;
      const { access, call } = await requirePublicCall(context, params.slug);
      const [questions, attendees, minutes] = await Promise.all([
        listQuestions(context.database, access.id, { includeHidden: false }),
        listParticipants(context.database, access.id, () => false),
        context.minutes.textOf(access.id),
      ]);
      const record = buildCallRecord({ call, questions, attendees, minutes });
      return textResponse(TEXT_CONTENT_TYPES.markdown, record, { type: 'inline', filename: `minutes-${call.slug}.md` });
    },
  }),
];
