import { mkdtemp, rm } from 'node:fs/promises';
import { createServer as createTcpServer, type AddressInfo, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callReadSchema, createdCallWithNoticesSchema, MAX_ARCHIVE_BYTES } from '@/lib/protocol';
import { git } from '../../testing/git-http-server';
import { sampleCall, startTestServer } from '../../testing/test-server';
import { MAX_BODY_BYTES, MAX_UPLOAD_BYTES } from './http-utils';
import { checkedDocumentSchema, OpenApiConformance } from './openapi-conformance';
import { apiRoutes, buildApi, routerPathOf } from './router';

let server: Awaited<ReturnType<typeof startTestServer>>;
let conformance: OpenApiConformance;
let rawDocument: unknown;
/** Where the publishing endpoints find their repositories (on the server's disk, so only git itself is needed). */
let repositories: string;

beforeAll(async () => {
  repositories = await mkdtemp(path.join(tmpdir(), 'roundtable-openapi-git-'));
  server = await startTestServer({ server: { publishing: { localRepositoryRoots: [repositories], git: { timeoutMs: 2000 } } } });
  const response = await fetch(`${server.url}/api/openapi.json`);
  rawDocument = await response.clone().json();
  conformance = new OpenApiConformance(checkedDocumentSchema.parse(rawDocument));
  await conformance.check('GET', response);
});
afterAll(async () => {
  await server.close();
  await rm(repositories, { recursive: true, force: true });
});

type Options = { body?: BodyInit; contentType?: string; headers?: Record<string, string> };

/** Calls the API for real and checks the answer against the document; returns the status and the checked body. */
async function call(method: string, path: string, { body, contentType, headers = {} }: Options = {}) {
  const response = await fetch(`${server.url}${path}`, { method, body, headers: { ...(contentType ? { 'content-type': contentType } : {}), ...headers } });
  return { status: response.status, body: await conformance.check(method, response) };
}
const postJson = (path: string, body: unknown, headers: Record<string, string> = {}) => call('POST', path, { body: JSON.stringify(body), contentType: 'application/json', headers });

async function createCall(body: unknown = sampleCall) {
  const { status, body: created } = await postJson('/api/calls', body);
  expect(status).toBe(201);
  const parsed = createdCallWithNoticesSchema.parse(created);
  return { ...parsed, key: new URL(parsed.hostUrl).hash.replace('#key=', '') };
}

describe('the OpenAPI document', () => {
  it('describes every route the router mounts, with the host key as a security scheme', () => {
    const mounted = buildApi(apiRoutes).routes.filter((route) => route.method !== 'ALL' && route.path !== '/*');
    expect(mounted.length).toBeGreaterThan(0);
    const documented = Object.entries(conformance.document.paths).flatMap(([path, operations]) => Object.keys(operations).map((method) => `${method.toUpperCase()} ${routerPathOf(path)}`));
    expect(mounted.map((route) => `${route.method} ${route.path}`).sort()).toEqual(documented.sort());
    const operationIds = apiRoutes.map((route) => route.operationId);
    expect(new Set(operationIds).size).toBe(operationIds.length);
    expect(rawDocument).toMatchObject({
      components: { securitySchemes: { hostKey: { type: 'http', scheme: 'bearer' }, hostKeyQuery: { type: 'apiKey', in: 'query', name: 'key' } } },
      paths: { '/api/calls/{slug}/attendees.csv': { get: { security: [{ hostKey: [] }, { hostKeyQuery: [] }] } } },
    });
    // Every operation takes the caller's request id and every response documents the one it carries.
    type Operation = { parameters: unknown[]; responses: Record<string, { headers: object }> };
    for (const operations of Object.values((rawDocument as { paths: Record<string, Record<string, Operation>> }).paths)) {
      for (const operation of Object.values(operations)) {
        expect(operation.parameters).toContainEqual({ $ref: '#/components/parameters/RequestId' });
        for (const response of Object.values(operation.responses)) expect(response.headers).toHaveProperty('x-request-id');
      }
    }
  });
});

