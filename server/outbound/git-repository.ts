import { rm } from 'node:fs/promises';
import path from 'node:path';
import { runGit, tryGit, withGitSession, type GitLimits, type GitOptions, type GitRemote, type GitSession } from './git-command';
import { GitError } from './git-errors';

/**
 * Publishing a call's record to a Git repository and reading Markdown files from one (issue 14), with the system
 * `git`. Clones are shallow, single-branch and partial (no blobs), and files are written with plumbing, so a big
 * repository costs its trees and the one file, never its work tree.
 */
export { GitError } from './git-errors';
export type { GitLimits, GitRemote } from './git-command';

const MAX_FILES = 1000;
const MAX_FILE_BYTES = 1024 * 1024;
const MARKDOWN = /\.(md|markdown)$/i;
const REGULAR_FILE_MODES = new Set(['100644', '100755']);

type Git = (args: string[], options?: GitOptions) => Promise<string>;

/** Runs git inside the clone and returns its trimmed output. */
function gitIn(session: GitSession, repository: string): Git {
  return async (args, options) => (await runGit(session, args, { cwd: repository, ...options })).toString('utf8').trim();
}

/** Git would read a value starting with "-" as an option (`--upload-pack=…`); callers check names, this is the backstop. */
function refuseOptionLike(value: string, what: string): void {
  if (value === '' || value.startsWith('-')) throw new GitError('git_failed', `The ${what} "${value}" is not one Git can be given.`);
}

async function cloneBranch(session: GitSession, branch: string): Promise<string> {
  const repository = path.join(session.root, 'repository');
  await rm(repository, { recursive: true, force: true });
  const args = ['clone', '--quiet', '--depth=1', '--single-branch', '--no-tags', '--filter=blob:none', '--no-checkout', `--branch=${branch}`];
  await runGit(session, [...args, '--', session.url, repository], { watchSize: true, branch });
  return repository;
}

/** The publish branch when it exists (a new commit goes on top of it), else the target branch. */
async function cloneBase(session: GitSession, branch: string, targetBranch: string): Promise<string> {
  try {
    return await cloneBranch(session, branch);
  } catch (error) {
    if (branch === targetBranch || !(error instanceof GitError) || error.code !== 'git_branch_not_found') throw error;
    return cloneBranch(session, targetBranch);
  }
}

type Author = { name: string; email: string };

/** A commit of `base`'s tree with `blob` at `filePath`, built in the index only: nothing is checked out. */
async function writeCommit(git: Git, base: string, change: { blob: string; path: string; message: string; author: Author }): Promise<string> {
  await git(['read-tree', base]);
  await git(['update-index', '--add', '--cacheinfo', `100644,${change.blob},${change.path}`]);
  // The partial clone has none of the other files' blobs; checking that they exist would download each one.
  const tree = await git(['write-tree', '--missing-ok']);
  const { name, email } = change.author;
  const identity = { GIT_AUTHOR_NAME: name, GIT_AUTHOR_EMAIL: email, GIT_COMMITTER_NAME: name, GIT_COMMITTER_EMAIL: email };
  return git(['commit-tree', tree, '-p', base, '-F', '-'], { input: change.message, env: identity });
}

export async function commitRecord(options: {
  remote: GitRemote;
  targetBranch: string;
  branch: string;
  path: string;
  content: string;
  message: string;
  author: Author;
  onProgress?: (phase: 'cloning' | 'committing' | 'pushing') => void | Promise<void>;
  limits?: Partial<GitLimits>;
}): Promise<{ commit: string; changed: boolean }> {
  const { branch, targetBranch, path: filePath } = options;
  refuseOptionLike(branch, 'branch');
  refuseOptionLike(targetBranch, 'target branch');
  refuseOptionLike(filePath, 'path');
  return withGitSession(options.remote, options.limits, async (session) => {
    await options.onProgress?.('cloning');
    const repository = await cloneBase(session, branch, targetBranch);
    const git = gitIn(session, repository);
    const base = await git(['rev-parse', '--verify', 'HEAD^{commit}']);
    const blob = await git(['hash-object', '-w', '--no-filters', '--stdin'], { input: options.content });
    // Comparing blob ids needs only the trees, which the partial clone has.
    const current = await tryGit(session, ['rev-parse', '--verify', '--quiet', `${base}:${filePath}`], { cwd: repository });
    if (current === blob) return { commit: base, changed: false };

    await options.onProgress?.('committing');
    const commit = await writeCommit(git, base, { blob, path: filePath, message: options.message, author: options.author });
    await options.onProgress?.('pushing');
    // Never forced: a branch that moved on meanwhile is refused (git_rejected), and the host publishes again.
    // Over HTTP git may download the file's previous version here, as a delta base: that one blob, no other.
    await git(['push', '--quiet', '--no-verify', '--', 'origin', `${commit}:refs/heads/${branch}`], { branch });
    return { commit, changed: true };
  });
}

type TreeEntry = { path: string; oid: string };

