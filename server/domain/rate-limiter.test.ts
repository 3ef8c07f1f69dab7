import { describe, expect, it } from 'vitest';
import { RateLimiter } from './rate-limiter';

describe('RateLimiter', () => {
  it('allows a burst, refuses the flood, and refills over time, per key', () => {
    const limiter = new RateLimiter(1, 3);
    expect([0, 0, 0, 0].map(() => limiter.take('ada', 1000))).toEqual([true, true, true, false]);
    expect(limiter.take('grace', 1000)).toBe(true);
    expect(limiter.take('ada', 1500)).toBe(false);
    expect(limiter.take('ada', 2000)).toBe(true);
  });

  it('says how long until the next request is allowed', () => {
    const limiter = new RateLimiter(0.5, 1);
    expect(limiter.secondsUntilAllowed('ada', 1000)).toBe(0);
    limiter.take('ada', 1000);
    expect(limiter.secondsUntilAllowed('ada', 1000)).toBe(2);
    expect(limiter.secondsUntilAllowed('ada', 2000)).toBe(1);
    expect(limiter.secondsUntilAllowed('ada', 3000)).toBe(0);
  });

  it('takes back a token given back, never beyond the burst', () => {
    const limiter = new RateLimiter(0.001, 2);
    expect([0, 0].map(() => limiter.take('ada', 1000))).toEqual([true, true]);
    limiter.giveBack('ada', 1000);
    expect([0, 0].map(() => limiter.take('ada', 1000))).toEqual([true, false]);
    limiter.giveBack('grace', 1000);
    limiter.giveBack('grace', 1000);
    expect([0, 0, 0].map(() => limiter.take('grace', 1000))).toEqual([true, true, false]);
  });
});