describe('every endpoint answers as the OpenAPI document says', () => {
  it('health and readiness', async () => {
    expect((await call('GET', '/api/health')).status).toBe(200);
    expect((await call('GET', '/api/ready')).status).toBe(200);
  });

  it('POST /api/calls from JSON, Markdown and a document in JSON, and its errors', async () => {
    await createCall();
    const markdown = await call('POST', '/api/calls?timezone=Europe/Berlin', { body: '# Release call\n\n## News\n- Release 1.2\n', contentType: 'text/markdown' });
    expect(markdown.status).toBe(201);
    expect(createdCallWithNoticesSchema.parse(markdown.body).notices.length).toBeGreaterThan(0);
    expect((await postJson('/api/calls', { markdown: '# Call\n\n## A\n- b\n', filename: '2026-01-05.md' })).status).toBe(201);

    expect((await postJson('/api/calls', { title: '' })).status).toBe(400);
    expect((await call('POST', '/api/calls', { body: '{', contentType: 'application/json' })).status).toBe(400);
    expect((await call('POST', '/api/calls', { body: '<p>call</p>', contentType: 'text/html' })).status).toBe(415);
    expect((await call('POST', '/api/calls', { body: 'x'.repeat(MAX_UPLOAD_BYTES + 1), contentType: 'text/markdown' })).status).toBe(413);

    const { slug } = await createCall();
    expect((await postJson(`/api/calls?seriesOf=${slug}`, sampleCall)).status).toBe(403);
    expect((await postJson('/api/calls?seriesOf=nosuchcall', sampleCall, { authorization: 'Bearer some-key' })).status).toBe(404);
  });

  it('GET /api/calls and its errors', async () => {
    // Upcoming whatever today is: the sample call's own date has passed.
    await createCall({ ...sampleCall, startsAt: '2036-12-04T17:30' });
    const { status, body } = await call('GET', '/api/calls?view=upcoming&limit=1');
    expect(status).toBe(200);
    expect(body).toMatchObject({ view: 'upcoming', calls: [expect.objectContaining({ title: sampleCall.title })] });
    expect((await call('GET', '/api/calls?limit=0')).status).toBe(400);
    expect((await call('GET', '/api/calls?cursor=123.x!')).status).toBe(400);
  });

  it('GET /api/calls/{slug} and its downloads', async () => {
    const { slug, key } = await createCall();
    const read = await call('GET', `/api/calls/${slug}`);
    expect(read.status).toBe(200);
    expect(callReadSchema.parse(read.body).call.slug).toBe(slug);
    for (const download of ['agenda.md', 'minutes.md', 'calendar.ics']) {
      expect((await call('GET', `/api/calls/${slug}/${download}`)).status).toBe(200);
    }
    expect((await call('GET', `/api/calls/${slug}/attendees.csv`, { headers: { authorization: `Bearer ${key}` } })).status).toBe(200);
    expect((await call('GET', `/api/calls/${slug}/attendees.csv?key=${key}`)).status).toBe(200);
    expect((await call('GET', `/api/calls/${slug}/attendees.csv?key=wrong`)).status).toBe(403);

    for (const path of ['', '/agenda.md', '/minutes.md', '/calendar.ics', '/attendees.csv']) {
      expect((await call('GET', `/api/calls/nosuchcall${path}`)).status).toBe(404);
    }
    const { slug: undated } = await createCall({ ...sampleCall, startsAt: undefined });
    expect((await call('GET', `/api/calls/${undated}/calendar.ics`)).status).toBe(409);
  });

  it('POST /api/calls/{slug}/next and its errors', async () => {
    const { slug, key } = await createCall();
    expect((await postJson(`/api/calls/${slug}/next`, { key, startsAt: '2030-01-07T17:30' })).status).toBe(201);
    expect((await postJson(`/api/calls/${slug}/next`, { key: 'wrong' })).status).toBe(403);
    expect((await postJson('/api/calls/nosuchcall/next', { key })).status).toBe(404);
    expect((await postJson(`/api/calls/${slug}/next`, { key, startsAt: 'soon' })).status).toBe(400);
    expect((await call('POST', `/api/calls/${slug}/next`, { body: 'key', contentType: 'text/plain' })).status).toBe(415);
    expect((await call('POST', `/api/calls/${slug}/next`, { body: 'x'.repeat(MAX_BODY_BYTES + 1), contentType: 'application/json' })).status).toBe(413);
  });

  it('the action item endpoints and their errors', async () => {
    const { slug, key } = await createCall();
    expect((await postJson(`/api/calls/${slug}/next`, { key })).status).toBe(201);
    const { seriesId } = callReadSchema.parse((await call('GET', `/api/calls/${slug}`)).body);
    expect(seriesId).toEqual(expect.any(String));
    expect((await call('GET', `/api/series/${seriesId}/actions`)).status).toBe(200);
    expect((await call('GET', `/api/series/${seriesId}/actions?state=done`)).status).toBe(200);
    expect((await call('GET', `/api/series/${seriesId}/actions?state=closed`)).status).toBe(400);
    expect((await call('GET', '/api/series/nosuchseries/actions')).status).toBe(404);
    expect((await call('GET', `/api/calls/${slug}/actions.md`)).status).toBe(200);
    expect((await call('GET', '/api/calls/nosuchcall/actions.md')).status).toBe(404);
  });

  it('the series export and import endpoints and their errors', async () => {
    const { slug, key } = await createCall();
    expect((await postJson(`/api/calls/${slug}/next`, { key })).status).toBe(201);
    const { seriesId } = callReadSchema.parse((await call('GET', `/api/calls/${slug}`)).body);
    const host = { authorization: `Bearer ${key}` };
    expect((await call('GET', `/api/series/${seriesId}/export`, { headers: host })).status).toBe(200);
    expect((await call('GET', `/api/series/${seriesId}/export`, { headers: { authorization: 'Bearer wrong' } })).status).toBe(403);
    expect((await call('GET', '/api/series/nosuchseries/export', { headers: host })).status).toBe(404);
    expect((await call('GET', `/api/calls/${slug}/export`, { headers: host })).status).toBe(200);
    expect((await call('GET', `/api/calls/${slug}/export`)).status).toBe(403);
    expect((await call('GET', '/api/calls/nosuchcall/export', { headers: host })).status).toBe(404);

    const archive = await (await fetch(`${server.url}/api/series/${seriesId}/export`, { headers: host })).arrayBuffer();
    expect((await call('POST', '/api/series/import', { body: archive, contentType: 'application/zip' })).status).toBe(201);
    expect((await call('POST', '/api/series/import', { body: 'not a zip', contentType: 'application/zip' })).status).toBe(400);
    expect((await call('POST', '/api/series/import', { body: archive, contentType: 'application/json' })).status).toBe(415);
    expect((await call('POST', '/api/series/import', { body: new Uint8Array(MAX_ARCHIVE_BYTES + 1), contentType: 'application/zip' })).status).toBe(413);
  });

  it('the publishing endpoints and their errors', async () => {
    const { slug, key } = await createCall();
    const host = { authorization: `Bearer ${key}` };
    const settings = (body: unknown, slugOf = slug) => call('PUT', `/api/calls/${slugOf}/publishing`, { body: JSON.stringify(body), contentType: 'application/json', headers: host });
    const run = (what: 'publish' | 'publishing/import', slugOf = slug, headers = host) => call('POST', `/api/calls/${slugOf}/${what}`, { headers });

    expect((await call('GET', `/api/calls/${slug}/publishing`, { headers: host })).status).toBe(200);
    for (const what of ['publish', 'publishing/import'] as const) {
      expect((await run(what)).status).toBe(409); // no repository yet
      expect((await run(what, slug, { authorization: 'Bearer wrong' })).status).toBe(403);
      expect((await run(what, 'nosuchcall')).status).toBe(404);
    }
    expect((await call('GET', `/api/calls/${slug}/publishing`)).status).toBe(403);
    expect((await call('GET', '/api/calls/nosuchcall/publishing', { headers: host })).status).toBe(404);
    expect((await settings({ forgetToken: true }, 'nosuchcall')).status).toBe(404);
    expect((await call('PUT', `/api/calls/${slug}/publishing`, { body: '{}', contentType: 'application/json' })).status).toBe(403);
    expect((await settings({ repository: { url: 'ftp://example.org/minutes' } })).status).toBe(400);
    expect((await call('PUT', `/api/calls/${slug}/publishing`, { body: 'x', contentType: 'text/plain', headers: host })).status).toBe(415);
    expect((await call('PUT', `/api/calls/${slug}/publishing`, { body: 'x'.repeat(MAX_BODY_BYTES + 1), contentType: 'application/json', headers: host })).status).toBe(413);

    const bare = path.join(repositories, 'minutes.git');
    await git(['init', '--bare', '--initial-branch=main', bare]);
    const work = path.join(repositories, 'work');
    await git(['clone', bare, work]);
    await git(['commit', '--allow-empty', '-m', 'Start'], work);
    await git(['push', 'origin', 'HEAD:main'], work);
    expect((await settings({ repository: { url: `file://${bare}` } })).status).toBe(200);
    expect((await run('publish')).status).toBe(200);
    expect((await run('publishing/import')).status).toBe(200);

    const { slug: undated, key: undatedKey } = await createCall({ ...sampleCall, startsAt: undefined });
    const undatedHost = { authorization: `Bearer ${undatedKey}` };
    await call('PUT', `/api/calls/${undated}/publishing`, { body: JSON.stringify({ repository: { url: bare } }), contentType: 'application/json', headers: undatedHost });
    expect((await run('publish', undated, undatedHost)).status).toBe(400);

    // Nothing listens on port 9 of the loopback: the Git host is unreachable.
    expect((await settings({ repository: { url: 'http://127.0.0.1:9/minutes.git' } })).status).toBe(200);
    expect((await run('publish')).status).toBe(502);
    expect((await run('publishing/import')).status).toBe(502);
    // A host that takes the connection and never answers: the Git step times out.
    const held: Socket[] = [];
    const silent = createTcpServer((socket) => held.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      expect((await settings({ repository: { url: `http://127.0.0.1:${(silent.address() as AddressInfo).port}/minutes.git` } })).status).toBe(200);
      expect((await run('publish')).status).toBe(504);
      expect((await run('publishing/import')).status).toBe(504);
    } finally {
      for (const socket of held) socket.destroy();
      silent.close();
    }

    const keyless = await startTestServer({ server: { secretKey: undefined } });
    try {
      const created = createdCallWithNoticesSchema.parse(await (await fetch(`${keyless.url}/api/calls`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(sampleCall) })).json());
      const keylessHost = { authorization: `Bearer ${new URL(created.hostUrl).hash.replace('#key=', '')}` };
      const body = JSON.stringify({ repository: { url: 'https://203.0.113.10/jenkinsci/community.git' }, token: 'a-token' });
      const refused = await fetch(`${keyless.url}/api/calls/${created.slug}/publishing`, { method: 'PUT', headers: { ...keylessHost, 'content-type': 'application/json' }, body });
      expect(refused.status).toBe(409);
      await conformance.check('PUT', refused);
    } finally {
      await keyless.close();
    }
  });

  it('DELETE /api/calls/{slug} and its errors', async () => {
    const { slug, key } = await createCall();
    expect((await call('DELETE', `/api/calls/${slug}`, { headers: { authorization: 'Bearer not-the-key' } })).status).toBe(403);
    expect((await call('DELETE', `/api/calls/${slug}`, { headers: { authorization: `Bearer ${key}` } })).status).toBe(200);
    expect((await call('DELETE', `/api/calls/${slug}`, { headers: { authorization: `Bearer ${key}` } })).status).toBe(404);
  });

  it('answers an unknown path with 404 and a known path with another method with 405, in the error body', async () => {
    for (const [method, path, status] of [
      ['GET', '/api/nothing-here', 404],
      ['DELETE', '/api/calls', 405],
      ['PUT', '/api/calls/abc/next', 405],
      ['HEAD', '/api/health', 405],
    ] as const) {
      const response = await fetch(`${server.url}${path}`, { method });
      expect(response.status).toBe(status);
      if (method !== 'HEAD') await conformance.checkError(response);
    }
  });

  it('answers over the rate limit with 429 and retry-after', async () => {
    const limited = await startTestServer({ rateLimits: { apiPerMinute: 1 } });
    try {
      await fetch(`${limited.url}/api/calls`);
      const refused = await fetch(`${limited.url}/api/calls`);
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      await conformance.check('GET', refused);
    } finally {
      await limited.close();
    }
  });
});

describe('coverage', () => {
  it('exercised every documented operation with every status it documents, but for server failures', () => {
    const seen = new Set(conformance.exercised.map(({ method, path, status }) => `${method} ${path} ${status}`));
    const missing = Object.entries(conformance.document.paths).flatMap(([path, operations]) =>
      Object.entries(operations).flatMap(([method, operation]) =>
        Object.keys(operation.responses)
          .filter((status) => !['429', '500', '503'].includes(status))
          .map((status) => `${method} ${path} ${status}`)
          .filter((key) => !seen.has(key)),
      ),
    );
    expect(missing).toEqual([]);
  });
});
