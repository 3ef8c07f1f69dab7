import {
  callPathSchema,
  importResultSchema,
  publishingInputSchema,
  publishingSettingsSchema,
  publishResultSchema,
  type Issue,
  type PublicCall,
  type PublishingInput,
  type PublishingSettings,
} from '@/lib/protocol';
import { checkPathTemplate, commitUrlOf, publishBranch, recordPath } from '../../domain/publishing';
import { createId, sealSecret } from '../../domain/secrets';
import { findSeriesOfCall, lastPublication, readPublishing, savePublishing } from '../../persistence/publishing.repository';
import { ensureSeries } from '../../persistence/schedule.repository';
import { listWebhooks, replaceWebhooks } from '../../persistence/webhooks.repository';
import { refusalOfAddress } from '../../outbound/address-policy';
import type { ServerContext } from '../context';
import { defineRoute, noParameters, type ApiRoute } from './api-route';
import { requirePublicCall } from './calls.routes';
import { baseUrlOf, contentTypeOf, HttpError, parseOrThrow, readJson, requireHostKey, type ApiContext } from './http-utils';
import { importPastCalls, publishCall, refusalOfRepository, type SeriesRef } from './publishing-runs';

const HOST_ONLY = 'Only the host can publish the record or change where it goes.';
const hostSecurity = { schemes: ['hostKey' as const], isOptional: false };

/** The call, once the request proved it comes from its host. */
async function requireHostCall(c: ApiContext, slug: string) {
  const found = await requirePublicCall(c.env.context, slug);
  requireHostKey(c, found.access.hostKey, HOST_ONLY);
  return { callId: found.access.id, call: found.call, series: await findSeriesOfCall(c.env.context.database, found.access.id) };
}

/** Where the call's record would go, or what keeps it from going there. */
function targetOf(call: PublicCall, settings: PublishingSettings['repository']): PublishingSettings['target'] {
  if (!settings) return null;
  try {
    return { path: recordPath(settings.pathTemplate, call), branch: settings.pushToTarget ? settings.targetBranch : publishBranch(call) };
  } catch (error) {
    return { problem: error instanceof Error ? error.message : 'The record has no place in the repository yet.' };
  }
}

async function readSettings(context: ServerContext, callId: string, call: PublicCall, series: SeriesRef | null): Promise<PublishingSettings> {
  const stored = series ? await readPublishing(context.database, series.id) : null;
  const repository = stored?.repository ?? null;
  const publication = await lastPublication(context.database, callId);
  return {
    seriesTitle: series?.title ?? call.title,
    repository,
    hasToken: (stored?.sealedToken ?? '') !== '',
    canStoreTokens: context.publishing.sealingKey !== null,
    target: targetOf(call, repository),
    isBusy: stored?.busySince != null,
    lastPublication: publication && {
      commit: publication.commit,
      branch: publication.branch,
      path: publication.path,
      compareUrl: publication.compareUrl,
      commitUrl: repository ? commitUrlOf(repository.url, publication.commit, repository.hostKind) : null,
      publishedAt: publication.publishedAt,
    },
    webhooks: series ? await listWebhooks(context.database, series.id) : [],
  };
}

/** What the schema cannot tell: a path template that leaves the repository, a URL the server will not send to. */
async function settingsIssues(context: ServerContext, input: PublishingInput): Promise<Issue[]> {
  const issues: Issue[] = [];
  if (input.repository) {
    try {
      checkPathTemplate(input.repository.pathTemplate);
    } catch (error) {
      issues.push({ path: 'repository.pathTemplate', message: error instanceof Error ? error.message : 'Not a usable path' });
    }
    const refusal = await refusalOfRepository(context, input.repository.url);
    if (refusal) issues.push({ path: 'repository.url', message: refusal });
  }
  const refusals = await Promise.all((input.webhooks ?? []).map((hook) => refusalOfAddress(hook.url, context.publishing.allowPrivateNetwork)));
  refusals.forEach((message, index) => message && issues.push({ path: `webhooks.${index}.url`, message }));
  return issues;
}

const settingsErrors = { 403: 'The key is not the call’s host key.', 404: 'There is no call at this address.' };

