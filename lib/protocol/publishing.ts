import { z } from 'zod';

/**
 * Publishing a call's record to the series' Git repository, importing past calls from it, and webhooks
 * (issue 14). The access token is write-only: requests may carry it, no answer or event ever does.
 */

export const DEFAULT_PATH_TEMPLATE = 'community-meetings/{yyyy}-{mm}-{dd}.md';

/** What a repository URL may be: Git smart-HTTP, or a repository on the server's own disk (`file://` or a path). */
export function isRepositoryLocation(value: string): boolean {
  if (value.startsWith('/')) return true;
  try {
    const url = new URL(value);
    return ['https:', 'http:', 'file:'].includes(url.protocol) && url.username === '' && url.password === '';
  } catch {
    return false;
  }
}

/** A branch name Git accepts (`git check-ref-format --branch`), kept to the usual characters. */
const branchSchema = z
  .string()
  .trim()
  .min(1, 'Name a branch')
  .max(100)
  .regex(/^(?!\/|.*\/\/|.*\/$|.*\.\.|.*\.lock$|.*@\{)[\w./-]+$/, 'A branch name uses letters, digits, "-", "_", "." and "/" (like main or docs/minutes)');

/** Which web pages the repository's host has (for the pull request link); `auto` tells it from the URL. */
export const GIT_HOST_KINDS = ['auto', 'github', 'gitlab', 'gitea', 'none'] as const;
export type GitHostKind = (typeof GIT_HOST_KINDS)[number];

export const repositorySettingsSchema = z.object({
  url: z
    .string()
    .trim()
    .min(1, 'Give the repository’s URL')
    .max(500)
    .refine(isRepositoryLocation, 'Give an https:// URL of the repository (without a user name or token in it), a file:// URL or an absolute path on the server'),
  targetBranch: branchSchema.default('main'),
  pathTemplate: z.string().trim().min(1).max(300).default(DEFAULT_PATH_TEMPLATE),
  authorName: z.string().trim().min(1, 'Name the commit author').max(100).default('Roundtable'),
  authorEmail: z.email('Give the commit author’s e-mail address').max(200).default('noreply@roundtable.invalid'),
  documentsBaseUrl: z.union([z.literal(''), z.url({ protocol: /^https?$/ })]).default(''),
  /** Commit straight to the target branch instead of a `roundtable/…` branch for a pull request. */
  pushToTarget: z.boolean().default(false),
  /** For a self-hosted GitLab, Gitea or Forgejo whose address does not say so (`gitea` also covers Forgejo and Codeberg). */
  hostKind: z.enum(GIT_HOST_KINDS).default('auto'),
});

export type RepositorySettings = z.output<typeof repositorySettingsSchema>;

export const MAX_WEBHOOKS = 10;

export const webhookUrlSchema = z.url({ protocol: /^https?$/, error: 'A webhook URL starts with https:// (or http://)' }).max(500);

/** `PUT /api/calls/{slug}/publishing`: each field left out keeps what is stored. */
export const publishingInputSchema = z
  .object({
    /** null removes the repository (and its token). */
    repository: repositorySettingsSchema.nullable().optional(),
    /** Stored sealed, never shown again. */
    token: z.string().trim().min(1, 'The token is empty').max(1000).optional(),
    forgetToken: z.literal(true).optional(),
    /** The whole list; a URL already there keeps its signing secret and its deliveries. */
    webhooks: z
      .array(z.object({ url: webhookUrlSchema }))
      .max(MAX_WEBHOOKS, `At most ${MAX_WEBHOOKS} webhooks`)
      .refine((hooks) => new Set(hooks.map((hook) => hook.url)).size === hooks.length, 'Each webhook URL once')
      .optional(),
  })
  .strict()
  .refine((input) => !(input.token && input.forgetToken), 'Either set a token or forget it, not both');

export type PublishingInput = z.output<typeof publishingInputSchema>;

export const WEBHOOK_EVENTS = ['call.scheduled', 'call.started', 'call.ended', 'record.published'] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];
export const DELIVERY_STATUSES = ['pending', 'delivered', 'failed'] as const;

