import type { IncomingHttpHeaders } from 'node:http';
import { z } from 'zod';
import { secretsMatch } from '../../domain/secrets';
import { createId } from '../../domain/secrets';
import { ensureSeries } from '../../persistence/schedule.repository';
import type { ServerContext } from '../context';
import { requirePublicCall } from './calls.routes';
import { HttpError } from './http-utils';

/** A request to put a new call in the series of an existing call, proven with that call's host key. */
export type SeriesClaim = { slug: string; key: string };

const slugSchema = z.string().regex(/^[a-z0-9]{1,64}$/, 'Must be the slug of a call (the part after /c/ in its address)');

/** JSON body form: `seriesOf: { slug, key }`. */
export const seriesClaimSchema = z.object({ slug: slugSchema, key: z.string().min(1, 'Required').max(128) });

/** `?seriesOf=<slug>` with `Authorization: Bearer <host key>`; null when the query names no series. */
export function seriesClaimFromRequest(query: URLSearchParams, headers: IncomingHttpHeaders): SeriesClaim | null {
  const slug = query.get('seriesOf');
  if (slug === null) return null;
  if (!slugSchema.safeParse(slug).success) throw new HttpError(400, 'invalid_payload', '`seriesOf` must be the slug of a call (the part after /c/ in its address).');
  const key = /^Bearer\s+(\S+)\s*$/i.exec(headers.authorization ?? '')?.[1];
  if (!key) throw new HttpError(403, 'forbidden', `Joining the series of call ${slug} takes that call's host key: send it as Authorization: Bearer <host key>.`);
  return { slug, key };
}

/**
 * The series a new call joins: the named call's series, created from that call if it has none yet. Only the
 * host of the named call may add calls to it.
 */
export async function seriesForClaim(context: ServerContext, claim: SeriesClaim): Promise<string> {
  const { access, call } = await requirePublicCall(context, claim.slug).catch((error: unknown) => {
    if (error instanceof HttpError && error.status === 404) throw new HttpError(404, 'not_found', `There is no call ${claim.slug} whose series the new call could join.`);
    throw error;
  });
  if (!secretsMatch(claim.key, access.hostKey)) throw new HttpError(403, 'forbidden', `The key is not the host key of call ${claim.slug}; only its host can add calls to its series.`);
  return ensureSeries(context.database, access.id, call.title, createId);
}
