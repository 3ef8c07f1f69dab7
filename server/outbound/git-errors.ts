import type { GitErrorCode } from '@/lib/protocol';

/** A Git command that failed, as a code the API answers with and a sentence a host can act on. Never holds the token. */
export class GitError extends Error {
  constructor(
    readonly code: GitErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'GitError';
  }
}

/** What a message may mention; the token is never part of it. */
export type GitErrorContext = { hasToken: boolean; timeoutMs: number; maxRepositoryBytes: number; branch?: string };

// Checked in order: "Remote branch … not found" must win over the repository's "not found".
const STDERR_PATTERNS: [GitErrorCode, RegExp][] = [
  ['git_auth_failed', /error: 401|401 Unauthorized|Authentication failed|could not read (Username|Password)|HTTP Basic: Access denied|invalid credentials/i],
  ['git_forbidden', /error: 403|403 Forbidden|Permission to .* denied/i],
  ['git_branch_not_found', /Remote branch .* not found|couldn't find remote ref/i],
  ['git_not_found', /error: 404|repository '.*' not found|Repository not found|does not appear to be a git repository|not a git repository/i],
  ['git_rejected', /non-fast-forward|\[rejected\]|fetch first/i],
  ['git_unreachable', /Could not resolve host|Connection refused|Failed to connect|Couldn't connect to server|Network is unreachable|No route to host/i],
];

/** Which code git's error output stands for; `git_failed` when it is none of the known ones. */
export function classifyStderr(stderr: string): GitErrorCode {
  return STDERR_PATTERNS.find(([, pattern]) => pattern.test(stderr))?.[0] ?? 'git_failed';
}

/** Removes every form of a secret that could show up in git's output. */
export function scrub(text: string, secrets: readonly string[]): string {
  return secrets.filter((secret) => secret.length > 0).reduce((scrubbed, secret) => scrubbed.split(secret).join('***'), text);
}

/** The lines of git's output worth showing a host (errors, not hints or progress), shortened. */
export function stderrExcerpt(stderr: string): string {
  const lines = stderr
    .split(/\r?\n|\r/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('hint:'));
  const errors = lines.filter((line) => /^(fatal|error|remote|!)/i.test(line));
  const excerpt = (errors.length > 0 ? errors : lines.slice(-3)).join(' ');
  return excerpt.length > 300 ? `${excerpt.slice(0, 297)}...` : excerpt || 'no output';
}

function megabytes(bytes: number): string {
  return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;
}

/** A sentence for the host: what went wrong and what to check. `excerpt` must already be scrubbed. */
export function messageFor(code: GitErrorCode, context: GitErrorContext, excerpt = ''): string {
  switch (code) {
    case 'git_auth_failed':
      return context.hasToken
        ? 'The Git host refused the token: check that it is right and has not expired.'
        : 'The Git host asks for a token: add one that may read and write the repository.';
    case 'git_forbidden':
      return 'The token may not do this: give it write access to the repository’s contents.';
    case 'git_not_found':
      return 'The Git host has no repository at this URL, or the token may not see it.';
    case 'git_branch_not_found':
      return context.branch ? `The branch "${context.branch}" does not exist in the repository.` : 'The branch does not exist in the repository.';
    case 'git_rejected':
      return 'The branch moved on while publishing (someone else pushed to it): publish again to build on their change.';
    case 'git_unreachable':
      return 'Cannot reach the Git host: check the repository URL and that the host is up.';
    case 'git_timeout':
      return `The Git host did not finish within ${Math.round(context.timeoutMs / 1000)} s: try again later.`;
    case 'git_too_large':
      return `The repository is larger than the ${megabytes(context.maxRepositoryBytes)} Roundtable may download.`;
    case 'git_failed':
      return `Git failed: ${excerpt || 'no output'}`;
  }
}
