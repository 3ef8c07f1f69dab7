import { toCsv } from '@/lib/csv';
import { attendeesQuerySchema, callPathSchema, TEXT_CONTENT_TYPES } from '@/lib/protocol';
import { listParticipants } from '../../persistence/participants.repository';
import { defineRoute, type ApiRoute } from './api-route';
import { requirePublicCall } from './calls.routes';
import { requireHostKey, textResponse } from './http-utils';

const HEADER = ['name', 'affiliation', 'pronouns', 'what brings them', 'role', 'team', 'checked in at (UTC)', 'intro order'];

export const attendeesRoutes: ApiRoute[] = [
  defineRoute({
    method: 'GET',
    path: '/api/calls/{slug}/attendees.csv',
    operationId: 'downloadAttendees',
    summary: 'The attendance list as CSV (host only)',
    params: callPathSchema,
    query: attendeesQuerySchema,
    security: { schemes: ['hostKey', 'hostKeyQuery'], isOptional: false },
    responses: { 200: { description: 'One row per participant, with a header row.', text: TEXT_CONTENT_TYPES.csv } },
    errors: { 403: 'The key is not the call’s host key.', 404: 'There is no call at this address.' },
    async handle({ c, params, query }) {
      const { context } = c.env;
      const { access, call } = await requirePublicCall(context, params.slug);
      requireHostKey(c, access.hostKey, 'Only the host can download the attendance list.', query.key);
      const online = await context.presence.onlineIds(access.id);
      const participants = await listParticipants(context.database, access.id, (id) => online.has(id));
      const introOrder = new Map((call.intro?.order ?? []).map((id, index) => [id, String(index + 1)]));
      const rows = participants.map((participant) => [
        participant.displayName,
        participant.affiliation,
        participant.pronouns,
        participant.reason,
        participant.role,
        participant.isTeam ? 'yes' : 'no',
        participant.checkedInAt,
        introOrder.get(participant.id) ?? '',
      ]);
      return textResponse(TEXT_CONTENT_TYPES.csv, toCsv([HEADER, ...rows]), { type: 'attachment', filename: `attendees-${call.slug}.csv` });
    },
  }),
];
