import { describe, expect, it } from 'vitest';
import { KeyedSerializer } from './keyed-serializer';

describe('KeyedSerializer', () => {
  it('runs work for one key one after another, other keys alongside, and goes on after a failure', async () => {
    const serializer = new KeyedSerializer();
    const order: string[] = [];
    const step = (name: string, ms: number) => () => new Promise<string>((resolve) => setTimeout(() => (order.push(name), resolve(name)), ms));
    const first = serializer.run('a', step('a1', 30));
    const failing = serializer.run('a', () => Promise.reject(new Error('refused')));
    const second = serializer.run('a', step('a2', 1));
    const other = serializer.run('b', step('b1', 5));
    await expect(failing).rejects.toThrow('refused');
    expect(await Promise.all([first, second, other])).toEqual(['a1', 'a2', 'b1']);
    expect(order).toEqual(['b1', 'a1', 'a2']);
  });
});
