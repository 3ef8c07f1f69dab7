import { buildCallRecord } from '@/lib/markdown/call-record';
import { listParticipants } from '../../persistence/participants.repository';
import { listQuestions } from '../../persistence/questions.repository';
import { requirePublicCall } from './calls.routes';
import type { Route } from './router';

export const recordRoutes: Route[] = [
  {
    method: 'GET',
    path: /^\/api\/calls\/([a-z0-9]{1,64})\/minutes\.md$/,
    async handle({ response, context, params }) {
      const { access, call } = await requirePublicCall(context, params[0]!);
      const [questions, attendees, minutes] = await Promise.all([
        listQuestions(context.database, access.id, { includeHidden: false }),
        listParticipants(context.database, access.id, () => false),
        context.minutes.textOf(access.id),
      ]);
      // Served inline so a browser shows it; the filename names it when someone saves it.
      response.writeHead(200, {
        'content-type': 'text/markdown; charset=utf-8',
        'cache-control': 'no-store',
        'content-disposition': `inline; filename="minutes-${call.slug}.md"`,
      });
      response.end(buildCallRecord({ call, questions, attendees, minutes }));
    },
  },
];
