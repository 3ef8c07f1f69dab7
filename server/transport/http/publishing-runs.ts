import { createHash } from 'node:crypto';
import path from 'node:path';
import { createCallSchema, CommandError, type GitErrorCode, type ImportResult, type PublicCall, type PublishProgress, type PublishResult } from '@/lib/protocol';
import { buildNewCall } from '../../domain/call-factory';
import { commitUrlOf, compareUrlOf, publishBranch, recordPath } from '../../domain/publishing';
import { createId, openSecret } from '../../domain/secrets';
import { insertCall } from '../../persistence/calls.repository';
import {
  lastPublication,
  listKnownPaths,
  readPublishing,
  recordImportedFile,
  releasePublishingTurn,
  savePublication,
  takePublishingTurn,
  type StoredPublishing,
} from '../../persistence/publishing.repository';
import { refusalOfAddress } from '../../outbound/address-policy';
import { commitRecord, GitError, readMarkdownFiles, type GitRemote } from '../../outbound/git-repository';
import { moderatorRoom } from '../../realtime/rooms';
import type { ServerContext } from '../context';
import { readCallRecord } from './call-record';
import { HttpError } from './http-utils';
import { callInputFromMarkdown } from './markdown-call-input';

/** A publish or import holds the series' turn at most this long; a node that died holding it frees it then. */
const TURN_LEASE_MS = 10 * 60 * 1000;

/** HTTP statuses of the Git failures: the Git host or the network failed the request, not the client. */
const GIT_ERROR_STATUS: Record<GitErrorCode, number> = {
  git_auth_failed: 502,
  git_forbidden: 502,
  git_not_found: 502,
  git_branch_not_found: 502,
  git_rejected: 409,
  git_unreachable: 502,
  git_timeout: 504,
  git_too_large: 502,
  git_failed: 502,
};

export type SeriesRef = { id: string; title: string };

/** Whether a local repository path lies under one of the folders the server's operator allowed. */
function isAllowedLocalPath(location: string, roots: string[]): boolean {
  const resolved = path.resolve(location);
  return roots.some((root) => resolved === path.resolve(root) || resolved.startsWith(`${path.resolve(root)}${path.sep}`));
}

const localPathOf = (url: string) => (url.startsWith('/') ? url : url.startsWith('file:') ? decodeURIComponent(new URL(url).pathname) : null);

/**
 * Why the server will not use this repository, or null: a local one only inside the allowed folders, a remote one
 * only on a public address unless the operator allowed the private network.
 */
export async function refusalOfRepository(context: ServerContext, url: string): Promise<string | null> {
  const local = localPathOf(url);
  if (local === null) return refusalOfAddress(url, context.publishing.allowPrivateNetwork);
  if (isAllowedLocalPath(local, context.publishing.localRepositoryRoots)) return null;
  return 'This server does not publish to repositories on its own disk there. Use an https:// URL, or ask its operator to list the folder in ROUNDTABLE_LOCAL_REPOSITORIES.';
}

/** The saved repository as the Git client takes it, checked again: the rules or a name's address may have changed. */
async function remoteOf(context: ServerContext, url: string, token: string | null): Promise<GitRemote> {
  const refusal = await refusalOfRepository(context, url);
  if (refusal) throw new HttpError(409, 'not_configured', `${refusal} Change the repository under Publishing.`);
  const local = localPathOf(url);
  return { url: local === null ? url : `file://${path.resolve(local)}`, token };
}

function tokenOf(context: ServerContext, stored: StoredPublishing): string | null {
  if (stored.sealedToken === '') return null;
  const key = context.publishing.sealingKey;
  const opened = key ? openSecret(key, stored.sealedToken) : null;
  if (opened === null) {
    throw new HttpError(409, 'no_secret_key', 'The stored access token cannot be opened with this server’s ROUNDTABLE_SECRET_KEY (was it changed or removed?). Set the token again.');
  }
  return opened;
}

async function requireRepository(context: ServerContext, series: SeriesRef | null): Promise<{ series: SeriesRef; stored: StoredPublishing }> {
  const stored = series ? await readPublishing(context.database, series.id) : null;
  if (!series || !stored) throw new HttpError(409, 'not_configured', 'No repository is set up for this call’s series yet. Set one up under Publishing first.');
  return { series, stored };
}

function asHttpError(error: unknown): unknown {
  if (error instanceof GitError) return new HttpError(GIT_ERROR_STATUS[error.code], error.code, error.message);
  if (error instanceof CommandError) return new HttpError(400, 'invalid_payload', error.message);
  return error;
}

/**
 * Runs `work` holding the series' publishing turn, telling the call's hosts and scribes how it goes; a failure
 * becomes an HTTP error with the Git code, and the turn is given back whatever happens.
 */
async function withTurn<T>(context: ServerContext, callId: string, seriesId: string, operation: PublishProgress['operation'], work: (report: (progress: Omit<PublishProgress, 'operation'>) => void) => Promise<T>): Promise<T> {
  const report = (progress: Omit<PublishProgress, 'operation'>) => context.io.to(moderatorRoom(callId)).emit('publish:progress', { operation, ...progress });
  if (!(await takePublishingTurn(context.database, seriesId, new Date(), TURN_LEASE_MS))) {
    throw new HttpError(409, 'busy', 'A publish or an import for this series is already running. Wait for it to finish, then try again.');
  }
  try {
    return await work(report);
  } catch (error) {
    const failure = asHttpError(error);
    report({ phase: 'failed', message: failure instanceof Error ? failure.message : 'The operation failed.' });
    throw failure;
  } finally {
    await releasePublishingTurn(context.database, seriesId);
  }
}

