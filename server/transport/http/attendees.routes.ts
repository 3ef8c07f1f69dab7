import { toCsv } from '@/lib/csv';
import { secretsMatch } from '../../domain/secrets';
import { listParticipants } from '../../persistence/participants.repository';
import { requirePublicCall } from './calls.routes';
import { HttpError } from './http-utils';
import type { Route } from './router';

/** The host key from `Authorization: Bearer <key>` or, for a plain download link, `?key=`. */
function hostKeyOf(authorization: string | undefined, query: URLSearchParams): string {
  const bearer = /^Bearer (\S+)$/.exec(authorization ?? '')?.[1];
  return bearer ?? query.get('key') ?? '';
}

export const attendeesRoutes: Route[] = [
  {
    method: 'GET',
    path: /^\/api\/calls\/([a-z0-9]{1,64})\/attendees\.csv$/,
    async handle({ request, response, context, params, query }) {
      const { access, call } = await requirePublicCall(context, params[0]!);
      if (!secretsMatch(hostKeyOf(request.headers.authorization, query), access.hostKey)) {
        throw new HttpError(403, 'forbidden', 'Only the host can download the attendance list.');
      }
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
      const header = ['name', 'affiliation', 'pronouns', 'what brings them', 'role', 'team', 'checked in at (UTC)', 'intro order'];
      response.writeHead(200, {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="attendees-${call.slug}.csv"`,
        'cache-control': 'no-store',
      });
      response.end(toCsv([header, ...rows]));
    },
  },
];
