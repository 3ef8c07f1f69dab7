import { z } from 'zod';
import {
  callReadSchema,
  createCallBodySchema,
  createdCallWithNoticesSchema,
  deletedCallSchema,
  HTTP_ERROR_CODES,
  httpIssueSchema,
  type CallRead,
  type CreatedCall,
  type CreatedCallWithNotices,
  type DeletedCall,
  type HttpErrorCode,
  importedSeriesSchema,
  type ImportedSeries,
  type Issue,
} from '@/lib/protocol';
import {
  importResultSchema,
  publishingSettingsSchema,
  publishResultSchema,
  type ImportResult,
  type publishingInputSchema,
  type PublishingSettings,
  type PublishResult,
} from '@/lib/protocol/publishing';
import { seriesActionsSchema, type SeriesActions } from '@/lib/protocol/actions';
import { callListSchema, createdCallSchema, type CallList, type CallView, type nextCallInputSchema } from '@/lib/protocol/schedule';

/**
 * Why a request failed: the server's own error (its code, message and issues), `network` when the server could
 * not be reached, `bad_response` when its answer could not be read.
 */
export type HttpClientError = {
  code: HttpErrorCode | 'network' | 'bad_response';
  message: string;
  issues?: Issue[];
  /** The HTTP status, when the server answered. */
  status?: number;
  /** From `retry-after`, on a 429 or 503. */
  retryAfterSeconds?: number;
};

export type HttpResult<T> = { ok: true; data: T } | { ok: false; error: HttpClientError };

/** An error body; a code this client does not know yet reads as `internal`, so its message still shows. */
const errorBodySchema = z.object({
  error: z.object({ code: z.enum(HTTP_ERROR_CODES).catch('internal'), message: z.string(), issues: z.array(httpIssueSchema).optional() }),
});

export const NETWORK_ERROR_MESSAGE = 'Could not reach the server. Check your connection and try again.';

function retryAfterOf(response: Response): number | undefined {
  const seconds = Number(response.headers.get('retry-after') ?? Number.NaN);
  return Number.isFinite(seconds) ? seconds : undefined;
}

/** Sends one request and parses the answer: the success body with `schema`, an error body with the API's error schema. */
async function request<Schema extends z.ZodType>(path: string, init: RequestInit, schema: Schema): Promise<HttpResult<z.output<Schema>>> {
  let response: Response;
  try {
    response = await fetch(path, init);
  } catch {
    return { ok: false, error: { code: 'network', message: NETWORK_ERROR_MESSAGE } };
  }
  const { status } = response;
  const body: unknown = await response.json().catch(() => undefined);
  if (response.ok) {
    const parsed = schema.safeParse(body);
    if (parsed.success) return { ok: true, data: parsed.data };
    return { ok: false, error: { code: 'bad_response', message: 'The server sent an answer this page cannot read.', status } };
  }
  return { ok: false, error: errorOf(status, body, retryAfterOf(response)) };
}

/** A failed answer as this client describes it, from its status and error body. */
function errorOf(status: number, body: unknown, retryAfterSeconds: number | undefined): HttpClientError {
  const problem = errorBodySchema.safeParse(body);
  const error: HttpClientError = problem.success ? { ...problem.data.error, status } : { code: 'bad_response', message: `The server answered ${status}.`, status };
  return retryAfterSeconds === undefined ? error : { ...error, retryAfterSeconds };
}

const postJson = (body: unknown): RequestInit => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
const callPath = (slug: string) => `/api/calls/${encodeURIComponent(slug)}`;

/** `GET /api/calls`: one page of a view of the call list. */
export function listCalls(query: { view: CallView; limit: number; cursor?: string | null }): Promise<HttpResult<CallList>> {
  const search = new URLSearchParams({ view: query.view, limit: String(query.limit) });
  if (query.cursor) search.set('cursor', query.cursor);
  return request(`/api/calls?${search}`, { cache: 'no-store' }, callListSchema);
}

/** `POST /api/calls`: a call from the form, or from a Markdown document (optionally joining a series). */
export function createCall(body: z.input<typeof createCallBodySchema>): Promise<HttpResult<CreatedCallWithNotices>> {
  return request('/api/calls', postJson(body), createdCallWithNoticesSchema);
}

/** `POST /api/calls/{slug}/next`: the host plans the next call of the series. */
export function planNextCall(slug: string, input: z.input<typeof nextCallInputSchema>): Promise<HttpResult<CreatedCall>> {
  return request(`${callPath(slug)}/next`, postJson(input), createdCallSchema);
}

/** `GET /api/calls/{slug}`: the call as any attendee sees it. */
export function readCall(slug: string): Promise<HttpResult<CallRead>> {
  return request(callPath(slug), {}, callReadSchema);
}

/** `GET /api/series/{id}/actions?state=open|done`: the series' action items in that state, and its decisions. */
export function readSeriesActions(seriesId: string, state: 'open' | 'done'): Promise<HttpResult<SeriesActions>> {
  return request(`/api/series/${encodeURIComponent(seriesId)}/actions?state=${state}`, { cache: 'no-store' }, seriesActionsSchema);
}

const hostHeaders = (hostKey: string) => ({ authorization: `Bearer ${hostKey}` });

