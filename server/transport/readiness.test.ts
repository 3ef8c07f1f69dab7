import { describe, expect, it } from 'vitest';
import { Readiness } from './readiness';

describe('Readiness', () => {
  it('reports a hung database after the timeout and never queries it again while the first query hangs', async () => {
    let queries = 0;
    let answer: () => void = () => undefined;
    const database = {
      pendingMigrations: () => {
        queries += 1;
        return new Promise<string[]>((resolve) => (answer = () => resolve([])));
      },
    };
    const readiness = new Readiness(database, null, 50);
    const reports = await Promise.all([readiness.report(), readiness.report()]);
    expect(await readiness.report()).toEqual(reports[0]);
    expect(reports[0]).toEqual({
      ready: false,
      checks: {
        database: { ok: false, message: 'No answer within 0.05 s.' },
        migrations: { ok: false, message: 'Not checked: the database does not answer.' },
        shutdown: { ok: true },
      },
    });
    expect(queries).toBe(1);

    // The late answer counts; the probe after it asks again.
    answer();
    expect(await readiness.report()).toMatchObject({ ready: true });
    expect(queries).toBe(1);
    answer = () => undefined;
    const next = readiness.report();
    answer();
    expect(await next).toMatchObject({ ready: true });
    expect(queries).toBe(2);
    readiness.markShuttingDown();
    expect(await readiness.report()).toMatchObject({ ready: false, checks: { shutdown: { ok: false, message: 'The server is shutting down.' } } });
  });

  it('names Redis when its ping fails', async () => {
    const database = { pendingMigrations: async () => ['20260101_add_tags'] };
    const redis = { ping: () => Promise.reject(new Error('Not connected to Redis.')) };
    expect(await new Readiness(database, redis).report()).toEqual({
      ready: false,
      checks: {
        database: { ok: true },
        migrations: { ok: false, message: 'Not applied yet: 20260101_add_tags. Run npm run db:migrate.' },
        redis: { ok: false, message: 'Not connected to Redis.' },
        shutdown: { ok: true },
      },
    });
  });
});