export const webhookDeliverySchema = z.object({
  id: z.string(),
  event: z.enum(WEBHOOK_EVENTS),
  status: z.enum(DELIVERY_STATUSES),
  attempts: z.number().int(),
  /** The receiver's last HTTP status, null when it was not reached. */
  responseStatus: z.number().int().nullable(),
  lastError: z.string(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
  nextAttemptAt: z.string().nullable(),
});
export type WebhookDelivery = z.infer<typeof webhookDeliverySchema>;

export const webhookSchema = z.object({
  id: z.string(),
  url: z.string(),
  /** The HMAC-SHA256 key of `X-Roundtable-Signature: sha256=<hex>`; the host gives it to the receiver. */
  secret: z.string(),
  deliveries: z.array(webhookDeliverySchema),
});
export type PublicWebhook = z.infer<typeof webhookSchema>;

export const publicationSchema = z.object({
  commit: z.string(),
  branch: z.string(),
  path: z.string(),
  /** Opens a pull (merge) request on GitHub, GitLab or a Gitea-style host; null elsewhere or when pushed to the target. */
  compareUrl: z.string().nullable(),
  /** The commit's page on GitHub, GitLab or a Gitea-style host; null elsewhere. */
  commitUrl: z.string().nullable(),
  publishedAt: z.string(),
});
export type Publication = z.infer<typeof publicationSchema>;

/** `POST /api/calls/{slug}/publish`: the publication, and whether this publish added a commit. */
export const publishResultSchema = publicationSchema.extend({ changed: z.boolean() });
export type PublishResult = z.infer<typeof publishResultSchema>;

/** `GET /api/calls/{slug}/publishing` (host only). */
export const publishingSettingsSchema = z.object({
  seriesTitle: z.string(),
  repository: repositorySettingsSchema.nullable(),
  hasToken: z.boolean(),
  /** Whether the server can store tokens (ROUNDTABLE_SECRET_KEY is set). */
  canStoreTokens: z.boolean(),
  /** Where this call's record goes, or why it cannot go yet. */
  target: z.union([z.object({ path: z.string(), branch: z.string() }), z.object({ problem: z.string() })]).nullable(),
  isBusy: z.boolean(),
  lastPublication: publicationSchema.nullable(),
  webhooks: z.array(webhookSchema),
});
export type PublishingSettings = z.infer<typeof publishingSettingsSchema>;

export const importedFileSchema = z.object({ path: z.string(), slug: z.string(), title: z.string(), url: z.string() });
export const importResultSchema = z.object({
  imported: z.array(importedFileSchema),
  /** Already imported, or published from this series. */
  skipped: z.array(z.object({ path: z.string(), reason: z.string() })),
  failed: z.array(z.object({ path: z.string(), message: z.string() })),
});
export type ImportResult = z.infer<typeof importResultSchema>;

/**
 * Why a publish or an import failed, as the Git host or the network told it: a wrong token, no permission, no
 * such repository or branch, a branch that moved on (non-fast-forward), no answer, too slow, too big to clone.
 */
export const GIT_ERROR_CODES = [
  'git_auth_failed',
  'git_forbidden',
  'git_not_found',
  'git_branch_not_found',
  'git_rejected',
  'git_unreachable',
  'git_timeout',
  'git_too_large',
  'git_failed',
] as const;
export type GitErrorCode = (typeof GIT_ERROR_CODES)[number];

export const PUBLISH_PHASES = ['cloning', 'committing', 'pushing', 'reading', 'importing', 'done', 'failed'] as const;
export type PublishPhase = (typeof PUBLISH_PHASES)[number];

/** Sent to the call's hosts and scribes while a publish or an import runs. */
export type PublishProgress = {
  operation: 'publish' | 'import';
  phase: PublishPhase;
  /** Files imported so far, of `total`. */
  done?: number;
  total?: number;
  message: string;
};

export type PublishingServerEvents = {
  'publish:progress': (progress: PublishProgress) => void;
};
