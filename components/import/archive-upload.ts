import { createCall, NETWORK_ERROR_MESSAGE, readCall, type HttpClientError, type HttpResult } from '../client/http';
import { hostPathOf } from '../create/call-request';
import type { CreatedCallWithNotices } from '@/lib/protocol';

export type SeriesKey = { slug: string; key: string };

export type ImportedCall = {
  filename: string;
  title: string;
  startsAt: string | null;
  timezone: string;
  hostPath: string;
  notices: { line: number; message: string }[];
  series: SeriesKey;
};

export type UploadOutcome = { ok: true; call: ImportedCall } | { ok: false; message: string };

const wait = (milliseconds: number) => new Promise((resolve) => setTimeout(resolve, milliseconds));

/** The host key in a host URL's fragment (`…/c/abc#key=…`). */
export function hostKeyOf(hostUrl: string): string {
  const hash = new URL(hostUrl, 'http://localhost').hash.slice(1);
  return new URLSearchParams(hash).get('key') ?? '';
}

/** Creates the call, trying again while the server asks to wait. */
async function createWithRetries(body: Parameters<typeof createCall>[0]): Promise<HttpResult<CreatedCallWithNotices>> {
  for (let attempt = 0; ; attempt += 1) {
    const result = await createCall(body);
    if (result.ok || attempt === 3 || (result.error.status !== 429 && result.error.status !== 503)) return result;
    // Many files at once can meet the rate limit (429), or the database may be briefly away (503): wait as asked, then try again.
    await wait(Math.min(result.error.retryAfterSeconds ?? 5, 60) * 1000);
  }
}

function uploadErrorMessage(error: HttpClientError): string {
  if (error.code === 'network') return NETWORK_ERROR_MESSAGE;
  return error.code === 'bad_response' ? 'The server answered with an error it did not explain.' : error.message;
}

/** Creates one past call of the series from a document; the first one (no `series`) starts the series. */
export async function uploadDocument(filename: string, markdown: string, series: SeriesKey | null): Promise<UploadOutcome> {
  const created = await createWithRetries({ markdown, filename, ...(series ? { seriesOf: series } : {}) });
  if (!created.ok) return { ok: false, message: uploadErrorMessage(created.error) };
  const { slug, hostUrl, notices } = created.data;
  // The call exists even when it cannot be read back: the list then shows it by its file name.
  const read = await readCall(slug);
  const { title, startsAt, timezone } = read.ok ? read.data.call : { title: filename, startsAt: null, timezone: 'UTC' };
  return { ok: true, call: { filename, title, startsAt, timezone, hostPath: hostPathOf(hostUrl), notices, series: series ?? { slug, key: hostKeyOf(hostUrl) } } };
}
