import { GIT_HOST_KINDS, type Publication, type RepositorySettings } from '@/lib/protocol';
import type { Database } from './database';

/** A series' repository settings as stored: the token still sealed. */
export type StoredPublishing = { repository: RepositorySettings; sealedToken: string; busySince: Date | null };

export async function findSeriesOfCall(database: Database, callId: string): Promise<{ id: string; title: string } | null> {
  const call = await database.call.findUnique({ where: { id: callId }, select: { series: { select: { id: true, title: true } } } });
  return call?.series ?? null;
}

export async function readPublishing(database: Database, seriesId: string): Promise<StoredPublishing | null> {
  const row = await database.publishingSettings.findUnique({ where: { seriesId } });
  if (!row) return null;
  const { repositoryUrl: url, targetBranch, pathTemplate, authorName, authorEmail, documentsBaseUrl, pushToTarget } = row;
  const hostKind = GIT_HOST_KINDS.find((kind) => kind === row.hostKind) ?? 'auto';
  return { repository: { url, targetBranch, pathTemplate, authorName, authorEmail, documentsBaseUrl, pushToTarget, hostKind }, sealedToken: row.sealedToken, busySince: row.busySince };
}

/**
 * Sets or removes the repository settings and, when asked, the sealed token ('' forgets it). Removing the
 * repository removes its token with it.
 */
export async function savePublishing(
  database: Database,
  seriesId: string,
  change: { repository?: RepositorySettings | null; sealedToken?: string },
): Promise<void> {
  if (change.repository === null) {
    await database.publishingSettings.deleteMany({ where: { seriesId } });
    return;
  }
  const repository = change.repository && {
    repositoryUrl: change.repository.url,
    targetBranch: change.repository.targetBranch,
    pathTemplate: change.repository.pathTemplate,
    authorName: change.repository.authorName,
    authorEmail: change.repository.authorEmail,
    documentsBaseUrl: change.repository.documentsBaseUrl,
    pushToTarget: change.repository.pushToTarget,
    hostKind: change.repository.hostKind,
  };
  const token = change.sealedToken === undefined ? {} : { sealedToken: change.sealedToken };
  if (repository) {
    await database.publishingSettings.upsert({ where: { seriesId }, create: { seriesId, ...repository, ...token }, update: { ...repository, ...token } });
  } else if (change.sealedToken !== undefined) {
    await database.publishingSettings.updateMany({ where: { seriesId }, data: token });
  }
}

/**
 * Takes the series' publishing turn: true when no publish or import runs, or the one that did has been running
 * longer than `leaseMs` (its node died). One conditional update, so two nodes never both get it.
 */
export async function takePublishingTurn(database: Database, seriesId: string, now: Date, leaseMs: number): Promise<boolean> {
  const expired = new Date(now.getTime() - leaseMs);
  const { count } = await database.publishingSettings.updateMany({
    where: { seriesId, OR: [{ busySince: null }, { busySince: { lt: expired } }] },
    data: { busySince: now },
  });
  return count === 1;
}

export async function releasePublishingTurn(database: Database, seriesId: string): Promise<void> {
  await database.publishingSettings.updateMany({ where: { seriesId }, data: { busySince: null } });
}

export type StoredPublication = Omit<Publication, 'commitUrl'> & { recordHash: string };

export async function lastPublication(database: Database, callId: string): Promise<StoredPublication | null> {
  const row = await database.publication.findFirst({ where: { callId }, orderBy: { publishedAt: 'desc' } });
  if (!row) return null;
  const { commit, branch, path, compareUrl, recordHash, publishedAt } = row;
  return { commit, branch, path, compareUrl: compareUrl || null, recordHash, publishedAt: publishedAt.toISOString() };
}

export async function savePublication(database: Database, callId: string, id: string, publication: StoredPublication): Promise<void> {
  const { commit, branch, path, compareUrl, recordHash, publishedAt } = publication;
  await database.publication.create({ data: { id, callId, commit, branch, path, compareUrl: compareUrl ?? '', recordHash, publishedAt: new Date(publishedAt) } });
}

/** Repository paths the series already has calls for: files imported from it and records published to it. */
export async function listKnownPaths(database: Database, seriesId: string): Promise<Map<string, string>> {
  const [imported, published] = await Promise.all([
    database.importedFile.findMany({ where: { seriesId }, select: { path: true } }),
    database.publication.findMany({ where: { call: { seriesId } }, select: { path: true }, distinct: ['path'] }),
  ]);
  return new Map([...published.map((row) => [row.path, 'published from this series'] as const), ...imported.map((row) => [row.path, 'already imported'] as const)]);
}

export async function recordImportedFile(database: Database, seriesId: string, path: string, callSlug: string): Promise<void> {
  await database.importedFile.create({ data: { seriesId, path, callSlug } });
}

/** What a webhook says about a call, and its series when that series has webhooks; null otherwise. */
export async function findAnnouncedCall(database: Database, callId: string) {
  const call = await database.call.findUnique({
    where: { id: callId },
    select: { slug: true, title: true, startsAt: true, timezone: true, status: true, series: { select: { id: true, title: true, _count: { select: { webhooks: true } } } } },
  });
  if (!call?.series || call.series._count.webhooks === 0) return null;
  const { series, startsAt, ...rest } = call;
  return { call: { ...rest, startsAt: startsAt?.toISOString() ?? null }, series: { id: series.id, title: series.title } };
}
