import { spawn } from 'node:child_process';
import { lstat, mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { tokenCredentials } from '../domain/publishing';
import { classifyStderr, GitError, messageFor, scrub, stderrExcerpt, type GitErrorContext } from './git-errors';

export type GitRemote = { url: string; token: string | null };
export type GitLimits = { timeoutMs: number; maxRepositoryBytes: number };

export const DEFAULT_GIT_LIMITS: GitLimits = { timeoutMs: 60_000, maxRepositoryBytes: 200 * 1024 * 1024 };
/** mkdtemp's prefix, distinctive so tests can tell that nothing was left behind. */
export const TEMPORARY_PREFIX = 'roundtable-publish-';

const SIZE_CHECK_MS = 250;
const MAX_STDERR_CHARS = 64 * 1024;

/** One publish or read: a temporary folder (the clone and git's HOME), the environment every command gets, the limits. */
export type GitSession = {
  root: string;
  url: string;
  env: NodeJS.ProcessEnv;
  limits: GitLimits;
  secrets: string[];
  context: GitErrorContext;
};

/** The URL git is given: local paths as file:// so that --depth and --filter apply; never credentials in it. */
function remoteLocation(url: string): string {
  if (url.startsWith('/')) return pathToFileURL(url).href;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new GitError('git_not_found', 'The repository URL is neither a URL nor an absolute path.');
  }
  if (!['http:', 'https:', 'file:'].includes(parsed.protocol)) throw new GitError('git_not_found', 'The repository URL must start with https://, http:// or file://.');
  if (parsed.username !== '' || parsed.password !== '') throw new GitError('git_not_found', 'The repository URL must not contain a user name or token.');
  return url;
}

/**
 * Git's environment: nothing from this machine's configuration, no prompts or hooks, only http(s) and file, and the
 * token as an Authorization header in environment configuration, where neither `ps` nor the remote URL shows it.
 */
function gitEnvironment(home: string, url: string, token: string): { env: NodeJS.ProcessEnv; secrets: string[] } {
  const config: [string, string][] = [
    ['protocol.allow', 'never'],
    ['protocol.http.allow', 'always'],
    ['protocol.https.allow', 'always'],
    ['protocol.file.allow', 'always'],
    // Give up on a connection that trickles (under 1 kB/s for 20 s) before the command's own timeout.
    ['http.lowSpeedLimit', '1000'],
    ['http.lowSpeedTime', '20'],
    ['credential.helper', ''],
    ['core.hooksPath', '/dev/null'],
    ['gc.auto', '0'],
    ['maintenance.auto', 'false'],
  ];
  const secrets: string[] = [];
  if (token) {
    const { username, password } = tokenCredentials(url, token);
    const basic = Buffer.from(`${username}:${password}`).toString('base64');
    // On a redirect to another host (git follows one, for the first request) curl drops a custom Authorization header.
    config.push(['http.extraHeader', `Authorization: Basic ${basic}`]);
    secrets.push(token, basic, encodeURIComponent(token), Buffer.from(token).toString('base64'));
  }
  const env: NodeJS.ProcessEnv = {
    // Next's typing of ProcessEnv requires NODE_ENV; git ignores it.
    NODE_ENV: process.env.NODE_ENV,
    PATH: process.env.PATH,
    HOME: home,
    LC_ALL: 'C',
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_TERMINAL_PROMPT: '0',
    GIT_ASKPASS: '/bin/false',
    GIT_CONFIG_COUNT: String(config.length),
  };
  config.forEach(([key, value], index) => {
    env[`GIT_CONFIG_KEY_${index}`] = key;
    env[`GIT_CONFIG_VALUE_${index}`] = value;
  });
  return { env, secrets };
}

/** Runs `work` in a fresh temporary folder and removes the folder afterwards, whatever happens. */
export async function withGitSession<T>(remote: GitRemote, limits: Partial<GitLimits> | undefined, work: (session: GitSession) => Promise<T>): Promise<T> {
  const url = remoteLocation(remote.url);
  const root = await mkdtemp(path.join(tmpdir(), TEMPORARY_PREFIX));
  try {
    const home = path.join(root, 'home');
    await mkdir(home);
    const settled = { ...DEFAULT_GIT_LIMITS, ...limits };
    const { env, secrets } = gitEnvironment(home, url, remote.token ?? '');
    const context = { hasToken: Boolean(remote.token), ...settled };
    return await work({ root, url, env, limits: settled, secrets, context });
  } finally {
    await rm(root, { recursive: true, force: true, maxRetries: 3 });
  }
}

