import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GitErrorCode } from '@/lib/protocol';
import { git, startGitHttpServer } from '../testing/git-http-server';
import { checkServices } from '../testing/services';
import { TEMPORARY_PREFIX } from './git-command';
import { commitRecord, GitError, readMarkdownFiles, type GitRemote } from './git-repository';

const services = await checkServices('Git publishing tests', { git: true });

describe.skipIf(services.shouldSkip)('publishing to and reading from a Git repository', () => {
  const token = 'publish-token-5ecr3t-2f9a';
  const readOnlyToken = 'read-only-token-7c41-e0';
  const branch = 'roundtable/2021-07-13-abc';
  const recordPath = 'community-meetings/2021-07-13.md';
  const author = { name: 'Roundtable Bot', email: 'roundtable@example.org' };
  const failures: GitError[] = [];
  let server: Awaited<ReturnType<typeof startGitHttpServer>>;
  let work: string;
  let temporaryBefore: number;
  let clones = 0;

  const countTemporary = async () => (await readdir(tmpdir())).filter((name) => name.startsWith(TEMPORARY_PREFIX)).length;

  beforeAll(async () => {
    services.assertServices();
    temporaryBefore = await countTemporary();
    server = await startGitHttpServer({ token, readOnlyToken });
    work = await mkdtemp(path.join(tmpdir(), 'roundtable-git-publish-test-'));
  });
  afterAll(async () => {
    await server?.close();
    if (work) await rm(work, { recursive: true, force: true });
  });

  const withToken = (url: string) => (url.startsWith('http://') ? url.replace('http://', `http://x-access-token:${token}@`) : url);
  const remote = (url: string, secret: string | null = token): GitRemote => ({ url, token: secret });
  const publish = (url: string, overrides: Partial<Parameters<typeof commitRecord>[0]> = {}) =>
    commitRecord({ remote: remote(url), targetBranch: 'main', branch, path: recordPath, content: '# Call\n', message: 'Publish the record of 2021-07-13', author, ...overrides });

  async function expectGitError(promise: Promise<unknown>, code: GitErrorCode): Promise<GitError> {
    const error = await promise.then(
      () => new Error('expected a GitError, but it succeeded'),
      (thrown: unknown) => thrown,
    );
    expect(error).toBeInstanceOf(GitError);
    const gitError = error instanceof GitError ? error : new GitError('git_failed', String(error));
    failures.push(gitError);
    expect(gitError.code, gitError.message).toBe(code);
    return gitError;
  }

  async function cloneOf(url: string, ref: string): Promise<string> {
    const directory = path.join(work, `clone-${++clones}`);
    await git(['clone', '--quiet', '--branch', ref, withToken(url), directory]);
    return directory;
  }

  async function headOf(url: string, ref: string): Promise<string | null> {
    const { stdout } = await git(['ls-remote', withToken(url), `refs/heads/${ref}`]);
    return stdout.split('\t')[0] || null;
  }

  async function commitOf(directory: string, revision = 'HEAD') {
    const { stdout } = await git(['log', '-1', '--format=%H%n%P%n%an%n%ae%n%cn%n%ce%n%B', revision], directory);
    const [sha, parents, authorName, authorEmail, committerName, committerEmail, ...message] = stdout.split('\n');
    return { sha, parents: parents?.split(' ').filter(Boolean), authorName, authorEmail, committerName, committerEmail, message: message.join('\n').trim() };
  }

  /** Commits files (a Buffer, a string, or a symlink target) to `ref` of the repository, as another Git user would. */
  async function pushFiles(url: string, files: Record<string, string | Buffer | { symlinkTo: string }>, ref = 'main'): Promise<string> {
    const directory = await cloneOf(url, ref);
    for (const [name, content] of Object.entries(files)) {
      await mkdir(path.dirname(path.join(directory, name)), { recursive: true });
      if (typeof content === 'object' && 'symlinkTo' in content) await symlink(content.symlinkTo, path.join(directory, name));
      else await writeFile(path.join(directory, name), content);
    }
    await git(['add', '--all'], directory);
    await git(['commit', '--quiet', '-m', 'Another change'], directory);
    await git(['push', '--quiet', 'origin', ref], directory);
    return (await commitOf(directory)).sha ?? '';
  }

  const allowFilter = (name: string) => git(['config', 'uploadpack.allowFilter', 'true'], path.join(server.root, `${name}.git`));

  it('creates the branch from main with the file, as the given author, and leaves main alone', async () => {
    const url = await server.createRepository('first');
    const mainBefore = await headOf(url, 'main');
    const phases: string[] = [];
    const result = await publish(url, { onProgress: (phase) => void phases.push(phase) });

    expect(result.changed).toBe(true);
    expect(phases).toEqual(['cloning', 'committing', 'pushing']);
    expect(await headOf(url, branch)).toBe(result.commit);
    expect(await headOf(url, 'main')).toBe(mainBefore);
    const clone = await cloneOf(url, branch);
    expect(await readFile(path.join(clone, recordPath), 'utf8')).toBe('# Call\n');
    expect(await readFile(path.join(clone, 'README.md'), 'utf8')).toBe('# Community meetings\n');
    expect(await commitOf(clone)).toEqual({
      sha: result.commit,
      parents: [mainBefore],
      authorName: author.name,
      authorEmail: author.email,
      committerName: author.name,
      committerEmail: author.email,
      message: 'Publish the record of 2021-07-13',
    });
  });

  it('makes no commit for the same content again, and exactly one on top for changed content', async () => {
    const url = await server.createRepository('again');
    const first = await publish(url);
    const phases: string[] = [];
    const same = await publish(url, { onProgress: (phase) => void phases.push(phase) });
    expect(same).toEqual({ commit: first.commit, changed: false });
    expect(phases).toEqual(['cloning']);
    expect(await headOf(url, branch)).toBe(first.commit);

    const changed = await publish(url, { content: '# Call\n\nDecided: ship it.\n', message: 'Update the record' });
    expect(changed.changed).toBe(true);
    const clone = await cloneOf(url, branch);
    expect(await commitOf(clone)).toMatchObject({ sha: changed.commit, parents: [first.commit], message: 'Update the record' });
    expect(await readFile(path.join(clone, recordPath), 'utf8')).toBe('# Call\n\nDecided: ship it.\n');
    expect((await git(['rev-list', '--count', 'HEAD'], clone)).stdout.trim()).toBe('3');
  });

  it('pushes straight to the target branch when the branch is the target', async () => {
    const url = await server.createRepository('straight');
    const mainBefore = await headOf(url, 'main');
    const result = await publish(url, { branch: 'main' });
    expect(result.changed).toBe(true);
    expect(await headOf(url, 'main')).toBe(result.commit);
    expect(await commitOf(await cloneOf(url, 'main'))).toMatchObject({ parents: [mainBefore] });
    expect(await headOf(url, branch)).toBeNull();
  });

  it('tells a wrong or missing token, an unknown repository and an unknown branch apart', async () => {
    const url = await server.createRepository('errors');
    const wrong = await expectGitError(publish(url, { remote: remote(url, 'not-the-token') }), 'git_auth_failed');
    expect(wrong.message).toMatch(/refused the token/);
    const missing = await expectGitError(publish(url, { remote: remote(url, null) }), 'git_auth_failed');
    expect(missing.message).toMatch(/asks for a token/);
    await expectGitError(publish(`${server.url}/nowhere.git`), 'git_not_found');
    const noBranch = await expectGitError(publish(url, { targetBranch: 'trunk' }), 'git_branch_not_found');
    expect(noBranch.message).toContain('"trunk"');
    await expectGitError(readMarkdownFiles({ remote: remote(url), branch: 'trunk', folder: '' }), 'git_branch_not_found');
    await expectGitError(readMarkdownFiles({ remote: remote(url, 'not-the-token'), branch: 'main', folder: '' }), 'git_auth_failed');
    await expectGitError(publish(url, { branch: '--upload-pack=touch /tmp/x' }), 'git_failed');
    const withCredentials = url.replace('http://', `http://x-access-token:${token}@`);
    await expectGitError(publish(withCredentials, { remote: remote(withCredentials) }), 'git_not_found');
    expect(await headOf(url, branch)).toBeNull();
  });

  it('answers git_forbidden when the token may read but not push', async () => {
    const url = await server.createRepository('read-only');
    await expectGitError(publish(url, { remote: remote(url, readOnlyToken) }), 'git_forbidden');
    expect(await headOf(url, branch)).toBeNull();
    expect(await readMarkdownFiles({ remote: remote(url, readOnlyToken), branch: 'main', folder: '' })).toEqual([{ path: 'README.md', text: '# Community meetings\n' }]);
  });

  it('refuses to overwrite a branch that moved on meanwhile (git_rejected), and keeps the other commit', async () => {
    const url = await server.createRepository('race');
    await publish(url);
    let competing = '';
    const onProgress = async (phase: string) => {
      if (phase === 'pushing') competing = await pushFiles(url, { 'notes.md': 'Someone else\n' }, branch);
    };
    await expectGitError(publish(url, { content: '# Call, edited\n', onProgress }), 'git_rejected');
    expect(competing).toMatch(/^[0-9a-f]{40}$/);
    expect(await headOf(url, branch)).toBe(competing);

    // A branch that another publish created meanwhile is refused the same way.
    const fresh = 'roundtable/2021-07-14-abc';
    const onFreshProgress = async (phase: string) => {
      if (phase === 'pushing') competing = await publish(url, { branch: fresh, content: 'first\n' }).then((result) => result.commit);
    };
    await expectGitError(publish(url, { branch: fresh, content: 'second\n', onProgress: onFreshProgress }), 'git_rejected');
    expect(await headOf(url, fresh)).toBe(competing);
  });

  it('answers git_unreachable for a closed port and git_timeout, quickly, for a host that never answers', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const closedPort = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    await expectGitError(publish(`http://127.0.0.1:${closedPort}/minutes.git`), 'git_unreachable');

    const sockets = new Set<Socket>();
    const silent: Server = createServer((socket) => sockets.add(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const silentUrl = `http://127.0.0.1:${(silent.address() as AddressInfo).port}/minutes.git`;
    try {
      const started = Date.now();
      await expectGitError(publish(silentUrl, { limits: { timeoutMs: 1500 } }), 'git_timeout');
      await expectGitError(readMarkdownFiles({ remote: remote(silentUrl), branch: 'main', folder: '', limits: { timeoutMs: 1500 } }), 'git_timeout');
      expect(Date.now() - started).toBeLessThan(8_000);
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
  });

  it('stops a clone that outgrows the size limit (git_too_large)', async () => {
    const url = await server.createRepository('large');
    await pushFiles(url, { 'data/random.bin': randomBytes(4 * 1024 * 1024) });
    const limits = { maxRepositoryBytes: 1024 * 1024 };
    const tooLarge = await expectGitError(publish(url, { limits }), 'git_too_large');
    expect(tooLarge.message).toContain('1 MB');
    await expectGitError(readMarkdownFiles({ remote: remote(url), branch: 'main', folder: '', limits }), 'git_too_large');
    expect(await headOf(url, branch)).toBeNull();
  });

  it('downloads no unrelated files where the host filters blobs (partial clone)', async () => {
    const url = await server.createRepository('partial');
    await pushFiles(url, { 'data/random.bin': randomBytes(4 * 1024 * 1024), [recordPath]: '# Old\n', 'community-meetings/2021-07-06.md': '# Before\n' });
    await allowFilter('partial');
    const limits = { maxRepositoryBytes: 1024 * 1024 };
    const result = await publish(url, { limits });
    expect(result.changed).toBe(true);
    expect(await readFile(path.join(await cloneOf(url, branch), recordPath), 'utf8')).toBe('# Call\n');
    expect(await publish(url, { limits })).toEqual({ commit: result.commit, changed: false });
    const files = await readMarkdownFiles({ remote: remote(url), branch, folder: 'community-meetings', limits });
    expect(files).toEqual([
      { path: 'community-meetings/2021-07-06.md', text: '# Before\n' },
      { path: recordPath, text: '# Call\n' },
    ]);
  });

  it('reads at most 1000 files, fetching their blobs in one request, not one each', async () => {
    const url = await server.createRepository('many');
    const names = Array.from({ length: 1005 }, (_, index) => `community-meetings/${String(index).padStart(4, '0')}.md`);
    await pushFiles(url, Object.fromEntries(names.map((name) => [name, `# ${name}\n`])));
    await allowFilter('many');
    const before = server.requests.length;
    const files = await readMarkdownFiles({ remote: remote(url), branch: 'main', folder: 'community-meetings' });
    expect(files.map((file) => file.path)).toEqual(names.slice(0, 1000));
    expect(files[999]?.text).toBe('# community-meetings/0999.md\n');
    const uploadPacks = server.requests.slice(before).filter((request) => request.method === 'POST' && request.url.endsWith('/git-upload-pack'));
    // The clone's ref listing and fetch (protocol v2), then one fetch for all the files.
    expect(uploadPacks).toHaveLength(3);
  });

  it('publishes to and reads from a repository on disk, by file:// URL or by path', async () => {
    await server.createRepository('on-disk');
    const bare = path.join(server.root, 'on-disk.git');
    const byUrl = await publish(`file://${bare}`, { remote: remote(`file://${bare}`, null) });
    expect(byUrl.changed).toBe(true);
    const byPath = await publish(bare, { remote: remote(bare, null), content: '# Call, by path\n' });
    expect(byPath.changed).toBe(true);
    expect((await git(['log', '-1', '--format=%P', branch], bare)).stdout.trim()).toBe(byUrl.commit);
    expect(await readMarkdownFiles({ remote: remote(bare, null), branch, folder: 'community-meetings' })).toEqual([{ path: recordPath, text: '# Call, by path\n' }]);
    await expectGitError(publish(path.join(server.root, 'absent.git'), { remote: remote(path.join(server.root, 'absent.git'), null) }), 'git_not_found');
  });

  it('reads the Markdown files under a folder, nested ones too, sorted, and skips others, symlinks and files over 1 MB', async () => {
    const url = await server.createRepository('read');
    await pushFiles(url, {
      'community-meetings/2021-07-13.md': '# July\n',
      'community-meetings/2022/01-05.markdown': '# January — ünïcode\n',
      'community-meetings/2022/agenda.MD': '# Agenda\n',
      'community-meetings/notes.txt': 'not Markdown\n',
      'community-meetings/huge.md': `# Huge\n${'x'.repeat(1024 * 1024 + 10)}`,
      'community-meetings/link.md': { symlinkTo: '/etc/passwd' },
      'community-meetings-old/2019.md': '# Old\n',
      'docs/guide.md': '# Guide\n',
    });
    const phases: string[] = [];
    const files = await readMarkdownFiles({ remote: remote(url), branch: 'main', folder: 'community-meetings/', onProgress: (phase) => void phases.push(phase) });
    expect(phases).toEqual(['cloning', 'reading']);
    expect(files).toEqual([
      { path: 'community-meetings/2021-07-13.md', text: '# July\n' },
      { path: 'community-meetings/2022/01-05.markdown', text: '# January — ünïcode\n' },
      { path: 'community-meetings/2022/agenda.MD', text: '# Agenda\n' },
    ]);
    const everything = await readMarkdownFiles({ remote: remote(url), branch: 'main', folder: '' });
    expect(everything.map((file) => file.path)).toEqual([
      'README.md',
      'community-meetings-old/2019.md',
      'community-meetings/2021-07-13.md',
      'community-meetings/2022/01-05.markdown',
      'community-meetings/2022/agenda.MD',
      'docs/guide.md',
    ]);
    expect(await readMarkdownFiles({ remote: remote(url), branch: 'main', folder: 'nothing-here' })).toEqual([]);
  });

  it('never puts the token in an error message, and leaves no temporary folder behind', async () => {
    expect(failures.length).toBeGreaterThanOrEqual(16);
    const forms = [token, Buffer.from(`x-access-token:${token}`).toString('base64'), readOnlyToken];
    for (const failure of failures) for (const form of forms) expect(failure.message).not.toContain(form);
    expect(await countTemporary()).toBe(temporaryBefore);
  });
});
