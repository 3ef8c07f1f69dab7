import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BatchQueue } from './batch-queue';

const doubled = (calls: [string, number[]][]) =>
  new BatchQueue<number, number>({
    windowMs: 10,
    process: async (key, items) => {
      calls.push([key, items]);
      return items.map((item) => item * 2);
    },
  });

describe('BatchQueue', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('processes the items a key gets within its window together, and answers each submitter', async () => {
    const calls: [string, number[]][] = [];
    const queue = doubled(calls);
    const first = [queue.submit('a', 1), queue.submit('a', 2), queue.submit('b', 3)];
    await vi.advanceTimersByTimeAsync(9);
    expect(calls).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(await Promise.all(first)).toEqual([2, 4, 6]);
    expect(calls).toEqual([
      ['a', [1, 2]],
      ['b', [3]],
    ]);
    // A later item starts a new window.
    const later = queue.submit('a', 5);
    await vi.advanceTimersByTimeAsync(10);
    expect(await later).toBe(10);
    expect(calls.at(-1)).toEqual(['a', [5]]);
  });

  it('asks a window function for each key when its batch opens', async () => {
    const windows = new Map([['slow', 50]]);
    const calls: string[] = [];
    const queue = new BatchQueue<number, number>({ windowMs: (key) => windows.get(key) ?? 10, process: async (key, items) => (calls.push(key), items) });
    const done = Promise.all([queue.submit('slow', 1), queue.submit('quick', 2)]);
    await vi.advanceTimersByTimeAsync(10);
    expect(calls).toEqual(['quick']);
    await vi.advanceTimersByTimeAsync(40);
    expect(calls).toEqual(['quick', 'slow']);
    await done;
    // The window is read again when the next batch opens.
    windows.delete('slow');
    const later = queue.submit('slow', 3);
    await vi.advanceTimersByTimeAsync(10);
    expect(await later).toBe(3);
  });

  it('splits a long batch into bounded ones, in order', async () => {
    const sizes: number[][] = [];
    const queue = new BatchQueue<number, number>({ windowMs: 5, maxBatch: 2, process: async (_, items) => (sizes.push(items), items) });
    const results = Promise.all([1, 2, 3, 4, 5].map((item) => queue.submit('call', item)));
    await vi.advanceTimersByTimeAsync(5);
    expect(await results).toEqual([1, 2, 3, 4, 5]);
    expect(sizes).toEqual([[1, 2], [3, 4], [5]]);
  });

  it('rejects every item of a batch that failed, and processes the next batch afresh', async () => {
    let isFailing = true;
    const queue = new BatchQueue<number, number>({
      windowMs: 5,
      maxBatch: 2,
      process: async (_, items) => {
        if (isFailing) throw new Error('database unavailable');
        return items;
      },
    });
    const failed = Promise.allSettled([queue.submit('call', 1), queue.submit('call', 2)]);
    await vi.advanceTimersByTimeAsync(5);
    expect((await failed).map((result) => result.status)).toEqual(['rejected', 'rejected']);
    isFailing = false;
    const next = queue.submit('call', 3);
    await vi.advanceTimersByTimeAsync(5);
    expect(await next).toBe(3);
  });

  it('refuses a process that answers some items but not others', async () => {
    const queue = new BatchQueue<number, number>({ windowMs: 5, process: async (_, items) => items.slice(1) });
    const results = Promise.allSettled([queue.submit('call', 1), queue.submit('call', 2)]);
    await vi.advanceTimersByTimeAsync(5);
    expect((await results).map((result) => result.status)).toEqual(['rejected', 'rejected']);
  });

  it('settles the items inside `around`, so a caller is answered before the wrapper lets go', async () => {
    const log: string[] = [];
    const queue = new BatchQueue<string, string>({
      windowMs: 5,
      process: async (_, items) => items,
      around: async (key, work) => {
        log.push(`take ${key}`);
        await work();
        // Give the submitters' continuations a turn, as the join reader does before releasing the call.
        await Promise.resolve();
        await Promise.resolve();
        log.push(`release ${key}`);
      },
    });
    const answered = queue.submit('call', 'join').then((item) => log.push(`answered ${item}`));
    await vi.advanceTimersByTimeAsync(5);
    await answered;
    expect(log).toEqual(['take call', 'answered join', 'release call']);
  });

  it('flushes waiting batches at once, and waits for the ones being processed', async () => {
    const calls: [string, number[]][] = [];
    const queue = doubled(calls);
    const waiting = queue.submit('a', 1);
    await queue.flush();
    expect(calls).toEqual([['a', [1]]]);
    expect(await waiting).toBe(2);
  });

  it('when closed, processes what waits and refuses anything new', async () => {
    const calls: [string, number[]][] = [];
    const queue = new BatchQueue<number, number>({ windowMs: 1_000, process: async (_, items) => (calls.push(['call', items]), items) });
    const waiting = queue.submit('call', 7);
    await queue.close();
    expect(await waiting).toBe(7);
    await expect(queue.submit('call', 8)).rejects.toMatchObject({ code: 'unavailable' });
    expect(calls).toEqual([['call', [7]]]);
  });
});
