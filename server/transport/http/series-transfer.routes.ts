import { z } from 'zod';
import { callPathSchema, EXPORT_FORMAT, EXPORT_VERSION, importedSeriesSchema, MAX_ARCHIVE_BYTES, seriesPathSchema, type ExportedCallInput } from '@/lib/protocol';
import { archiveFilenameOf, folderNameOf, packArchive, readArchive, type ArchivedCall, type ArchiveNotice } from '@/lib/series-archive';
import { callUrls } from '../../domain/call-factory';
import { createId, secretsMatch } from '../../domain/secrets';
import { buildImportedCall, exportCallState, type ImportedCall } from '../../domain/series-transfer';
import { setActionClosed } from '../../persistence/actions.repository';
import { insertImportedSeries, listOwnActionIds, readCallState, readSeriesCalls } from '../../persistence/series-transfer.repository';
import type { ServerContext } from '../context';
import { defineRoute, noParameters, type ApiRoute } from './api-route';
import { readCallRecord } from './call-record';
import { requirePublicCall } from './calls.routes';
import { baseUrlOf, bearerKeyOf, contentTypeOf, HttpError, readBodyBytes } from './http-utils';

export const ZIP_CONTENT_TYPE = 'application/zip';


/** The archive of the calls, earliest first; every call's record as `minutes.md` serves it. */
async function exportArchive(context: ServerContext, title: string, callIds: string[]): Promise<Uint8Array> {
  const calls: ArchivedCall<ExportedCallInput>[] = [];
  const folders = new Map<string, string>();
  const states = [];
  for (const [index, callId] of callIds.entries()) {
    const [state, entry] = await Promise.all([readCallState(context.database, callId), context.snapshots.get(callId)]);
    if (!state || !entry) continue;
    folders.set(callId, folderNameOf(index, state.title));
    states.push({ state, call: entry.call });
  }
  for (const { state, call } of states) {
    const [minutes, record] = await Promise.all([context.minutes.textOf(state.id), readCallRecord(context, state.id, call)]);
    calls.push({ folder: folders.get(state.id)!, state: exportCallState(state, minutes, (id) => folders.get(id) ?? null), record });
  }
  const manifest = {
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    exportedAt: new Date().toISOString(),
    series: { title },
    calls: calls.map(({ folder, state }) => ({ folder, title: state.title })),
  } as const;
  return packArchive(manifest, calls);
}

function zipResponse(bytes: Uint8Array, title: string): Response {
  const disposition = `attachment; filename="${archiveFilenameOf(title)}"; filename*=UTF-8''${encodeURIComponent(`${title}-roundtable.zip`)}`;
  return new Response(new Uint8Array(bytes), { status: 200, headers: { 'content-type': ZIP_CONTENT_TYPE, 'content-disposition': disposition, 'cache-control': 'no-store' } });
}

const ARCHIVE_DESCRIPTION =
  'A zip: `roundtable-export.json` (format, version, when, the series title, its calls in order) and per call a folder with `call.json` ' +
  '(its whole state) and `minutes.md` (its record). No keys, tokens or webhooks.';

/**
 * After the import's transaction: reads each call's action items out of its minutes, closes those a later call of
 * the archive closed, and checks each record against the archive's `minutes.md`. Returns a notice per difference.
 */
async function settleImportedCalls(context: ServerContext, archived: ArchivedCall[], imported: ImportedCall[]): Promise<ArchiveNotice[]> {
  const callIdOf = new Map(archived.map(({ folder }, index) => [folder, imported[index]!.call.id]));
  for (const [index, { call }] of imported.entries()) {
    if (call.minutesState) await context.actions.syncCreated(call.id);
    const actionIds = await listOwnActionIds(context.database, call.id);
    for (const [position, action] of archived[index]!.state.actions.entries()) {
      const closedIn = action.closedIn === null ? undefined : callIdOf.get(action.closedIn);
      if (closedIn && actionIds[position]) await setActionClosed(context.database, actionIds[position], closedIn, true);
    }
  }
  // Read back only now: a record shows the action items of earlier calls, closed or not.
  const notices: ArchiveNotice[] = [];
  for (const [index, { call }] of imported.entries()) {
    const { folder, record } = archived[index]!;
    const { call: stored } = await requirePublicCall(context, call.slug);
    if ((await readCallRecord(context, call.id, stored)) !== record) {
      notices.push({ file: `${folder}/minutes.md`, message: 'The imported call’s record differs from this file (made by another version?); the call was imported from call.json.' });
    }
  }
  return notices;
}

