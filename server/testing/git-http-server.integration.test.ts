import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { git, startGitHttpServer } from './git-http-server';
import { checkServices } from './services';

// The publishing tests (issue 14) run against this server; it needs Debian's git and its http-backend.
const services = await checkServices('Git smart-HTTP tests', { git: true });

describe.skipIf(services.shouldSkip)('the test Git smart-HTTP server', () => {
  const token = 'test-token-1234';
  let server: Awaited<ReturnType<typeof startGitHttpServer>>;
  let work: string;
  beforeAll(async () => {
    services.assertServices();
    server = await startGitHttpServer({ token });
    work = await mkdtemp(path.join(tmpdir(), 'roundtable-git-client-'));
  });
  afterAll(async () => {
    await server?.close();
    await rm(work, { recursive: true, force: true });
  });

  const withToken = (url: string, secret: string) => url.replace('http://', `http://x-access-token:${secret}@`);

  it('lets a client with the token clone and push a branch, and another clone read it', async () => {
    const url = await server.createRepository('minutes');
    const first = path.join(work, 'first');
    await git(['clone', '--depth', '1', '--single-branch', '--branch', 'main', withToken(url, token), first]);
    expect(await readFile(path.join(first, 'README.md'), 'utf8')).toBe('# Community meetings\n');
    await git(['checkout', '-b', 'roundtable/2021-07-13-abc'], first);
    await writeFile(path.join(first, '2021-07-13.md'), '# Call\n');
    await git(['add', '.'], first);
    await git(['commit', '-m', 'Minutes'], first);
    await git(['push', 'origin', 'roundtable/2021-07-13-abc'], first);

    const second = path.join(work, 'second');
    await git(['clone', '--branch', 'roundtable/2021-07-13-abc', withToken(url, token), second]);
    expect(await readFile(path.join(second, '2021-07-13.md'), 'utf8')).toBe('# Call\n');
    expect((await git(['log', '--format=%s', '-1'], second)).stdout.trim()).toBe('Minutes');
  });

  it('refuses a wrong or missing token', async () => {
    const url = await server.createRepository('private');
    await expect(git(['clone', withToken(url, 'wrong'), path.join(work, 'wrong')])).rejects.toThrow(/Authentication failed|401/);
    await expect(git(['clone', url, path.join(work, 'none')])).rejects.toThrow();
  });
});
