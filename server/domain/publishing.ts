import { CommandError, type GitHostKind } from '@/lib/protocol';
import { utcToZonedLocal } from '@/lib/time';

/**
 * Publishing rules (issue 14), pure: where a call's record goes in a repository, on which branch, how a host
 * opens a pull request for it, and which credentials a Git host takes for a token. Not wired yet.
 */
export type PublishedCall = { slug: string; title: string; startsAt: string | null; startedAt: string | null; timezone: string };

const PLACEHOLDER = /\{([a-z]+)\}/g;
const KNOWN = new Set(['yyyy', 'mm', 'dd', 'slug', 'title']);

function refuse(message: string): never {
  throw new CommandError('invalid_payload', message);
}

/** The call's local date in its own timezone: when it started, else when it is scheduled. */
function localDateOf(call: PublishedCall): { yyyy: string; mm: string; dd: string } | null {
  const instant = call.startedAt ?? call.startsAt;
  if (!instant) return null;
  const [yyyy = '', mm = '', dd = ''] = utcToZonedLocal(new Date(instant), call.timezone).slice(0, 10).split('-');
  return { yyyy, mm, dd };
}

/** A title as one file-name-safe path segment: lower case, letters and digits joined by hyphens. */
export function titleSegment(title: string): string {
  const segment = title
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/, '');
  return segment || 'call';
}

/** Refuses a template that names an unknown placeholder, or that could write outside the repository. */
export function checkPathTemplate(template: string): void {
  const unknown = [...template.matchAll(PLACEHOLDER)].map((match) => match[1]!).filter((name) => !KNOWN.has(name));
  if (unknown.length > 0) refuse(`Unknown placeholder {${unknown[0]}}: use {yyyy}, {mm}, {dd}, {slug} or {title}.`);
  checkRepositoryPath(template.replace(PLACEHOLDER, 'x'));
}

/** A path inside the repository's work tree: relative, no `..`, not into `.git`, a Markdown file. */
function checkRepositoryPath(path: string): void {
  if (path.trim() === '' || path.length > 300) refuse('The path must name a file in the repository.');
  if (path.startsWith('/') || path.includes('\\') || /^[a-z]:/i.test(path)) refuse('The path must be relative to the repository, without a leading slash.');
  const segments = path.split('/');
  if (segments.some((segment) => segment === '' || segment === '.' || segment === '..')) refuse('The path must stay inside the repository (no empty, "." or ".." parts).');
  if (segments[0]!.toLowerCase() === '.git') refuse('The path must not point into .git.');
  if (!/\.(md|markdown)$/i.test(path)) refuse('The path must end in .md.');
}

/** Where the call's record goes: the template with its placeholders filled, checked to stay inside the repository. */
export function recordPath(template: string, call: PublishedCall): string {
  checkPathTemplate(template);
  const date = localDateOf(call);
  const values: Record<string, string | undefined> = { ...date, slug: call.slug, title: titleSegment(call.title) };
  const path = template.replace(PLACEHOLDER, (_, name: string) => values[name] ?? refuse('The call has no date yet: set one, or use a template without {yyyy}, {mm} and {dd}.'));
  checkRepositoryPath(path);
  return path;
}

/** The branch a publication goes to, unless the series pushes straight to its target branch. */
export function publishBranch(call: PublishedCall): string {
  const date = localDateOf(call);
  return `roundtable/${date ? `${date.yyyy}-${date.mm}-${date.dd}-` : ''}${call.slug}`;
}

export type GitHost = Exclude<GitHostKind, 'auto' | 'none'>;

/**
 * The kind of Git host a repository URL names: the one the series set, or (`auto`) the one the URL tells; null
 * for other hosts, for `none` and for local paths.
 */
export function gitHostOf(repositoryUrl: string, setKind: GitHostKind = 'auto'): { kind: GitHost; web: string } | null {
  if (setKind === 'none') return null;
  let url: URL;
  try {
    url = new URL(repositoryUrl);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  const path = url.pathname.replace(/\/+$/, '').replace(/\.git$/, '');
  if (path.split('/').filter(Boolean).length < 2) return null;
  const web = `${url.protocol}//${url.host}${path}`;
  if (setKind !== 'auto') return { kind: setKind, web };
  const host = url.hostname.toLowerCase();
  if (host === 'github.com') return { kind: 'github', web };
  if (host === 'gitlab.com' || host.split('.').includes('gitlab')) return { kind: 'gitlab', web };
  if (host === 'codeberg.org' || host.split('.').some((part) => part === 'gitea' || part === 'forgejo')) return { kind: 'gitea', web };
  return null;
}

/** The page that opens a pull (merge) request from `branch` into `target`; null where the host is not known. */
export function compareUrlOf(repositoryUrl: string, target: string, branch: string, setKind: GitHostKind = 'auto'): string | null {
  const host = gitHostOf(repositoryUrl, setKind);
  if (!host || branch === target) return null;
  const [base, head] = [encodeURIComponent(target), encodeURIComponent(branch)];
  if (host.kind === 'github') return `${host.web}/compare/${base}...${head}?expand=1`;
  if (host.kind === 'gitlab') return `${host.web}/-/merge_requests/new?merge_request%5Bsource_branch%5D=${head}&merge_request%5Btarget_branch%5D=${base}`;
  return `${host.web}/compare/${base}...${head}`;
}

/**
 * HTTP basic credentials for a token, as each host documents them: GitHub takes any user name with the token as
 * password (`x-access-token` by convention), GitLab `oauth2`, Gitea and Forgejo the token as password too.
 */
export function tokenCredentials(repositoryUrl: string, token: string): { username: string; password: string } {
  const kind = gitHostOf(repositoryUrl)?.kind;
  return { username: kind === 'gitlab' ? 'oauth2' : 'x-access-token', password: token };
}

/** The page of one commit on the repository's host; null where the host is not known. */
export function commitUrlOf(repositoryUrl: string, commit: string, setKind: GitHostKind = 'auto'): string | null {
  const host = gitHostOf(repositoryUrl, setKind);
  if (!host) return null;
  return host.kind === 'gitlab' ? `${host.web}/-/commit/${commit}` : `${host.web}/commit/${commit}`;
}
