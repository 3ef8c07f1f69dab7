import { describe, expect, it } from 'vitest';
import { batchWithin } from './batch-window';

describe('batchWithin', () => {
  it('loads the keys asked for within the window together, and answers each asker', async () => {
    const loads: string[][] = [];
    const find = batchWithin(5, async (keys: string[]) => {
      loads.push(keys);
      return new Map(keys.filter((key) => key !== 'missing').map((key) => [key, key.toUpperCase()]));
    });
    expect(await Promise.all([find('a'), find('b'), find('a'), find('missing')])).toEqual(['A', 'B', 'A', undefined]);
    expect(await find('c')).toBe('C');
    expect(loads).toEqual([['a', 'b', 'missing'], ['c']]);
  });

  it('rejects every asker of a batch whose load failed, and loads the next batch afresh', async () => {
    let fail = true;
    const find = batchWithin(5, async (keys: number[]) => {
      if (fail) throw new Error('database unavailable');
      return new Map(keys.map((key) => [key, key * 2]));
    });
    const results = await Promise.allSettled([find(1), find(2)]);
    expect(results.map((result) => result.status)).toEqual(['rejected', 'rejected']);
    fail = false;
    expect(await find(2)).toBe(4);
  });
});