export const publishingRoutes: ApiRoute[] = [
  defineRoute({
    method: 'GET',
    path: '/api/calls/{slug}/publishing',
    operationId: 'readPublishing',
    summary: 'Where the series publishes its records, and its webhooks (host only)',
    description: 'Never includes the access token: `hasToken` says whether one is stored.',
    params: callPathSchema,
    query: noParameters,
    security: hostSecurity,
    responses: { 200: { description: 'The series’ publishing settings, the last publication of this call and the webhooks’ latest deliveries.', json: publishingSettingsSchema } },
    errors: settingsErrors,
    async handle({ c, params, reply }) {
      const { callId, call, series } = await requireHostCall(c, params.slug);
      return reply(200, await readSettings(c.env.context, callId, call, series));
    },
  }),
  defineRoute({
    method: 'PUT',
    path: '/api/calls/{slug}/publishing',
    operationId: 'updatePublishing',
    summary: 'Set where the series publishes its records, its token and its webhooks (host only)',
    description:
      'Each field left out keeps what is stored; `repository: null` removes the repository and its token. The token is stored sealed and never shown again; `forgetToken: true` removes it. `webhooks` replaces the list (a URL kept keeps its secret). A call without a series becomes its own series.',
    params: callPathSchema,
    query: noParameters,
    body: { required: true, content: { 'application/json': publishingInputSchema } },
    security: hostSecurity,
    responses: { 200: { description: 'The settings as stored.', json: publishingSettingsSchema } },
    errors: {
      ...settingsErrors,
      400: 'The body is not valid: a repository URL, branch, path template or webhook URL that cannot be used (also one on the server’s private network).',
      409: 'A token was given but the server has no ROUNDTABLE_SECRET_KEY to seal it with (`no_secret_key`).',
      413: 'The body is larger than 256 KB.',
      415: 'The body is not JSON.',
    },
    async handle({ c, params, reply }) {
      const { context } = c.env;
      const { callId, call, series: found } = await requireHostCall(c, params.slug);
      if (contentTypeOf(c) !== 'application/json') throw new HttpError(415, 'unsupported_media_type', 'Send the settings as JSON (Content-Type: application/json).');
      const input = parseOrThrow(publishingInputSchema, await readJson(c), 'The publishing settings could not be saved. Fix the problems listed.');
      const issues = await settingsIssues(context, input);
      if (issues.length > 0) throw new HttpError(400, 'invalid_payload', 'The publishing settings could not be saved. Fix the problems listed.', issues);
      const { sealingKey } = context.publishing;
      if (input.token && !sealingKey) {
        throw new HttpError(409, 'no_secret_key', 'This server cannot store access tokens: its operator has not set ROUNDTABLE_SECRET_KEY (at least 32 characters). Nothing was saved.');
      }
      const series = found ?? { id: await ensureSeries(context.database, callId, call.title, createId), title: call.title };
      if (input.token && !input.repository && !(await readPublishing(context.database, series.id))) {
        throw new HttpError(400, 'invalid_payload', 'Set up the repository before giving its token.');
      }
      const sealedToken = input.forgetToken ? '' : input.token && sealingKey ? sealSecret(sealingKey, input.token) : undefined;
      await savePublishing(context.database, series.id, { repository: input.repository, sealedToken });
      if (input.webhooks) await replaceWebhooks(context.database, series.id, input.webhooks.map((hook) => hook.url));
      return reply(200, await readSettings(context, callId, call, series));
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/api/calls/{slug}/publish',
    operationId: 'publishRecord',
    summary: 'Commit the call’s record to the series’ repository (host only)',
    description:
      'Writes the record at the templated path on `roundtable/<date>-<slug>` (from the target branch), or on the target branch itself when the series pushes straight, and pushes it. Publishing again adds a commit only when the record changed. Progress goes to the call’s hosts and scribes as `publish:progress` socket events.',
    params: callPathSchema,
    query: noParameters,
    security: hostSecurity,
    responses: { 200: { description: 'The commit, the branch, the path and, on GitHub, GitLab and Gitea-style hosts, the page opening a pull request.', json: publishResultSchema } },
    errors: {
      ...settingsErrors,
      400: 'The record has no valid path (a template that needs a date for a call without one).',
      409: 'No repository is set up (`not_configured`), a publish is already running (`busy`), the branch moved on (`git_rejected`) or the token cannot be opened (`no_secret_key`).',
      502: 'The Git host refused or failed: `git_auth_failed`, `git_forbidden`, `git_not_found`, `git_branch_not_found`, `git_unreachable`, `git_too_large`, `git_failed`.',
      504: 'The Git host took too long (`git_timeout`).',
    },
    async handle({ c, params, reply }) {
      const { callId, call, series } = await requireHostCall(c, params.slug);
      return reply(200, await publishCall(c.env.context, callId, call, series));
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/api/calls/{slug}/publishing/import',
    operationId: 'importFromRepository',
    summary: 'Create the series’ past calls from the Markdown files in its repository (host only)',
    description: 'Reads the files under the path template’s folder on the target branch. Files already imported, or published from this series, are skipped. Progress goes to the call’s hosts and scribes as `publish:progress` socket events.',
    params: callPathSchema,
    query: noParameters,
    security: hostSecurity,
    responses: { 200: { description: 'What was imported, skipped and could not be read.', json: importResultSchema } },
    errors: {
      ...settingsErrors,
      409: 'No repository is set up (`not_configured`), a publish or import is already running (`busy`), or the token cannot be opened (`no_secret_key`).',
      502: 'The Git host refused or failed (`git_*` codes as for publishing).',
      504: 'The Git host took too long (`git_timeout`).',
    },
    async handle({ c, params, reply }) {
      const { callId, series } = await requireHostCall(c, params.slug);
      return reply(200, await importPastCalls(c.env.context, callId, series, baseUrlOf(c)));
    },
  }),
];
