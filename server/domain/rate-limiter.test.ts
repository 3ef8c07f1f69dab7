import { describe, expect, it } from 'vitest';
import { RateLimiter } from './rate-limiter';

/** A clock that moves only when told to. */
function manualClock(start = 1000) {
  let now = start;
  return Object.assign(() => now, { set: (ms: number) => (now = ms) });
}

describe('RateLimiter', () => {
  it('allows a burst, refuses the flood, and refills over time, per key', () => {
    const clock = manualClock();
    const limiter = new RateLimiter(1, 3, clock);
    expect([0, 0, 0, 0].map(() => limiter.take('ada'))).toEqual([true, true, true, false]);
    expect(limiter.take('grace')).toBe(true);
    clock.set(1500);
    expect(limiter.take('ada')).toBe(false);
    clock.set(2000);
    expect(limiter.take('ada')).toBe(true);
  });

  it('says how long until the next request is allowed', () => {
    const clock = manualClock();
    const limiter = new RateLimiter(0.5, 1, clock);
    expect(limiter.secondsUntilAllowed('ada')).toBe(0);
    limiter.take('ada');
    expect(limiter.secondsUntilAllowed('ada')).toBe(2);
    clock.set(2000);
    expect(limiter.secondsUntilAllowed('ada')).toBe(1);
    clock.set(3000);
    expect(limiter.secondsUntilAllowed('ada')).toBe(0);
  });

  it('takes back a token given back, never beyond the burst', () => {
    const limiter = new RateLimiter(0.001, 2, manualClock());
    expect([0, 0].map(() => limiter.take('ada'))).toEqual([true, true]);
    limiter.giveBack('ada');
    expect([0, 0].map(() => limiter.take('ada'))).toEqual([true, false]);
    limiter.giveBack('grace');
    limiter.giveBack('grace');
    expect([0, 0, 0].map(() => limiter.take('grace'))).toEqual([true, true, false]);
  });

  it('reads the real clock by default', () => {
    const limiter = new RateLimiter(1000, 1);
    expect(limiter.take('ada')).toBe(true);
    expect(limiter.secondsUntilAllowed('ada')).toBeLessThanOrEqual(0.001);
  });
});