/** The Markdown files in `ls-tree -r -z` output that lie under `folder`, sorted by path. Symlinks and submodules are left out. */
function markdownEntries(listing: Buffer, folder: string): TreeEntry[] {
  const entries: TreeEntry[] = [];
  for (const record of listing.toString('utf8').split('\0')) {
    const tab = record.indexOf('\t');
    const [mode = '', type = '', oid = ''] = record.slice(0, tab).split(' ');
    const filePath = record.slice(tab + 1);
    if (tab < 0 || type !== 'blob' || !REGULAR_FILE_MODES.has(mode) || !MARKDOWN.test(filePath)) continue;
    if (folder === '' || filePath.startsWith(`${folder}/`)) entries.push({ path: filePath, oid });
  }
  return entries.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/**
 * Downloads the blobs a partial clone lacks in one request; `cat-file` would fetch them one request each. A clone
 * from a server without filter support already has them all.
 */
async function fetchMissingBlobs(session: GitSession, repository: string, oids: string[], pathspec: string[]): Promise<void> {
  const listing = await runGit(session, ['--literal-pathspecs', 'rev-list', '--objects', '--missing=print', 'HEAD', ...pathspec], { cwd: repository });
  const missing = new Set(listing.toString('utf8').split('\n').filter((line) => line.startsWith('?')).map((line) => line.slice(1)));
  const wanted = [...new Set(oids)].filter((oid) => missing.has(oid));
  if (wanted.length === 0) return;
  const fetch = ['-c', 'fetch.negotiationAlgorithm=noop', 'fetch', '--quiet', '--no-tags', '--no-write-fetch-head', '--recurse-submodules=no', '--filter=blob:none', '--stdin', 'origin'];
  await runGit(session, fetch, { cwd: repository, input: `${wanted.join('\n')}\n`, watchSize: true });
}

/** Blob sizes from `cat-file --batch-check` ("<oid> blob <size>" lines). */
function parseSizes(output: string): Map<string, number> {
  const sizes = new Map<string, number>();
  for (const line of output.split('\n')) {
    const [oid = '', type, size] = line.split(' ');
    if (type === 'blob' && size) sizes.set(oid, Number(size));
  }
  return sizes;
}

/** Blob contents from `cat-file --batch`: a "<oid> <type> <size>" line, the bytes, a newline; per object. */
function parseContents(output: Buffer): Map<string, Buffer> {
  const contents = new Map<string, Buffer>();
  let offset = 0;
  while (offset < output.length) {
    const newline = output.indexOf('\n', offset);
    if (newline < 0) break;
    const [oid = '', type, size] = output.subarray(offset, newline).toString('utf8').split(' ');
    if (type === 'missing' || size === undefined) {
      offset = newline + 1;
      continue;
    }
    const end = newline + 1 + Number(size);
    contents.set(oid, output.subarray(newline + 1, end));
    offset = end + 1;
  }
  return contents;
}

/** Folder as a path prefix without slashes at either end; '' for the whole repository. */
function normalizeFolder(folder: string): string {
  const normalized = folder.replace(/^\/+|\/+$/g, '');
  if (normalized.split('/').some((segment) => segment === '..' || segment.startsWith('-'))) {
    throw new GitError('git_failed', `The folder "${folder}" is not a folder inside the repository.`);
  }
  return normalized;
}

export async function readMarkdownFiles(options: {
  remote: GitRemote;
  branch: string;
  folder: string;
  onProgress?: (phase: 'cloning' | 'reading') => void | Promise<void>;
  limits?: Partial<GitLimits>;
}): Promise<{ path: string; text: string }[]> {
  refuseOptionLike(options.branch, 'branch');
  const folder = normalizeFolder(options.folder);
  return withGitSession(options.remote, options.limits, async (session) => {
    await options.onProgress?.('cloning');
    const repository = await cloneBranch(session, options.branch);
    await options.onProgress?.('reading');
    const pathspec = folder === '' ? [] : ['--', folder];
    const listing = await runGit(session, ['--literal-pathspecs', 'ls-tree', '-r', '-z', '--full-tree', 'HEAD', ...pathspec], { cwd: repository });
    const entries = markdownEntries(listing, folder).slice(0, MAX_FILES);
    if (entries.length === 0) return [];
    const oids = entries.map((entry) => entry.oid);
    await fetchMissingBlobs(session, repository, oids, pathspec);
    const read = { cwd: repository, input: `${oids.join('\n')}\n`, watchSize: true };
    const sizes = parseSizes((await runGit(session, ['cat-file', '--batch-check'], read)).toString('utf8'));
    const small = entries.filter((entry) => (sizes.get(entry.oid) ?? Infinity) <= MAX_FILE_BYTES);
    if (small.length === 0) return [];
    const contents = parseContents(await runGit(session, ['cat-file', '--batch'], { ...read, input: `${small.map((entry) => entry.oid).join('\n')}\n` }));
    return small.map((entry) => ({ path: entry.path, text: contents.get(entry.oid)?.toString('utf8') ?? '' }));
  });
}