/** Bytes under `directory`; files that vanish while it is counted (git renames as it goes) count as nothing. */
async function directorySize(directory: string): Promise<number> {
  const entries = await readdir(directory, { recursive: true, withFileTypes: true }).catch(() => []);
  const sizes = await Promise.all(
    entries.filter((entry) => entry.isFile()).map((entry) => lstat(path.join(entry.parentPath, entry.name)).then((stats) => stats.size, () => 0)),
  );
  return sizes.reduce((sum, size) => sum + size, 0);
}

type GitRun = { code: number | null; stdout: Buffer; stderr: string };
export type GitOptions = {
  cwd?: string;
  input?: string;
  env?: Record<string, string>;
  /** Kill git when the temporary folder outgrows the size limit: for commands that download. */
  watchSize?: boolean;
  /** The branch a "not found" is about, for the message. */
  branch?: string;
};

/**
 * Spawns git (no shell) in its own process group, so that killing it on a timeout or an oversized download also
 * ends the helpers it started (git-remote-http, index-pack). Resolves with the exit code; throws only when killed.
 */
function spawnGit(session: GitSession, args: string[], options: GitOptions): Promise<GitRun> {
  return new Promise((resolve, reject) => {
    const child = spawn('git', args, { cwd: options.cwd ?? session.root, env: { ...session.env, ...options.env }, detached: true });
    const stdout: Buffer[] = [];
    let stderr = '';
    let killedFor: 'git_timeout' | 'git_too_large' | null = null;
    const kill = (reason: 'git_timeout' | 'git_too_large') => {
      killedFor ??= reason;
      try {
        if (child.pid) process.kill(-child.pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    };
    const timer = setTimeout(() => kill('git_timeout'), session.limits.timeoutMs);
    let isMeasuring = false;
    const watcher = options.watchSize
      ? setInterval(() => {
          if (isMeasuring) return;
          isMeasuring = true;
          void directorySize(session.root).then((size) => {
            isMeasuring = false;
            if (size > session.limits.maxRepositoryBytes) kill('git_too_large');
          });
        }, SIZE_CHECK_MS)
      : undefined;
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => {
      if (stderr.length < MAX_STDERR_CHARS) stderr += chunk.toString('utf8');
    });
    child.stdin.on('error', () => undefined);
    child.stdin.end(options.input ?? '');
    child.on('error', (error) => {
      clearTimeout(timer);
      clearInterval(watcher);
      reject(new GitError('git_failed', `Git could not be started: ${error.message}`));
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      clearInterval(watcher);
      if (killedFor) reject(new GitError(killedFor, messageFor(killedFor, session.context)));
      else resolve({ code, stdout: Buffer.concat(stdout), stderr });
    });
  });
}

/** The error for a git command that exited with a failure. */
export function failureOf(session: GitSession, stderr: string, context: Partial<GitErrorContext> = {}): GitError {
  // Classified before scrubbing: a short token could otherwise blank out the very words classification looks for.
  const code = classifyStderr(stderr);
  return new GitError(code, messageFor(code, { ...session.context, ...context }, stderrExcerpt(scrub(stderr, session.secrets))));
}

/** Runs git and returns its output; a failure becomes a GitError. A watched download is also checked once it is done. */
export async function runGit(session: GitSession, args: string[], options: GitOptions = {}): Promise<Buffer> {
  const run = await spawnGit(session, args, options);
  if (run.code !== 0) throw failureOf(session, run.stderr, { branch: options.branch });
  if (options.watchSize && (await directorySize(session.root)) > session.limits.maxRepositoryBytes) {
    throw new GitError('git_too_large', messageFor('git_too_large', session.context));
  }
  return run.stdout;
}

/** Runs git for its trimmed text output, or null when it exits with a failure (a ref or path that is not there). */
export async function tryGit(session: GitSession, args: string[], options: GitOptions = {}): Promise<string | null> {
  const run = await spawnGit(session, args, options);
  return run.code === 0 ? run.stdout.toString('utf8').trim() : null;
}