const PHASE_MESSAGES = { cloning: 'Fetching the repository…', committing: 'Writing the record…', pushing: 'Pushing the commit…', reading: 'Reading the files…' } as const;

function recordHashOf(record: string): string {
  return createHash('sha256').update(record).digest('hex');
}

/** Commits the call's record to its series' repository (on its own branch unless the series pushes straight). */
export async function publishCall(context: ServerContext, callId: string, call: PublicCall, seriesRef: SeriesRef | null): Promise<PublishResult> {
  const { series, stored } = await requireRepository(context, seriesRef);
  const { repository } = stored;
  const remote = await remoteOf(context, repository.url, tokenOf(context, stored));
  const filePath = (() => {
    try {
      return recordPath(repository.pathTemplate, call);
    } catch (error) {
      throw asHttpError(error);
    }
  })();
  const branch = repository.pushToTarget ? repository.targetBranch : publishBranch(call);
  return withTurn(context, callId, series.id, 'publish', async (report) => {
    const record = await readCallRecord(context, callId, call);
    const recordHash = recordHashOf(record);
    const { commit, changed } = await commitRecord({
      remote,
      targetBranch: repository.targetBranch,
      branch,
      path: filePath,
      content: record,
      message: `Minutes of ${call.title}${call.startsAt ? ` (${call.startsAt.slice(0, 10)})` : ''}\n\nPublished from Roundtable.`,
      author: { name: repository.authorName, email: repository.authorEmail },
      onProgress: (phase) => report({ phase, message: PHASE_MESSAGES[phase] }),
      limits: context.publishing.git,
    });
    const previous = await lastPublication(context.database, callId);
    const publication = { commit, branch, path: filePath, compareUrl: compareUrlOf(repository.url, repository.targetBranch, branch, repository.hostKind), publishedAt: new Date().toISOString(), recordHash };
    const isNew = changed || previous?.commit !== commit;
    if (isNew) await savePublication(context.database, callId, createId(), publication);
    const result = isNew || !previous ? publication : previous;
    if (changed) await context.webhooks.announce(callId, 'record.published', result);
    report({ phase: 'done', message: changed ? `Published commit ${commit.slice(0, 7)} to ${branch}.` : 'The record in the repository is already up to date; nothing new to commit.' });
    const { recordHash: _hash, ...answer } = result;
    return { ...answer, commitUrl: commitUrlOf(repository.url, result.commit, repository.hostKind), changed };
  });
}

/** The folder of a path template: everything before the first part with a placeholder. */
export function templateFolder(template: string): string {
  const parts = template.split('/');
  const fixed = parts.slice(0, -1);
  const open = fixed.findIndex((part) => part.includes('{'));
  return (open < 0 ? fixed : fixed.slice(0, open)).join('/');
}

/** Files every repository has that are no meeting: left alone, with a reason. */
const NOT_A_MEETING = /^(readme|index|contributing|license|changelog|code_of_conduct|security|template|_template|meeting-template)\.(md|markdown)$/i;

/** Reads the Markdown files under the template's folder and creates the past calls they describe, in the series. */
export async function importPastCalls(context: ServerContext, callId: string, seriesRef: SeriesRef | null, baseUrl: string): Promise<ImportResult> {
  const { series, stored } = await requireRepository(context, seriesRef);
  const { repository } = stored;
  const remote = await remoteOf(context, repository.url, tokenOf(context, stored));
  return withTurn(context, callId, series.id, 'import', async (report) => {
    const files = await readMarkdownFiles({
      remote,
      branch: repository.targetBranch,
      folder: templateFolder(repository.pathTemplate),
      onProgress: (phase) => report({ phase, message: PHASE_MESSAGES[phase] }),
      limits: context.publishing.git,
    });
    const known = await listKnownPaths(context.database, series.id);
    const result: ImportResult = { imported: [], skipped: [], failed: [] };
    for (const [index, file] of files.entries()) {
      report({ phase: 'importing', done: index, total: files.length, message: `Importing ${file.path} (${index + 1} of ${files.length})…` });
      const skipReason = known.get(file.path) ?? (NOT_A_MEETING.test(path.posix.basename(file.path)) ? 'not a meeting document' : null);
      if (skipReason) {
        result.skipped.push({ path: file.path, reason: skipReason });
        continue;
      }
      try {
        const { input } = callInputFromMarkdown(file.text, {}, path.posix.basename(file.path));
        if (!input.documentsBaseUrl && repository.documentsBaseUrl) input.documentsBaseUrl = repository.documentsBaseUrl;
        const parsed = createCallSchema.safeParse(input);
        if (!parsed.success) {
          result.failed.push({ path: file.path, message: parsed.error.issues.map((issue) => `${issue.path.join('.') || 'call'}: ${issue.message}`).join('; ') });
          continue;
        }
        const call = buildNewCall(parsed.data, { seriesId: series.id });
        await insertCall(context.database, call);
        if (call.minutesState) await context.actions.syncCreated(call.id);
        await recordImportedFile(context.database, series.id, file.path, call.slug);
        result.imported.push({ path: file.path, slug: call.slug, title: parsed.data.title, url: `${baseUrl}/c/${call.slug}` });
      } catch (error) {
        if (!(error instanceof HttpError)) throw error;
        result.failed.push({ path: file.path, message: error.issues?.map((issue) => `line ${issue.line ?? '?'}: ${issue.message}`).join('; ') || error.message });
      }
    }
    report({ phase: 'done', done: files.length, total: files.length, message: `Imported ${result.imported.length} of ${files.length} files.` });
    return result;
  });
}
