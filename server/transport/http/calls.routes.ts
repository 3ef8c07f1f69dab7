import type { ImportNotice } from '@/lib/markdown/call-draft';
import {
  callPathSchema,
  callReadSchema,
  createCallBodySchema,
  createCallQuerySchema,
  createCallSchema,
  createdCallWithNoticesSchema,
  deletedCallSchema,
  markdownCallBodySchema,
  markdownDocumentSchema,
  seriesClaimSchema,
} from '@/lib/protocol';
import { buildNewCall, callUrls } from '../../domain/call-factory';
import { insertCall, readSeriesIdOf } from '../../persistence/calls.repository';
import type { ServerContext } from '../context';
import { defineRoute, noParameters, type ApiRoute } from './api-route';
import { type ApiContext, baseUrlOf, contentTypeOf, HttpError, MAX_UPLOAD_BYTES, parseJson, parseOrThrow, readBodyBytes, requireHostKey } from './http-utils';
import { callInputFromMarkdown, MARKDOWN_CONTENT_TYPES, overridesFromQuery } from './markdown-call-input';
import { seriesClaimFromRequest, seriesOfTarget, verifySeriesClaim, type SeriesClaim } from './series-claim';
import { decodeUploadText, requireText } from './upload-text';
import { deleteCallEverywhere } from '../call-deletion';
import type { z } from 'zod';

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
async function readCreateRequest(c: ApiContext, query: z.output<typeof createCallQuerySchema>): Promise<CreateRequest> {
  const contentType = contentTypeOf(c);
  const isMarkdown = MARKDOWN_CONTENT_TYPES.includes(contentType);
  if (!isMarkdown && contentType !== 'application/json') {
    throw new HttpError(415, 'unsupported_media_type', 'Send the call as JSON (Content-Type: application/json) or as a Markdown document (Content-Type: text/markdown).');
  }
  const queryClaim = seriesClaimFromRequest(query.seriesOf, c.req.header('authorization'));
  const text = decodeUploadText(await readBodyBytes(c, MAX_UPLOAD_BYTES));
  if (isMarkdown) {
    const { input, notices, lineOf } = callInputFromMarkdown(text, overridesFromQuery(query), query.filename);
    return { body: input, notices, lineOf, claim: queryClaim, isClaimInBody: false };
  }

  const json = parseJson(text);
  const bodyClaim = typeof json === 'object' && json !== null && 'seriesOf' in json ? parseOrThrow(seriesClaimSchema, json.seriesOf, 'The series to join is not valid.') : null;
  const claim = queryClaim ?? bodyClaim;
  const isClaimInBody = !queryClaim && bodyClaim !== null;
  const markdownBody = markdownCallBodySchema.safeParse(json);
  if (!markdownBody.success) return { body: json, notices: [], claim, isClaimInBody };
  const { markdown, filename: bodyFilename, seriesOf: _seriesOf, ...overrides } = markdownBody.data;
  const { input, notices, lineOf } = callInputFromMarkdown(requireText(markdown), overrides, bodyFilename ?? query.filename);
  return { body: input, notices, lineOf, claim, isClaimInBody };
}

export const callRoutes: ApiRoute[] = [
  defineRoute({
    method: 'POST',
    path: '/api/calls',
    operationId: 'createCall',
    summary: 'Create a call',
    description:
      'From JSON (a call, or `{ markdown, filename?, ...overrides }`) or from a Markdown document. A call with a record (minutes, questions, attendees) is created as ended. ' +
      'It joins the series of another call with `?seriesOf=<slug>` and that call’s host key as a bearer token, or with `seriesOf: { slug, key }` in a JSON body.',
    params: noParameters,
    query: createCallQuerySchema,
    body: {
      required: true,
      content: { 'application/json': createCallBodySchema, 'text/markdown': markdownDocumentSchema, 'text/plain': markdownDocumentSchema },
    },
    security: { schemes: ['hostKey'], isOptional: true },
    responses: { 201: { description: 'Created; `notices` lists what the reader noticed in a document.', json: createdCallWithNoticesSchema } },
    errors: {
      400: 'The body or the series claim is not valid, or the document is empty or unreadable Markdown.',
      403: 'The key is not the host key of the series’ call.',
      404: 'There is no call whose series the new call could join.',
      413: 'The body is larger than 1 MB.',
      415: 'Neither JSON nor Markdown, or not UTF-8/UTF-16 text.',
    },
    async handle({ c, query, reply }) {
      const { context } = c.env;
      const { body, notices, lineOf, claim, isClaimInBody } = await readCreateRequest(c, query);
      const target = claim ? await verifySeriesClaim(context, claim) : null;
      // An archive upload adds many calls to a series its host owns: it is limited like any API request.
      if (target && isClaimInBody) context.limits.network.recountAsSeriesCreate(c.env.incoming);
      const input = parseOrThrow(createCallSchema, body, 'The call could not be created. Fix the problems listed.', lineOf);
      const call = buildNewCall(input, { seriesId: target ? await seriesOfTarget(context, target) : null });
      await insertCall(context.database, call);
      if (call.minutesState) await context.actions.syncCreated(call.id);
      if (call.seriesId && call.status === 'scheduled') await context.webhooks.announce(call.id, 'call.scheduled');
      return reply(201, { ...callUrls(baseUrlOf(c), call), notices });
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/api/calls/{slug}',
    operationId: 'readCall',
    summary: 'Read a call',
    description: 'Everything about the call that any attendee may see.',
    params: callPathSchema,
    query: noParameters,
    responses: { 200: { description: 'The call, the sequence number of its last change and its series (null for a call on its own).', json: callReadSchema } },
    errors: { 404: 'There is no call at this address.' },
    async handle({ c, params, reply }) {
      const { access, sequence, call } = await requirePublicCall(c.env.context, params.slug);
      return reply(200, { sequence, call, seriesId: await readSeriesIdOf(c.env.context.database, access.id) });
    },
  }),
  defineRoute({
    method: 'DELETE',
    path: '/api/calls/{slug}',
    operationId: 'deleteCall',
    summary: 'Delete a call (host only)',
    description:
      'Removes the call and everything of it: participants’ names and profiles, questions and votes, polls and answers, minutes and their history, action items, decisions, links. ' +
      'Everyone in the call is told and disconnected; its series keeps its other calls. Copies already published to a Git repository and webhooks already sent are not removed.',
    params: callPathSchema,
    query: noParameters,
    security: { schemes: ['hostKey'], isOptional: false },
    responses: { 200: { description: 'The call is gone.', json: deletedCallSchema } },
    errors: { 403: 'The key is not the call’s host key.', 404: 'There is no call at this address.' },
    async handle({ c, params, reply }) {
      const { context } = c.env;
      const { access, call } = await requirePublicCall(context, params.slug);
      requireHostKey(c, access.hostKey, 'Only the host can delete this call.');
      if (!(await deleteCallEverywhere(context, access))) throw new HttpError(404, 'not_found', 'There is no call at this address.');
      return reply(200, { slug: call.slug, title: call.title });
    },
  }),
];
