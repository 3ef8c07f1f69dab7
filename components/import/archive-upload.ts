import { z } from 'zod';
import { createdCallSchema, hostPathOf, issuesOf } from '../create/call-request';

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

const publicCallSchema = z.object({ call: z.object({ title: z.string(), startsAt: z.string().nullable(), timezone: z.string() }) });

const wait = (milliseconds: number) => new Promise((resolve) => setTimeout(resolve, milliseconds));

/** The host key in a host URL's fragment (`…/c/abc#key=…`). */
export function hostKeyOf(hostUrl: string): string {
  const hash = new URL(hostUrl, 'http://localhost').hash.slice(1);
  return new URLSearchParams(hash).get('key') ?? '';
}

async function postDocument(body: string): Promise<Response> {
  for (let attempt = 0; ; attempt += 1) {
    const response = await fetch('/api/calls', { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    if ((response.status !== 429 && response.status !== 503) || attempt === 3) return response;
    // Many files at once can meet the rate limit (429), or the database may be briefly away (503): wait as asked, then try again.
    await wait(Math.min(Number(response.headers.get('retry-after') ?? 5), 60) * 1000);
  }
}

/** Creates one past call of the series from a document; the first one (no `series`) starts the series. */
export async function uploadDocument(filename: string, markdown: string, series: SeriesKey | null): Promise<UploadOutcome> {
  try {
    const response = await postDocument(JSON.stringify({ markdown, filename, ...(series ? { seriesOf: series } : {}) }));
    const body: unknown = await response.json().catch(() => null);
    const created = createdCallSchema.safeParse(body);
    if (!response.ok || !created.success) return { ok: false, message: issuesOf(body).message };
    const { slug, hostUrl, notices } = created.data;
    const read = publicCallSchema.safeParse(await (await fetch(`/api/calls/${slug}`)).json().catch(() => null));
    const call = read.success ? read.data.call : { title: filename, startsAt: null, timezone: 'UTC' };
    return { ok: true, call: { filename, ...call, hostPath: hostPathOf(hostUrl), notices, series: series ?? { slug, key: hostKeyOf(hostUrl) } } };
  } catch {
    return { ok: false, message: 'Could not reach the server. Check your connection and try again.' };
  }
}
