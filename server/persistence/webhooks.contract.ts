import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCallSchema } from '@/lib/protocol';
import { buildNewCall } from '../domain/call-factory';
import { createId } from '../domain/secrets';
import { insertCall } from './calls.repository';
import type { Database } from './database';
import type { ContractDatabase } from './repositories.contract';
import { ensureSeries } from './schedule.repository';
import { claimDueDeliveries, enqueueWebhookEvent, listWebhooks, recordAttempt, replaceWebhooks } from './webhooks.repository';

const input = createCallSchema.parse({ title: 'Webhook contract call', timezone: 'UTC', sections: [] });
const at = (iso: string) => new Date(iso);

/**
 * The webhook repositories against every database provider. The queue is shared by all series, so each test
 * claims in its own stretch of time and looks only at its own deliveries.
 */
export function describeWebhooksContract(provider: string, open: () => Promise<ContractDatabase>): void {
  describe(`webhook repositories on ${provider}`, () => {
    let opened: ContractDatabase;
    let database: Database;
    beforeAll(async () => {
      opened = await open();
      database = opened.database;
    });
    afterAll(() => opened?.close());

    async function newSeries(urls: string[] = []) {
      const call = buildNewCall(input);
      await insertCall(database, call);
      const seriesId = await ensureSeries(database, call.id, 'Webhook series', createId);
      await replaceWebhooks(database, seriesId, urls);
      return seriesId;
    }

    const idsOf = async (seriesId: string) => (await listWebhooks(database, seriesId, 1000)).flatMap((hook) => hook.deliveries.map((delivery) => delivery.id));

    it('replaces the list, keeping a kept URL’s id, secret and deliveries and dropping a removed one’s', async () => {
      const seriesId = await newSeries(['https://a.example/hook', 'https://b.example/hook']);
      const before = await listWebhooks(database, seriesId);
      expect(before.map((hook) => hook.url)).toEqual(['https://a.example/hook', 'https://b.example/hook']);
      expect(before.every((hook) => hook.secret.length >= 40)).toBe(true);
      expect(before[0]!.secret).not.toBe(before[1]!.secret);
      expect(await enqueueWebhookEvent(database, seriesId, 'call.scheduled', '{}')).toBe(2);

      await replaceWebhooks(database, seriesId, ['https://b.example/hook', 'https://c.example/hook']);
      const after = await listWebhooks(database, seriesId);
      const kept = after.find((hook) => hook.url === 'https://b.example/hook')!;
      expect({ ...kept, deliveries: kept.deliveries.length }).toEqual({ ...before[1]!, deliveries: 1 });
      expect(after.map((hook) => hook.url).sort()).toEqual(['https://b.example/hook', 'https://c.example/hook']);

      await replaceWebhooks(database, seriesId, ['https://a.example/hook']);
      const readded = await listWebhooks(database, seriesId);
      expect(readded).toHaveLength(1);
      expect(readded[0]!.id).not.toBe(before[0]!.id);
      expect(readded[0]!.secret).not.toBe(before[0]!.secret);
      expect(readded[0]!.deliveries).toEqual([]);
      await replaceWebhooks(database, seriesId, []);
      expect(await listWebhooks(database, seriesId)).toEqual([]);
    });

    it('queues one delivery per webhook, atomically with the transaction it runs in', async () => {
      const seriesId = await newSeries(['https://a.example/1', 'https://a.example/2']);
      await expect(
        database.$transaction(async (transaction) => {
          expect(await enqueueWebhookEvent(transaction, seriesId, 'call.started', '{"n":1}')).toBe(2);
          throw new Error('the change failed');
        }),
      ).rejects.toThrow('the change failed');
      expect(await idsOf(seriesId)).toEqual([]);
      const now = at('2026-12-10T17:00:00.000Z');
      expect(await database.$transaction((transaction) => enqueueWebhookEvent(transaction, seriesId, 'call.started', '{"n":2}', now))).toBe(2);
      const hooks = await listWebhooks(database, seriesId);
      expect(hooks.map((hook) => hook.deliveries)).toEqual(
        [1, 2].map(() => [
          {
            id: expect.any(String),
            event: 'call.started',
            status: 'pending',
            attempts: 0,
            responseStatus: null,
            lastError: '',
            createdAt: now.toISOString(),
            finishedAt: null,
            nextAttemptAt: now.toISOString(),
          },
        ]),
      );
      expect(await enqueueWebhookEvent(database, await newSeries(), 'call.started', '{}')).toBe(0);
    });

    it('claims only due deliveries without a live lease, up to the limit, and again once the lease expires', async () => {
      const seriesId = await newSeries(['https://claim.example/hook']);
      for (const minute of ['00', '01', '02']) await enqueueWebhookEvent(database, seriesId, 'call.scheduled', `{"m":${minute}}`, at(`1990-01-01T10:${minute}:00.000Z`));
      await enqueueWebhookEvent(database, seriesId, 'call.started', '{"late":true}', at('1990-01-01T11:00:00.000Z'));
      const [hook] = await listWebhooks(database, seriesId);

      const first = await claimDueDeliveries(database, at('1990-01-01T10:30:00.000Z'), 60_000, 2);
      expect(first.map((claimed) => claimed.body)).toEqual(['{"m":00}', '{"m":01}']);
      expect(first[0]).toEqual({ id: expect.any(String), url: hook!.url, secret: hook!.secret, event: 'call.scheduled', body: '{"m":00}', attempts: 0, createdAt: at('1990-01-01T10:00:00.000Z') });
      const second = await claimDueDeliveries(database, at('1990-01-01T10:30:30.000Z'), 60_000, 10);
      expect(second.map((claimed) => claimed.body)).toEqual(['{"m":02}']);
      expect(await claimDueDeliveries(database, at('1990-01-01T10:30:59.000Z'), 60_000, 10)).toEqual([]);
      const expired = await claimDueDeliveries(database, at('1990-01-01T10:31:00.000Z'), 60_000, 10);
      expect(expired.map((claimed) => claimed.body)).toEqual(['{"m":00}', '{"m":01}']);
    });

    it('records a delivery, a retry and giving up, and never rewrites a finished delivery', async () => {
      const seriesId = await newSeries(['https://record.example/hook']);
      for (const event of ['call.scheduled', 'call.started', 'call.ended'] as const) await enqueueWebhookEvent(database, seriesId, event, '{}', at('1995-01-01T10:00:00.000Z'));
      const own = new Set(await idsOf(seriesId));
      const claimed = (await claimDueDeliveries(database, at('1995-01-01T10:00:00.000Z'), 60_000, 1000)).filter((delivery) => own.has(delivery.id));
      expect(claimed).toHaveLength(3);
      const idOf = (event: string) => claimed.find((delivery) => delivery.event === event)!.id;
      await recordAttempt(database, idOf('call.scheduled'), { kind: 'delivered', responseStatus: 204, at: at('1995-01-01T10:00:01.000Z') });
      await recordAttempt(database, idOf('call.started'), { kind: 'retry', responseStatus: 500, error: 'HTTP 500: oops', nextAttemptAt: at('1995-01-01T10:00:11.000Z') });
      await recordAttempt(database, idOf('call.ended'), { kind: 'failed', responseStatus: null, error: 'x'.repeat(2000), at: at('1995-01-01T10:00:02.000Z') });
      await recordAttempt(database, idOf('call.scheduled'), { kind: 'failed', responseStatus: null, error: 'a lease ran out', at: at('1995-01-01T10:05:00.000Z') });

      const deliveries = new Map((await listWebhooks(database, seriesId))[0]!.deliveries.map((delivery) => [delivery.event, delivery]));
      expect(deliveries.get('call.scheduled')).toMatchObject({ status: 'delivered', attempts: 1, responseStatus: 204, lastError: '', finishedAt: '1995-01-01T10:00:01.000Z', nextAttemptAt: null });
      expect(deliveries.get('call.started')).toMatchObject({ status: 'pending', attempts: 1, responseStatus: 500, lastError: 'HTTP 500: oops', finishedAt: null, nextAttemptAt: '1995-01-01T10:00:11.000Z' });
      expect(deliveries.get('call.ended')).toMatchObject({ status: 'failed', attempts: 1, responseStatus: null, finishedAt: '1995-01-01T10:00:02.000Z', nextAttemptAt: null });
      expect(deliveries.get('call.ended')!.lastError.length).toBeLessThanOrEqual(500);

      // The retry waits for its time, not for the lease (which the attempt released).
      const mine = async (iso: string) => (await claimDueDeliveries(database, at(iso), 60_000, 1000)).filter((delivery) => own.has(delivery.id));
      expect(await mine('1995-01-01T10:00:10.000Z')).toEqual([]);
      expect((await mine('1995-01-01T10:00:11.000Z')).map((delivery) => [delivery.event, delivery.attempts])).toEqual([['call.started', 1]]);
    });

    it('lists the latest deliveries of each webhook, newest first', async () => {
      const seriesId = await newSeries(['https://list.example/hook']);
      for (let minute = 10; minute < 15; minute += 1) await enqueueWebhookEvent(database, seriesId, 'call.scheduled', '{}', at(`2026-12-01T10:${minute}:00.000Z`));
      const [hook] = await listWebhooks(database, seriesId, 3);
      expect(hook!.deliveries.map((delivery) => delivery.createdAt)).toEqual(['2026-12-01T10:14:00.000Z', '2026-12-01T10:13:00.000Z', '2026-12-01T10:12:00.000Z']);
    });

    it('never gives one delivery to two claimers at once', async () => {
      const seriesId = await newSeries(['https://race.example/1', 'https://race.example/2', 'https://race.example/3']);
      for (let index = 0; index < 10; index += 1) await enqueueWebhookEvent(database, seriesId, 'call.started', `{"i":${index}}`, at('2000-01-01T10:00:00.000Z'));
      const own = new Set(await idsOf(seriesId));
      expect(own.size).toBe(30);
      const now = at('2000-01-01T10:00:00.000Z');
      const seen: string[] = [];
      for (let round = 0; round < 10 && seen.filter((id) => own.has(id)).length < own.size; round += 1) {
        const claims = await Promise.all([0, 1, 2, 3].map(() => claimDueDeliveries(database, now, 60_000, 8)));
        seen.push(...claims.flat().map((claimed) => claimed.id));
      }
      expect(new Set(seen).size).toBe(seen.length);
      expect(seen.filter((id) => own.has(id)).sort()).toEqual([...own].sort());
    });
  });
}
