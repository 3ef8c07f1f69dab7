import type { IncomingMessage } from 'node:http';
import type { ImportNotice } from '@/lib/markdown/call-draft';
import { createCallSchema } from '@/lib/protocol';
import { buildNewCall, callUrls } from '../../domain/call-factory';
import { insertCall } from '../../persistence/calls.repository';
import type { ServerContext } from '../context';
import { baseUrlOf, contentTypeOf, HttpError, MAX_UPLOAD_BYTES, parseJson, parseOrThrow, readBodyBytes, sendJson } from './http-utils';
import { callInputFromMarkdown, MARKDOWN_CONTENT_TYPES, markdownBodySchema, overridesFromQuery } from './markdown-call-input';
import type { Route } from './router';
import { seriesClaimFromRequest, seriesClaimSchema, seriesOfTarget, verifySeriesClaim, type SeriesClaim } from './series-claim';
import { decodeUploadText, requireText } from './upload-text';

/** The call's public state, or a 404. */
export async function requirePublicCall(context: ServerContext, slug: string) {
  const access = await context.snapshots.access(slug);
  const entry = access ? await context.snapshots.get(access.id) : null;
  if (!access || !entry) throw new HttpError(404, 'not_found', 'There is no call at this address.');
  return { access, ...entry };
}

type CreateRequest = {
  body: unknown;
  notices: ImportNotice[];
  /** The document line of a field, for a body read from Markdown. */
  lineOf?: (path: PropertyKey[]) => number | undefined;
  claim: SeriesClaim | null;
  isClaimInBody: boolean;
};

/** What a `POST /api/calls` asks for: a create-call body (from JSON or Markdown), the reader's notices and a series to join. */
async function readCreateRequest(request: IncomingMessage, query: URLSearchParams): Promise<CreateRequest> {
  const contentType = contentTypeOf(request);
  const isMarkdown = MARKDOWN_CONTENT_TYPES.includes(contentType);
  if (!isMarkdown && contentType !== 'application/json') {
    throw new HttpError(415, 'unsupported_media_type', 'Send the call as JSON (Content-Type: application/json) or as a Markdown document (Content-Type: text/markdown).');
  }
  const queryClaim = seriesClaimFromRequest(query, request.headers);
  const text = decodeUploadText(await readBodyBytes(request, MAX_UPLOAD_BYTES));
  const filename = query.get('filename') ?? undefined;
  if (isMarkdown) {
    const { input, notices, lineOf } = callInputFromMarkdown(text, overridesFromQuery(query), filename);
    return { body: input, notices, lineOf, claim: queryClaim, isClaimInBody: false };
  }

  const json = parseJson(text);
  const bodyClaim = typeof json === 'object' && json !== null && 'seriesOf' in json ? parseOrThrow(seriesClaimSchema, json.seriesOf, 'The series to join is not valid.') : null;
  const claim = queryClaim ?? bodyClaim;
  const isClaimInBody = !queryClaim && bodyClaim !== null;
  const markdownBody = markdownBodySchema.safeParse(json);
  if (!markdownBody.success) return { body: json, notices: [], claim, isClaimInBody };
  const { markdown, filename: bodyFilename, seriesOf: _seriesOf, ...overrides } = markdownBody.data;
  const { input, notices, lineOf } = callInputFromMarkdown(requireText(markdown), overrides, bodyFilename ?? filename);
  return { body: input, notices, lineOf, claim, isClaimInBody };
}

export const callRoutes: Route[] = [
  {
    method: 'POST',
    path: /^\/api\/calls$/,
    async handle({ request, response, context, publicUrl, query }) {
      const { body, notices, lineOf, claim, isClaimInBody } = await readCreateRequest(request, query);
      const target = claim ? await verifySeriesClaim(context, claim) : null;
      // An archive upload adds many calls to a series its host owns: it is limited like any API request.
      if (target && isClaimInBody) context.limits.network.recountAsSeriesCreate(request);
      const input = parseOrThrow(createCallSchema, body, 'The call could not be created. Fix the problems listed.', lineOf);
      const call = buildNewCall(input, { seriesId: target ? await seriesOfTarget(context, target) : null });
      await insertCall(context.database, call);
      sendJson(response, 201, { ...callUrls(baseUrlOf(request, publicUrl), call), notices });
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
