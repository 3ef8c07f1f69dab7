import { createCallSchema } from '@/lib/protocol';
import { buildNewCall, callUrls } from '../../domain/call-factory';
import { insertCall } from '../../persistence/calls.repository';
import type { ServerContext } from '../context';
import { baseUrlOf, contentTypeOf, HttpError, parseOrThrow, readBody, readJson, sendJson } from './http-utils';
import { callInputFromMarkdown, MARKDOWN_CONTENT_TYPES, markdownBodySchema, overridesFromQuery } from './markdown-call-input';
import type { Route } from './router';

/** The call's public state, or a 404. */
export async function requirePublicCall(context: ServerContext, slug: string) {
  const access = await context.snapshots.access(slug);
  const entry = access ? await context.snapshots.get(access.id) : null;
  if (!access || !entry) throw new HttpError(404, 'not_found', 'There is no call at this address.');
  return { access, ...entry };
}

export const callRoutes: Route[] = [
  {
    method: 'POST',
    path: /^\/api\/calls$/,
    async handle({ request, response, context, publicUrl, query }) {
      const contentType = contentTypeOf(request);
      let body: unknown;
      let notices: unknown[] | undefined;
      if (MARKDOWN_CONTENT_TYPES.includes(contentType)) {
        ({ input: body, notices } = callInputFromMarkdown(await readBody(request), overridesFromQuery(query)));
      } else if (contentType === 'application/json') {
        body = await readJson(request);
        const markdownBody = markdownBodySchema.safeParse(body);
        if (markdownBody.success) {
          const { markdown, ...overrides } = markdownBody.data;
          ({ input: body, notices } = callInputFromMarkdown(markdown, overrides));
        }
      } else {
        throw new HttpError(415, 'unsupported_media_type', 'Send the call as JSON (Content-Type: application/json) or as a Markdown agenda (Content-Type: text/markdown).');
      }
      const input = parseOrThrow(createCallSchema, body, 'The call could not be created. Fix the problems listed.');
      const call = buildNewCall(input);
      await insertCall(context.database, call);
      sendJson(response, 201, { ...callUrls(baseUrlOf(request, publicUrl), call), ...(notices ? { notices } : {}) });
    },
  },
  {
    method: 'GET',
    path: /^\/api\/calls\/([a-z0-9]{1,64})$/,
    async handle({ response, context, params }) {
      const { sequence, call } = await requirePublicCall(context, params[0]!);
      sendJson(response, 200, { sequence, call });
    },
  },
];