export const seriesTransferRoutes: ApiRoute[] = [
  defineRoute({
    method: 'GET',
    path: '/api/series/{id}/export',
    operationId: 'exportSeries',
    summary: 'Download a series as one archive (host only)',
    description: `${ARCHIVE_DESCRIPTION} Send the host key of any call of the series as Authorization: Bearer.`,
    params: seriesPathSchema,
    query: noParameters,
    security: { schemes: ['hostKey'], isOptional: false },
    responses: { 200: { description: 'The archive, as an attachment.', text: ZIP_CONTENT_TYPE } },
    errors: { 403: 'The key is not the host key of a call of the series.', 404: 'There is no such series.' },
    async handle({ c, params }) {
      const { context } = c.env;
      const series = await readSeriesCalls(context.database, params.id);
      if (!series) throw new HttpError(404, 'not_found', 'There is no such series.');
      const key = bearerKeyOf(c.req.header('authorization'));
      if (!series.calls.some((call) => secretsMatch(key, call.hostKey))) {
        throw new HttpError(403, 'forbidden', 'Downloading a series takes the host key of one of its calls: send it as Authorization: Bearer <host key>.');
      }
      return zipResponse(await exportArchive(context, series.title, series.calls.map((call) => call.id)), series.title);
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/api/calls/{slug}/export',
    operationId: 'exportCall',
    summary: 'Download one call as an archive (host only)',
    description: `The archive of a series holding just this call. ${ARCHIVE_DESCRIPTION} Send the call’s host key as Authorization: Bearer.`,
    params: callPathSchema,
    query: noParameters,
    security: { schemes: ['hostKey'], isOptional: false },
    responses: { 200: { description: 'The archive, as an attachment.', text: ZIP_CONTENT_TYPE } },
    errors: { 403: 'The key is not the call’s host key.', 404: 'There is no call at this address.' },
    async handle({ c, params }) {
      const { context } = c.env;
      const { access, call } = await requirePublicCall(context, params.slug);
      if (!secretsMatch(bearerKeyOf(c.req.header('authorization')), access.hostKey)) throw new HttpError(403, 'forbidden', 'Only the host can download the call: send its host key as Authorization: Bearer <host key>.');
      return zipResponse(await exportArchive(context, call.title, [access.id]), call.title);
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/api/series/import',
    operationId: 'importSeries',
    summary: 'Create a series from an archive another instance exported',
    description: 'Every call of the archive becomes a call of a new series, with new addresses and keys, all or nothing. Files the archive holds besides the export are listed in `notices`.',
    params: noParameters,
    query: noParameters,
    body: { required: true, content: { [ZIP_CONTENT_TYPE]: z.string().describe('A .zip made by `GET /api/series/{id}/export`.') } },
    responses: { 201: { description: 'The new series and its calls with their host and scribe links.', json: importedSeriesSchema } },
    errors: {
      400: 'The archive cannot be opened, is of another format version, or a file in it is not valid (each issue names its file).',
      413: `The archive is larger than ${MAX_ARCHIVE_BYTES / 1024 / 1024} MB.`,
      415: 'Not sent as application/zip.',
    },
    async handle({ c, reply }) {
      const { context } = c.env;
      if (contentTypeOf(c) !== ZIP_CONTENT_TYPE) throw new HttpError(415, 'unsupported_media_type', 'Send the archive as Content-Type: application/zip.');
      const archive = readArchive(await readBodyBytes(c, MAX_ARCHIVE_BYTES));
      if ('issues' in archive) throw new HttpError(400, 'invalid_payload', 'The archive could not be imported; nothing was created. Fix the problems listed.', archive.issues);
      const retryAfter = context.limits.network.takeImportedCalls(c.env.incoming, archive.calls.length);
      if (retryAfter !== null) throw new HttpError(429, 'rate_limited', `Too many calls created. Try again in ${retryAfter} s.`);

      const series = { id: createId(), title: archive.manifest.series.title };
      const imported = archive.calls.map(({ state }) => buildImportedCall(state, series.id));
      await insertImportedSeries(context.database, series, imported);
      const notices = [...archive.notices, ...(await settleImportedCalls(context, archive.calls, imported))];
      const base = baseUrlOf(c);
      return reply(201, { seriesId: series.id, calls: imported.map(({ call }) => ({ title: call.input.title, ...callUrls(base, call) })), notices });
    },
  }),
];
