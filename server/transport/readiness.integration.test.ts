import { randomBytes } from 'node:crypto';
import { copyFile, mkdtemp, rename, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPostgresDatabase, type TestDatabase } from '../../prisma/test-databases';
import { startServer, type RunningServer } from '../app';
import { applyMigrations } from '../persistence/migrator';
import { startProxy } from '../testing/cluster-nodes';
import { checkServices, redisTestUrl } from '../testing/services';
import { startTestServer } from '../testing/test-server';
import { buildOpenApiDocument } from './http/openapi';
import { checkedDocumentSchema, OpenApiConformance } from './http/openapi-conformance';
import { apiRoutes } from './http/router';

type Proxy = Awaited<ReturnType<typeof startProxy>>;

const document = checkedDocumentSchema.parse(JSON.parse(JSON.stringify(buildOpenApiDocument(apiRoutes))));

/** GET /api/ready, its answer checked against the OpenAPI document, and GET /api/health's status. */
async function probe(baseUrl: string) {
  const response = await fetch(`${baseUrl}/api/ready`);
  const cacheControl = response.headers.get('cache-control');
  const body = (await new OpenApiConformance(document).check('GET', response)) as { ready: boolean; checks: Record<string, { ok: boolean; message?: string }> };
  const liveness = await fetch(`${baseUrl}/api/health`);
  return { status: response.status, body, cacheControl, livenessStatus: liveness.status };
}

/** Probes until `status` is answered (a dependency coming back takes a reconnect), or fails after 15 s. */
async function probeUntil(baseUrl: string, status: number) {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const answer = await probe(baseUrl);
    if (answer.status === status || Date.now() > deadline) return answer;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

const failing = (pattern: RegExp) => ({ ok: false, message: expect.stringMatching(pattern) });

describe('readiness on SQLite', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let file: string;
  beforeAll(async () => {
    // One API request a minute: the probes must not count against it.
    server = await startTestServer({ rateLimits: { apiPerMinute: 1 } });
    file = path.join(server.directory, 'test.db');
  });
  afterAll(() => server.close());

  it('is ready on a healthy server, not rate limited and never cached', async () => {
    for (let round = 0; round < 3; round += 1) {
      const answer = await probe(server.url);
      expect(answer).toEqual({
        status: 200,
        body: { ready: true, checks: { database: { ok: true }, migrations: { ok: true }, shutdown: { ok: true } } },
        cacheControl: 'no-store',
        livenessStatus: 200,
      });
    }
  });

  it('names the database when its file is removed or replaced, and is ready again once it is back', async () => {
    await rename(file, `${file}.moved`);
    const removed = await probe(server.url);
    expect(removed).toMatchObject({ status: 503, body: { ready: false, checks: { database: failing(/test\.db is missing/), migrations: { ok: false } } }, livenessStatus: 200 });

    await copyFile(`${file}.moved`, file);
    const replaced = await probe(server.url);
    expect(replaced).toMatchObject({ status: 503, body: { ready: false, checks: { database: failing(/was replaced by another file/) } }, livenessStatus: 200 });

    await rename(`${file}.moved`, file);
    expect(await probe(server.url)).toMatchObject({ status: 200, body: { ready: true } });
  });

  it('names a migration the database has not applied', async () => {
    const database = new Database(file);
    try {
      const last = database.prepare('SELECT * FROM _prisma_migrations ORDER BY migration_name DESC LIMIT 1').get() as Record<string, unknown>;
      database.prepare('DELETE FROM _prisma_migrations WHERE id = ?').run(last.id);
      const pending = await probe(server.url);
      expect(pending).toMatchObject({
        status: 503,
        body: { ready: false, checks: { database: { ok: true }, migrations: failing(new RegExp(`Not applied yet: ${String(last.migration_name)}\\. Run npm run db:migrate`)) } },
        livenessStatus: 200,
      });
      const columns = Object.keys(last);
      database.prepare(`INSERT INTO _prisma_migrations (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`).run(...Object.values(last));
    } finally {
      database.close();
    }
    expect((await probe(server.url)).status).toBe(200);
  });
});

const postgres = await checkServices('Readiness with PostgreSQL behind a TCP proxy', { postgres: true });

describe.skipIf(postgres.shouldSkip)('readiness on PostgreSQL', () => {
  let database: TestDatabase | undefined;
  let proxy: Proxy | undefined;
  let server: RunningServer | undefined;

  beforeAll(async () => {
    postgres.assertServices();
    database = await createPostgresDatabase();
    await applyMigrations(database.url);
    proxy = await startProxy(Number(new URL(database.url).port || 5432));
    const throughProxy = new URL(database.url);
    throughProxy.hostname = '127.0.0.1';
    throughProxy.port = new URL(proxy.url).port;
    server = await startServer({ databaseUrl: throughProxy.toString(), port: 0, host: '127.0.0.1' });
  }, 60_000);
  afterAll(async () => {
    proxy?.restore();
    await server?.close();
    await proxy?.close();
    await database?.drop();
  });

  it('names the database while it is unreachable and is ready again when it is back', async () => {
    expect(await probe(server!.url)).toMatchObject({ status: 200, body: { ready: true } });
    proxy!.cut();
    const cut = await probe(server!.url);
    expect(cut).toMatchObject({ status: 503, body: { ready: false, checks: { database: { ok: false }, shutdown: { ok: true } } }, livenessStatus: 200 });
    proxy!.restore();
    expect(await probeUntil(server!.url, 200)).toMatchObject({ status: 200, body: { ready: true } });
  }, 30_000);
});

const redis = await checkServices('Readiness with Redis behind a TCP proxy', { redis: true });

describe.skipIf(redis.shouldSkip)('readiness with Redis', () => {
  let directory: string;
  let proxy: Proxy | undefined;
  let server: RunningServer | undefined;

  beforeAll(async () => {
    redis.assertServices();
    directory = await mkdtemp(path.join(tmpdir(), 'roundtable-ready-'));
    const databaseUrl = `file:${path.join(directory, 'test.db')}`;
    await applyMigrations(databaseUrl);
    proxy = await startProxy(Number(new URL(redisTestUrl).port || 6379));
    const throughProxy = new URL(redisTestUrl);
    throughProxy.hostname = '127.0.0.1';
    throughProxy.port = new URL(proxy.url).port;
    const prefix = `roundtable-ready-${randomBytes(4).toString('hex')}`;
    server = await startServer({ databaseUrl, port: 0, host: '127.0.0.1', redis: { url: throughProxy.toString(), prefix } });
  }, 30_000);
  afterAll(async () => {
    proxy?.restore();
    await server?.close();
    await proxy?.close();
    await rm(directory, { recursive: true, force: true });
  });

  it('names Redis while it is unreachable and is ready again when it is back', async () => {
    expect(await probe(server!.url)).toMatchObject({ status: 200, body: { ready: true, checks: { redis: { ok: true } } } });
    proxy!.cut();
    const cut = await probeUntil(server!.url, 503);
    expect(cut).toMatchObject({ status: 503, body: { ready: false, checks: { database: { ok: true }, redis: { ok: false } } }, livenessStatus: 200 });
    proxy!.restore();
    expect(await probeUntil(server!.url, 200)).toMatchObject({ status: 200, body: { ready: true, checks: { redis: { ok: true } } } });
  }, 30_000);
});
