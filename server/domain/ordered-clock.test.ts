import { describe, expect, it } from 'vitest';
import { orderedNow } from './ordered-clock';

describe('orderedNow', () => {
  it('hands out strictly increasing times close to the clock, even within one millisecond', () => {
    const before = Date.now();
    const stamps = Array.from({ length: 50 }, () => orderedNow().getTime());
    expect(new Set(stamps).size).toBe(50);
    expect(stamps).toEqual([...stamps].sort((a, b) => a - b));
    expect(stamps[0]).toBeGreaterThanOrEqual(before);
    expect(stamps[49]! - Date.now()).toBeLessThan(60);
  });
});