/** `GET /api/calls/{slug}/publishing`: where the series publishes its records, and its webhooks (host only). */
export function readPublishing(slug: string, hostKey: string): Promise<HttpResult<PublishingSettings>> {
  return request(`${callPath(slug)}/publishing`, { cache: 'no-store', headers: hostHeaders(hostKey) }, publishingSettingsSchema);
}

/** `PUT /api/calls/{slug}/publishing`: each field left out keeps what is stored; answers the settings as stored. */
export function updatePublishing(slug: string, hostKey: string, input: z.input<typeof publishingInputSchema>): Promise<HttpResult<PublishingSettings>> {
  const init: RequestInit = { method: 'PUT', headers: { ...hostHeaders(hostKey), 'content-type': 'application/json' }, body: JSON.stringify(input) };
  return request(`${callPath(slug)}/publishing`, init, publishingSettingsSchema);
}

/** `POST /api/calls/{slug}/publish`: commits the call's record to the series' repository. */
export function publishRecord(slug: string, hostKey: string): Promise<HttpResult<PublishResult>> {
  return request(`${callPath(slug)}/publish`, { method: 'POST', headers: hostHeaders(hostKey) }, publishResultSchema);
}

/** `POST /api/calls/{slug}/publishing/import`: creates the series' past calls from the repository's Markdown files. */
export function importFromRepository(slug: string, hostKey: string): Promise<HttpResult<ImportResult>> {
  return request(`${callPath(slug)}/publishing/import`, { method: 'POST', headers: hostHeaders(hostKey) }, importResultSchema);
}

/** `DELETE /api/calls/{slug}`: deletes the call with everything of it (host only). */
export function deleteCall(slug: string, hostKey: string): Promise<HttpResult<DeletedCall>> {
  return request(callPath(slug), { method: 'DELETE', headers: hostHeaders(hostKey) }, deletedCallSchema);
}

/** An error's message followed by each issue's, for a form without a place for each field. */
export function describeError(error: HttpClientError): string {
  return [error.message, ...(error.issues ?? []).map((issue) => issue.message)].join(' ');
}

/** The file name a download's Content-Disposition gives: its UTF-8 `filename*`, else its plain `filename`. */
function filenameOf(disposition: string | null, fallback: string): string {
  const encoded = /filename\*=UTF-8''([^;]+)/i.exec(disposition ?? '')?.[1];
  if (encoded) {
    try {
      return decodeURIComponent(encoded);
    } catch {
      // A malformed encoding falls back to the plain name.
    }
  }
  return /filename="([^"]+)"/i.exec(disposition ?? '')?.[1] ?? fallback;
}

/**
 * `GET /api/series/{id}/export` (a series) or `GET /api/calls/{slug}/export` (a call on its own): the archive to
 * take away, as a file to save (host only).
 */
export async function downloadArchive(target: { seriesId: string } | { slug: string }, hostKey: string): Promise<HttpResult<{ blob: Blob; filename: string }>> {
  const path = 'seriesId' in target ? `/api/series/${encodeURIComponent(target.seriesId)}/export` : `${callPath(target.slug)}/export`;
  let response: Response;
  try {
    response = await fetch(path, { cache: 'no-store', headers: hostHeaders(hostKey) });
  } catch {
    return { ok: false, error: { code: 'network', message: NETWORK_ERROR_MESSAGE } };
  }
  if (!response.ok) return { ok: false, error: errorOf(response.status, await response.json().catch(() => undefined), retryAfterOf(response)) };
  return { ok: true, data: { blob: await response.blob(), filename: filenameOf(response.headers.get('content-disposition'), 'roundtable.zip') } };
}

/**
 * `POST /api/series/import`: a Roundtable export becomes a new series. Sent with XMLHttpRequest, whose upload
 * reports progress (`onUploaded` gets the share sent, 0 to 1; at 1 the server is creating the calls).
 */
export function importSeriesArchive(archive: Blob, onUploaded: (share: number) => void): Promise<HttpResult<ImportedSeries>> {
  return new Promise((resolve) => {
    const upload = new XMLHttpRequest();
    upload.open('POST', '/api/series/import');
    upload.setRequestHeader('content-type', 'application/zip');
    upload.upload.onprogress = (event) => {
      if (event.lengthComputable) onUploaded(event.loaded / event.total);
    };
    upload.upload.onload = () => onUploaded(1);
    upload.onerror = () => resolve({ ok: false, error: { code: 'network', message: NETWORK_ERROR_MESSAGE } });
    upload.onload = () => {
      let body: unknown;
      try {
        body = JSON.parse(upload.responseText);
      } catch {
        body = undefined;
      }
      if (upload.status === 201) {
        const parsed = importedSeriesSchema.safeParse(body);
        resolve(parsed.success ? { ok: true, data: parsed.data } : { ok: false, error: { code: 'bad_response', message: 'The server sent an answer this page cannot read.', status: 201 } });
        return;
      }
      const retryAfter = Number(upload.getResponseHeader('retry-after') ?? Number.NaN);
      resolve({ ok: false, error: errorOf(upload.status, body, Number.isFinite(retryAfter) ? retryAfter : undefined) });
    };
    upload.send(archive);
  });
}
