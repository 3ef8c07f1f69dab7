import { DEFAULT_PATH_TEMPLATE, GIT_HOST_KINDS, publishingInputSchema, type Issue, type PublishingSettings, type PublishProgress, type RepositorySettings } from '@/lib/protocol';
import type { z } from 'zod';
import { formatDateTime } from '@/lib/time';

export type RepositoryFields = { [Field in keyof RepositorySettings]: RepositorySettings[Field] extends boolean ? boolean : string } & { token: string };
export type RepositoryFieldName = keyof RepositoryFields;
type PublishingRequest = z.input<typeof publishingInputSchema>;

const FIELD_NAMES: readonly RepositoryFieldName[] = ['url', 'targetBranch', 'pathTemplate', 'authorName', 'authorEmail', 'documentsBaseUrl', 'pushToTarget', 'hostKind', 'token'];

export const NEW_REPOSITORY: RepositoryFields = {
  url: '',
  targetBranch: 'main',
  pathTemplate: DEFAULT_PATH_TEMPLATE,
  authorName: 'Roundtable',
  authorEmail: '',
  documentsBaseUrl: '',
  pushToTarget: false,
  hostKind: 'auto',
  token: '',
};

/** The form starts from what is stored; the token never comes back from the server, so it starts empty. */
export function fieldsFromSettings(settings: PublishingSettings): RepositoryFields {
  return settings.repository ? { ...settings.repository, token: '' } : NEW_REPOSITORY;
}

/** `repository.url` → `url`; null for a problem that belongs to no one field. */
export function fieldOfIssue(path: string): RepositoryFieldName | null {
  const field = path === 'token' ? path : path.startsWith('repository.') ? path.slice('repository.'.length) : null;
  return FIELD_NAMES.find((name) => name === field) ?? null;
}

/**
 * The PUT body for the repository form, checked with the API's own schema first. An empty field that has a
 * default on the server (branch, path template, author) is left out so the default applies.
 */
export function toPublishingRequest(fields: RepositoryFields): { request: PublishingRequest } | { issues: Issue[] } {
  const orDefault = (value: string) => (value.trim() === '' ? undefined : value);
  const request: PublishingRequest = {
    repository: {
      url: fields.url,
      targetBranch: orDefault(fields.targetBranch),
      pathTemplate: orDefault(fields.pathTemplate),
      authorName: orDefault(fields.authorName),
      authorEmail: orDefault(fields.authorEmail),
      documentsBaseUrl: fields.documentsBaseUrl.trim(),
      pushToTarget: fields.pushToTarget,
      hostKind: GIT_HOST_KINDS.find((kind) => kind === fields.hostKind) ?? 'auto',
    },
    ...(fields.token.trim() ? { token: fields.token } : {}),
  };
  const parsed = publishingInputSchema.safeParse(request);
  if (parsed.success) return { request };
  return { issues: parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })) };
}

/** "github.com/org/repo" for https://github.com/org/repo.git: what a person recognises. */
export function repositoryLabel(url: string): string {
  return url.replace(/^https?:\/\//, '').replace(/\.git$/, '').replace(/\/$/, '');
}

export const shortCommit = (commit: string) => commit.slice(0, 7);

const PHASE_LABELS: Record<PublishProgress['phase'], string> = {
  cloning: 'Fetching the repository…',
  committing: 'Writing the record…',
  pushing: 'Pushing the commit…',
  reading: 'Reading the files…',
  importing: 'Importing…',
  done: 'Done.',
  failed: 'Failed.',
};

/** One line for the status region: "Pushing the commit…", "Importing 3 of 12…". */
export function describeProgress(progress: PublishProgress): string {
  const { phase, done, total } = progress;
  if (phase === 'importing' && done !== undefined && total !== undefined) return `Importing ${Math.min(done + 1, total)} of ${total}…`;
  return phase === 'done' || phase === 'failed' ? progress.message || PHASE_LABELS[phase] : PHASE_LABELS[phase];
}

export const isFinished = (progress: PublishProgress | null) => progress === null || progress.phase === 'done' || progress.phase === 'failed';

/** In the viewer's own timezone, named ("Tue, 4 Mar 2025, 18:02 CET"). */
export const formatWhen = (iso: string) => formatDateTime(iso);
