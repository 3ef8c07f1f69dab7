import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCallSchema } from '@/lib/protocol';
import { buildNewCall } from '../domain/call-factory';
import { createId } from '../domain/secrets';
import { findAction, isCarriedOverInto, readCallActions, readSeriesActions, saveCallActions, setActionClosed, type ExtractedAction } from './actions.repository';
import { insertCall } from './calls.repository';
import type { Database } from './database';
import type { ContractDatabase } from './repositories.contract';

const input = createCallSchema.parse({ title: 'Actions contract call', timezone: 'UTC', sections: [{ title: 'Welcome', items: [{ title: 'Intro' }] }] });

const action = (key: string, patch: Partial<ExtractedAction> = {}): ExtractedAction => ({ key, text: key, owner: null, due: null, isDone: false, itemId: null, ...patch });

/** The action item and decision repository against every database provider. */
export function describeActionsContract(provider: string, open: () => Promise<ContractDatabase>): void {
  describe(`action repositories on ${provider}`, () => {
    let opened: ContractDatabase;
    let database: Database;
    beforeAll(async () => {
      opened = await open();
      database = opened.database;
    });
    afterAll(() => opened?.close());

    async function newSeries(): Promise<string> {
      const id = createId();
      await database.series.create({ data: { id, title: 'Contract series' } });
      return id;
    }

    async function newCall(seriesId: string | null, startsAt: string, title = 'Call') {
      const call = { ...buildNewCall({ ...input, title }, { seriesId }), startsAt: new Date(startsAt) };
      await insertCall(database, call);
      return call.id;
    }

    it('upserts by key, deletes the keys no longer written, and says whether anything changed', async () => {
      const callId = await newCall(null, '2026-12-03T16:30:00Z');
      expect(await saveCallActions(database, callId, { actions: [action('a'), action('b', { owner: 'Kai' })], decisions: [{ key: 'd', text: 'Ship it', itemId: null }] }, createId)).toBe(true);
      const first = (await readCallActions(database, callId))!;
      expect(first.actions.map(({ text, owner, isCarriedOver }) => ({ text, owner, isCarriedOver }))).toEqual([
        { text: 'a', owner: null, isCarriedOver: false },
        { text: 'b', owner: 'Kai', isCarriedOver: false },
      ]);
      expect(first.decisions.map((decision) => decision.text)).toEqual(['Ship it']);
      expect(await saveCallActions(database, callId, { actions: [action('a'), action('b', { owner: 'Kai' })], decisions: [{ key: 'd', text: 'Ship it', itemId: null }] }, createId)).toBe(false);

      expect(await saveCallActions(database, callId, { actions: [action('b', { owner: 'Kai', isDone: true, due: '2026-12-20' }), action('c')], decisions: [] }, createId)).toBe(true);
      const second = (await readCallActions(database, callId))!;
      expect(second.actions.map(({ id, text, isDone, due }) => ({ id, text, isDone, due }))).toEqual([
        { id: first.actions[1]!.id, text: 'b', isDone: true, due: '2026-12-20' },
        { id: expect.any(String), text: 'c', isDone: false, due: null },
      ]);
      expect(second.decisions).toEqual([]);
    });

    it('keeps a racing sync of the same keys to one row each', async () => {
      const callId = await newCall(null, '2026-12-03T16:30:00Z');
      const extracted = { actions: [action('x'), action('y')], decisions: [{ key: 'z', text: 'Agreed', itemId: null }] };
      const outcomes = await Promise.allSettled([1, 2, 3].map(() => saveCallActions(database, callId, extracted, createId)));
      expect(outcomes.some((outcome) => outcome.status === 'fulfilled')).toBe(true);
      await saveCallActions(database, callId, extracted, createId);
      const read = (await readCallActions(database, callId))!;
      expect(read.actions.map((item) => item.text)).toEqual(['x', 'y']);
      expect(read.decisions).toHaveLength(1);
    });

    it('carries the open items of earlier calls of the series over, closes one for the series, and lists the series', async () => {
      const seriesId = await newSeries();
      const first = await newCall(seriesId, '2026-11-05T16:30:00Z', 'November');
      const second = await newCall(seriesId, '2026-12-03T16:30:00Z', 'December');
      const third = await newCall(seriesId, '2027-01-07T16:30:00Z', 'January');
      const other = await newCall(null, '2026-10-01T16:30:00Z');
      await saveCallActions(database, other, { actions: [action('elsewhere')], decisions: [] }, createId);
      await saveCallActions(database, first, { actions: [action('open one', { owner: 'Ada' }), action('ticked', { isDone: true })], decisions: [{ key: 'd', text: 'Monthly', itemId: null }] }, createId);
      await saveCallActions(database, third, { actions: [action('later')], decisions: [] }, createId);

      const inSecond = (await readCallActions(database, second))!;
      expect(inSecond.actions.map(({ text, isCarriedOver, call }) => ({ text, isCarriedOver, title: call.title }))).toEqual([{ text: 'open one', isCarriedOver: true, title: 'November' }]);
      expect(inSecond.decisions).toEqual([]);
      const carried = (await findAction(database, inSecond.actions[0]!.id))!;
      expect(await isCarriedOverInto(database, carried, second)).toBe(true);
      expect(await isCarriedOverInto(database, carried, first)).toBe(false);
      expect(await isCarriedOverInto(database, carried, other)).toBe(false);
      const later = (await readCallActions(database, third))!.actions.find((item) => item.text === 'later')!;
      expect(await isCarriedOverInto(database, (await findAction(database, later.id))!, second)).toBe(false);

      await setActionClosed(database, carried.id, second, true);
      const closed = (await readCallActions(database, second))!.actions;
      expect(closed).toMatchObject([{ text: 'open one', isDone: true, isCarriedOver: true, closedAt: expect.any(String) }]);
      expect((await readCallActions(database, third))!.actions.map((item) => item.text)).toEqual(['later']);
      // A sync of the first call's minutes keeps the closing.
      await saveCallActions(database, first, { actions: [action('open one', { owner: 'Ada' }), action('ticked', { isDone: true })], decisions: [{ key: 'd', text: 'Monthly', itemId: null }] }, createId);
      expect((await findAction(database, carried.id))!.closedAt).not.toBeNull();

      const open = (await readSeriesActions(database, seriesId, 'open'))!;
      expect(open.series).toEqual({ id: seriesId, title: 'Contract series' });
      expect(open.actions.map((item) => item.text)).toEqual(['later']);
      expect(open.decisions.map((decision) => [decision.text, decision.call.title])).toEqual([['Monthly', 'November']]);
      const done = (await readSeriesActions(database, seriesId, 'done'))!;
      expect(done.actions.map(({ text, isDone, closedAt }) => ({ text, isDone, isClosed: closedAt !== null }))).toEqual([
        { text: 'open one', isDone: true, isClosed: true },
        { text: 'ticked', isDone: true, isClosed: false },
      ]);

      await setActionClosed(database, carried.id, second, false);
      expect((await readSeriesActions(database, seriesId, 'open'))!.actions.map((item) => item.text)).toEqual(['open one', 'later']);
      expect(await readSeriesActions(database, 'nosuchseries', 'open')).toBeNull();
      expect(await readCallActions(database, 'nosuchcall')).toBeNull();
    });
  });
}
