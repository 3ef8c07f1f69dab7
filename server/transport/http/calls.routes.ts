import { createCallSchema } from '@/lib/protocol';
import { buildNewCall, callUrls } from '../../domain/call-factory';
import { findCallAccess, insertCall } from '../../persistence/calls.repository';
import type { ServerContext } from '../context';
import { baseUrlOf, contentTypeOf, HttpError, parseOrThrow, readJson, sendJson } from './http-utils';
import type { Route } from './router';

/** The call's public state, or a 404. */
export async function requirePublicCall(context: ServerContext, slug: string) {
  const access = await findCallAccess(context.database, slug);
  const entry = access ? await context.snapshots.get(access.id) : null;
  if (!access || !entry) throw new HttpError(404, 'not_found', 'There is no call at this address.');
  return { access, ...entry };
}

export const callRoutes: Route[] = [
  {
    method: 'POST',
    path: /^\/api\/calls$/,
    async handle({ request, response, context, publicUrl }) {
      if (contentTypeOf(request) !== 'application/json') {
        throw new HttpError(415, 'unsupported_media_type', 'Send the call as JSON (Content-Type: application/json).');
      }
      const input = parseOrThrow(createCallSchema, await readJson(request), 'The call could not be created. Fix the problems listed.');
      const call = buildNewCall(input);
      await insertCall(context.database, call);
      sendJson(response, 201, callUrls(baseUrlOf(request, publicUrl), call));
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
