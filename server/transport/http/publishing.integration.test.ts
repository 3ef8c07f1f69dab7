import { createHmac } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { publishingSettingsSchema, publishResultSchema, importResultSchema, type PublishProgress } from '@/lib/protocol';
import { git, startGitHttpServer } from '../../testing/git-http-server';
import { checkServices } from '../../testing/services';
import { callWithHost, createCall, sendOk, startTestServer, type TestClient } from '../../testing/test-server';

const services = await checkServices('publishing to Git repositories', { git: true });

const TOKEN = 'ghp_publishing-test-token-5f2c9e';

type Server = Awaited<ReturnType<typeof startTestServer>>;

function api(server: Server, slug: string, key: string) {
  const call = (method: string, suffix: string, body?: unknown) =>
    fetch(`${server.url}/api/calls/${slug}${suffix}`, {
      method,
      headers: { authorization: `Bearer ${key}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  return {
    read: () => call('GET', '/publishing'),
    update: (body: unknown) => call('PUT', '/publishing', body),
    publish: () => call('POST', '/publish'),
    importPast: () => call('POST', '/publishing/import'),
  };
}

async function text(response: Response) {
  return { status: response.status, text: await response.text() };
}

/** Clones `branch` of `url` with the token and returns the folder. */
async function cloneBranch(work: string, url: string, branch: string): Promise<string> {
  const folder = await mkdtemp(path.join(work, 'clone-'));
  await git(['clone', '--branch', branch, url.replace('http://', `http://x:${TOKEN}@`), folder]);
  return folder;
}

/** Everything the server process printed while `run` ran. */
async function capturingLogs<T>(run: () => Promise<T>): Promise<{ result: T; logs: string }> {
  const lines: string[] = [];
  const spies = (['log', 'info', 'warn', 'error', 'debug'] as const).map((level) =>
    vi.spyOn(console, level).mockImplementation((...args: unknown[]) => {
      lines.push(args.map((arg) => (arg instanceof Error ? `${arg.message} ${arg.stack}` : typeof arg === 'string' ? arg : JSON.stringify(arg))).join(' '));
    }),
  );
  try {
    return { result: await run(), logs: lines.join('\n') };
  } finally {
    for (const spy of spies) spy.mockRestore();
  }
}

function progressOf(client: TestClient): PublishProgress[] {
  const seen: PublishProgress[] = [];
  client.on('publish:progress', (progress) => seen.push(progress));
  return seen;
}

describe.skipIf(services.shouldSkip)('publishing a call record to a Git repository', () => {
  let server: Server;
  let gitServer: Awaited<ReturnType<typeof startGitHttpServer>>;
  let work: string;
  beforeAll(async () => {
    services.assertServices();
    gitServer = await startGitHttpServer({ token: TOKEN });
    work = await mkdtemp(path.join(tmpdir(), 'roundtable-publishing-test-'));
    server = await startTestServer({ server: { publishing: { localRepositoryRoots: [work], git: { timeoutMs: 20_000 } } } });
  });
  afterAll(async () => {
    await server?.close();
    await gitServer?.close();
    await rm(work, { recursive: true, force: true });
  });

  async function setUp(repository = 'minutes') {
    const url = await gitServer.createRepository(repository);
    const { created, host } = await callWithHost(server);
    const calls = api(server, created.slug, created.keys.host);
    const saved = await calls.update({ repository: { url, authorName: 'Jenkins bot', authorEmail: 'bot@jenkins.io' }, token: TOKEN });
    expect(saved.status, await saved.clone().text()).toBe(200);
    return { url, created, host, calls };
  }

  it('keeps the token write-only: stored sealed, never in an answer, with hasToken and forget token', async () => {
    const { created, calls } = await setUp('write-only');
    const read = await text(await calls.read());
    expect(read.status).toBe(200);
    expect(read.text).not.toContain(TOKEN);
    const settings = publishingSettingsSchema.parse(JSON.parse(read.text));
    expect(settings).toMatchObject({ hasToken: true, canStoreTokens: true, repository: { targetBranch: 'main', pathTemplate: 'community-meetings/{yyyy}-{mm}-{dd}.md' } });
    expect(settings.target).toMatchObject({ branch: expect.stringMatching(new RegExp(`^roundtable/\\d{4}-\\d{2}-\\d{2}-${created.slug}$`)) });
    // Changing other settings keeps the token; forgetting removes it.
    expect(publishingSettingsSchema.parse(await (await calls.update({ webhooks: [] })).json()).hasToken).toBe(true);
    expect(publishingSettingsSchema.parse(await (await calls.update({ forgetToken: true })).json()).hasToken).toBe(false);
  });

  it('asks for the token again when the server’s key changed, instead of sending a garbled one', async () => {
    const { created } = await setUp('rekeyed');
    const rekeyed = await startTestServer({ directory: server.directory, server: { secretKey: 'another-secret-key-of-at-least-32-characters', publishing: { localRepositoryRoots: [work] } } });
    try {
      const calls = api(rekeyed, created.slug, created.keys.host);
      const refused = await calls.publish();
      expect(refused.status).toBe(409);
      expect((await refused.json()).error).toMatchObject({ code: 'no_secret_key', message: expect.stringContaining('Set the token again') });
      expect((await calls.update({ token: TOKEN })).status).toBe(200);
      expect(publishResultSchema.parse(await (await calls.publish()).json()).changed).toBe(true);
    } finally {
      await rekeyed.close();
    }
  });

  it('refuses anyone but the host', async () => {
    const { created } = await setUp('hosts-only');
    for (const key of [created.keys.scribe, 'not-a-key']) {
      const calls = api(server, created.slug, key);
      for (const response of [await calls.read(), await calls.update({ forgetToken: true }), await calls.publish(), await calls.importPast()]) {
        expect(response.status).toBe(403);
        expect((await response.json()).error.code).toBe('forbidden');
      }
    }
  });

  it('publishes the record on its branch, adds a commit only when the record changed, and tells the host how it goes', async () => {
    const { url, created, host, calls } = await setUp('publish');
    const progress = progressOf(host);
    const { result: first, logs } = await capturingLogs(async () => publishResultSchema.parse(await (await calls.publish()).json()));
    expect(first).toMatchObject({ changed: true, branch: expect.stringMatching(/^roundtable\//), path: expect.stringMatching(/^community-meetings\/\d{4}-\d{2}-\d{2}\.md$/) });
    expect(first.compareUrl).toBeNull(); // 127.0.0.1 is no known Git host
    expect(logs).not.toContain(TOKEN);

    const clone = await cloneBranch(work, url, first.branch);
    const record = await (await fetch(`${server.url}/api/calls/${created.slug}/minutes.md`)).text();
    expect(await readFile(path.join(clone, first.path), 'utf8')).toBe(record);
    const { stdout: head } = await git(['log', '-1', '--format=%H|%an|%ae|%s'], clone);
    expect(head.trim()).toBe(`${first.commit}|Jenkins bot|bot@jenkins.io|Minutes of Jenkins community call (${first.path.slice(19, 29)})`);
    await vi.waitFor(() => expect(progress.map((step) => step.phase)).toEqual(['cloning', 'committing', 'pushing', 'done']));
    expect(JSON.stringify(progress)).not.toContain(TOKEN);

    const again = publishResultSchema.parse(await (await calls.publish()).json());
    expect(again).toMatchObject({ changed: false, commit: first.commit, publishedAt: first.publishedAt });

    await sendOk(host, 'qa:ask', { text: 'When is the next LTS?' });
    const third = publishResultSchema.parse(await (await calls.publish()).json());
    expect(third.changed).toBe(true);
    const { stdout: parents } = await git(['log', '--format=%H %P', `${third.commit}`, '-2'], await cloneBranch(work, url, first.branch));
    expect(parents.trim().split('\n')[0]).toBe(`${third.commit} ${first.commit}`);
    const settings = publishingSettingsSchema.parse(await (await calls.read()).json());
    expect(settings.lastPublication).toMatchObject({ commit: third.commit, branch: first.branch, path: first.path });
  });

  it('pushes straight to the target branch when the series asks for it', async () => {
    const { url, calls } = await setUp('straight');
    await calls.update({ repository: { url, pushToTarget: true, pathTemplate: 'notes/{slug}.md' } });
    const result = publishResultSchema.parse(await (await calls.publish()).json());
    expect(result).toMatchObject({ branch: 'main', compareUrl: null, changed: true });
    const clone = await cloneBranch(work, url, 'main');
    expect(await readFile(path.join(clone, 'README.md'), 'utf8')).toBe('# Community meetings\n');
    expect(await readFile(path.join(clone, result.path), 'utf8')).toContain('Jenkins community call');
  });

  it('answers a wrong token, an unknown repository or branch with a clear code, loses nothing, and publishes once fixed', async () => {
    const { url, created, calls } = await setUp('failures');
    const before = await (await fetch(`${server.url}/api/calls/${created.slug}/minutes.md`)).text();
    const cases: [unknown, number, string][] = [
      [{ token: 'wrong-token' }, 502, 'git_auth_failed'],
      [{ token: TOKEN, repository: { url: `${gitServer.url}/nowhere.git` } }, 502, 'git_not_found'],
      [{ repository: { url, targetBranch: 'trunk' } }, 502, 'git_branch_not_found'],
      [{ repository: { url: 'http://127.0.0.1:9/closed.git' } }, 502, 'git_unreachable'],
    ];
    for (const [settings, status, code] of cases) {
      expect((await calls.update(settings)).status).toBe(200);
      const { result: response, logs } = await capturingLogs(async () => text(await calls.publish()));
      expect(response.status, response.text).toBe(status);
      expect(JSON.parse(response.text).error.code).toBe(code);
      expect(response.text + logs).not.toContain(TOKEN);
      expect(response.text + logs).not.toContain('wrong-token');
    }
    expect(await (await fetch(`${server.url}/api/calls/${created.slug}/minutes.md`)).text()).toBe(before);
    expect(publishingSettingsSchema.parse(await (await calls.read()).json())).toMatchObject({ lastPublication: null, isBusy: false });
    await calls.update({ repository: { url } });
    expect((await calls.publish()).status).toBe(200);
  });

  it('runs one publish at a time per series', async () => {
    const { calls } = await setUp('busy');
    const answers = await Promise.all([calls.publish(), calls.publish()]);
    const statuses = answers.map((answer) => answer.status).sort();
    expect(statuses).toEqual([200, 409]);
    const refused = answers.find((answer) => answer.status === 409)!;
    expect((await refused.json()).error.code).toBe('busy');
    expect((await calls.publish()).status).toBe(200);
  });

  it('refuses a path template that leaves the repository, a local repository outside the allowed folders, and a call without the date its path needs', async () => {
    const { url, calls, created } = await setUp('paths');
    const outside = await calls.update({ repository: { url, pathTemplate: '../{slug}.md' } });
    expect(outside.status).toBe(400);
    expect((await outside.json()).error.issues[0].path).toBe('repository.pathTemplate');
    const local = await calls.update({ repository: { url: '/etc/roundtable.git' } });
    expect(local.status).toBe(400);
    expect((await local.json()).error.issues).toEqual([{ path: 'repository.url', message: expect.stringContaining('ROUNDTABLE_LOCAL_REPOSITORIES') }]);

    const undated = await createCall(server.url, { title: 'Undated call', timezone: 'UTC', plannedMinutes: 30, sections: [] });
    const undatedCalls = api(server, undated.slug, undated.keys.host);
    await undatedCalls.update({ repository: { url }, token: TOKEN });
    const response = await undatedCalls.publish();
    expect(response.status).toBe(400);
    expect((await response.json()).error.message).toContain('no date');
    expect((await api(server, created.slug, created.keys.host).publish()).status).toBe(200);
  });

  it('publishes to a repository on the server’s disk under ROUNDTABLE_LOCAL_REPOSITORIES', async () => {
    const bare = path.join(work, 'local.git');
    await git(['clone', '--bare', (await gitServer.createRepository('to-copy')).replace('http://', `http://x:${TOKEN}@`), bare]);
    const { created } = await callWithHost(server);
    const calls = api(server, created.slug, created.keys.host);
    expect((await calls.update({ repository: { url: `file://${bare}` } })).status).toBe(200);
    const result = publishResultSchema.parse(await (await calls.publish()).json());
    const { stdout } = await git(['show', `${result.commit}:${result.path}`], bare);
    expect(stdout).toContain('Jenkins community call');
  });

  it('imports the past calls kept in the repository once, skipping what is not a meeting', async () => {
    const { url, calls, host } = await setUp('archive');
    const source = await cloneBranch(work, url, 'main');
    await mkdir(path.join(source, 'community-meetings'));
    const corpus = ['flatcar-2.md', 'flatcar-3.md', 'wasm-1.md'];
    for (const [index, name] of corpus.entries()) {
      await writeFile(path.join(source, 'community-meetings', `2024-0${index + 1}-1${index}.md`), await readFile(path.resolve('lib/markdown/import/fixtures/corpus', name), 'utf8'));
    }
    await writeFile(path.join(source, 'community-meetings', 'README.md'), '# How we run meetings\n');
    await writeFile(path.join(source, 'community-meetings', 'logo.png'), 'not markdown');
    await git(['add', '.'], source);
    await git(['commit', '-m', 'Archive'], source);
    await git(['push', 'origin', 'main'], source);

    const progress = progressOf(host);
    const first = importResultSchema.parse(await (await calls.importPast()).json());
    expect(first.imported.map((file) => file.path)).toEqual(['community-meetings/2024-01-10.md', 'community-meetings/2024-02-11.md', 'community-meetings/2024-03-12.md']);
    expect(first.skipped).toEqual([{ path: 'community-meetings/README.md', reason: 'not a meeting document' }]);
    expect(first.failed).toEqual([]);
    for (const file of first.imported) {
      const { call } = await (await fetch(`${server.url}/api/calls/${file.slug}`)).json();
      expect(call.title).toBe(file.title);
    }
    await vi.waitFor(() => expect(progress.at(-1)).toMatchObject({ operation: 'import', phase: 'done', done: 4, total: 4 }));
    expect(progress.some((step) => step.phase === 'importing')).toBe(true);

    const second = importResultSchema.parse(await (await calls.importPast()).json());
    expect(second.imported).toEqual([]);
    expect(second.skipped.filter((file) => file.reason === 'already imported')).toHaveLength(3);
  });
});

describe.skipIf(services.shouldSkip)('a server as configured by default: no ROUNDTABLE_SECRET_KEY, no private network', () => {
  let server: Server;
  beforeAll(async () => {
    server = await startTestServer({ server: { secretKey: undefined, publishing: { allowPrivateNetwork: false }, webhooks: { allowPrivateNetwork: false } } });
  });
  afterAll(() => server?.close());

  it('refuses to store a token and saves nothing of that request', async () => {
    const { created } = await callWithHost(server);
    const calls = api(server, created.slug, created.keys.host);
    const refused = await calls.update({ repository: { url: 'https://203.0.113.10/jenkinsci/community.git' }, token: TOKEN });
    expect(refused.status).toBe(409);
    const body = await refused.json();
    expect(body.error.code).toBe('no_secret_key');
    expect(body.error.message).toContain('ROUNDTABLE_SECRET_KEY');
    expect(publishingSettingsSchema.parse(await (await calls.read()).json())).toMatchObject({ repository: null, hasToken: false, canStoreTokens: false });
  });

  it('will not send to its own machine or private network, so a call’s host cannot probe it', async () => {
    const { created } = await callWithHost(server);
    const calls = api(server, created.slug, created.keys.host);
    const refused = await calls.update({ repository: { url: 'http://169.254.169.254/latest.git' }, webhooks: [{ url: 'https://203.0.113.10/hook' }, { url: 'http://127.0.0.1:8080/hook' }] });
    expect(refused.status).toBe(400);
    const { error } = await refused.json();
    expect(error.issues.map((issue: { path: string }) => issue.path)).toEqual(['repository.url', 'webhooks.1.url']);
    expect(error.issues[0].message).toContain('ROUNDTABLE_ALLOW_PRIVATE_NETWORK');
    expect(publishingSettingsSchema.parse(await (await calls.read()).json())).toMatchObject({ repository: null, webhooks: [] });
  });
});

/** A local webhook receiver that records what it gets. */
async function startReceiver() {
  const received: { headers: Record<string, string | string[] | undefined>; body: string }[] = [];
  const receiver = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({ headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
      response.writeHead(204);
      response.end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`, received, close: () => new Promise<void>((resolve) => receiver.close(() => resolve())) };
}

describe.skipIf(services.shouldSkip)('webhooks of a series', () => {
  let server: Server;
  let gitServer: Awaited<ReturnType<typeof startGitHttpServer>>;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  beforeAll(async () => {
    gitServer = await startGitHttpServer({ token: TOKEN });
    receiver = await startReceiver();
    server = await startTestServer({ server: { webhooks: { pollMs: 50 } } });
  });
  afterEach(() => {
    receiver.received.length = 0;
  });
  afterAll(async () => {
    await server?.close();
    await receiver?.close();
    await gitServer?.close();
  });

  it('announces a started and ended call, a published record and a planned next call, signed with the webhook’s secret', async () => {
    const url = await gitServer.createRepository('hooks');
    const { created, host } = await callWithHost(server);
    const calls = api(server, created.slug, created.keys.host);
    const settings = publishingSettingsSchema.parse(await (await calls.update({ repository: { url }, token: TOKEN, webhooks: [{ url: receiver.url }] })).json());
    const secret = settings.webhooks[0]!.secret;

    await sendOk(host, 'call:start', {});
    await sendOk(host, 'call:end', {});
    const published = publishResultSchema.parse(await (await calls.publish()).json());
    const next = await fetch(`${server.url}/api/calls/${created.slug}/next`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ key: created.keys.host }),
    });
    expect(next.status).toBe(201);

    await vi.waitFor(() => expect(receiver.received).toHaveLength(4), { timeout: 5000 });
    const events = receiver.received.map(({ headers, body }) => {
      expect(headers['x-roundtable-signature']).toBe(`sha256=${createHmac('sha256', secret).update(body).digest('hex')}`);
      expect(headers['content-type']).toContain('application/json');
      return JSON.parse(body);
    });
    expect(events.map((event) => event.event).sort()).toEqual(['call.ended', 'call.scheduled', 'call.started', 'record.published']);
    for (const event of events) expect(typeof event.text).toBe('string');
    expect(events.find((event) => event.event === 'record.published')).toMatchObject({ publication: { commit: published.commit, path: published.path } });
    expect(JSON.stringify(events)).not.toContain(TOKEN);

    // The next call is in the same series: the host sees all four deliveries, newest first.
    await vi.waitFor(async () => {
      const [webhook] = publishingSettingsSchema.parse(await (await calls.read()).json()).webhooks;
      expect(webhook!.deliveries.map((delivery) => [delivery.status, delivery.responseStatus])).toEqual(Array(4).fill(['delivered', 204]));
    });
  });
});
