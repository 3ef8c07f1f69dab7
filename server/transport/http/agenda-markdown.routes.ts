import { exportAgendaMarkdown } from '@/lib/markdown/agenda-export';
import { requirePublicCall } from './calls.routes';
import type { Route } from './router';

export const agendaMarkdownRoutes: Route[] = [
  {
    method: 'GET',
    path: /^\/api\/calls\/([a-z0-9]{1,64})\/agenda\.md$/,
    async handle({ response, context, params }) {
      const { call } = await requirePublicCall(context, params[0]!);
      // Served inline so a browser shows it; the filename names it when someone saves it.
      response.writeHead(200, {
        'content-type': 'text/markdown; charset=utf-8',
        'cache-control': 'no-store',
        'content-disposition': `inline; filename="agenda-${call.slug}.md"`,
      });
      response.end(exportAgendaMarkdown(call));
    },
  },
];
