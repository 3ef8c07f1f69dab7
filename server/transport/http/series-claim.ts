import { CALL_SLUG_PATTERN } from '@/lib/protocol';
import { createId, secretsMatch } from '../../domain/secrets';
import { ensureSeries } from '../../persistence/schedule.repository';
import type { ServerContext } from '../context';
import { bearerKeyOf, HttpError } from './http-utils';

/** A request to put a new call in the series of an existing call, proven with that call's host key. */
export type SeriesClaim = { slug: string; key: string };

/** `?seriesOf=<slug>` with `Authorization: Bearer <host key>`; null when the query names no series. */
export function seriesClaimFromRequest(slug: string | undefined, authorization: string | undefined): SeriesClaim | null {
  if (slug === undefined) return null;
  if (!CALL_SLUG_PATTERN.test(slug)) throw new HttpError(400, 'invalid_payload', '`seriesOf` must be the slug of a call (the part after /c/ in its address).');
  const key = bearerKeyOf(authorization);
  if (!key) throw new HttpError(403, 'forbidden', `Joining the series of call ${slug} takes that call's host key: send it as Authorization: Bearer <host key>.`);
  return { slug, key };
}

/** The call whose series a new call is to join, once the claim's key proved to be its host key. */
export type SeriesTarget = { callId: string; title: string };

export async function verifySeriesClaim(context: ServerContext, claim: SeriesClaim): Promise<SeriesTarget> {
  const access = await context.snapshots.access(claim.slug);
  const entry = access ? await context.snapshots.get(access.id) : null;
  if (!access || !entry) throw new HttpError(404, 'not_found', `There is no call ${claim.slug} whose series the new call could join.`);
  if (!secretsMatch(claim.key, access.hostKey)) throw new HttpError(403, 'forbidden', `The key is not the host key of call ${claim.slug}; only its host can add calls to its series.`);
  return { callId: access.id, title: entry.call.title };
}

/** The target call's series, created from that call (titled after it) if it has none yet. */
export function seriesOfTarget(context: ServerContext, target: SeriesTarget): Promise<string> {
  return ensureSeries(context.database, target.callId, target.title, createId);
}
