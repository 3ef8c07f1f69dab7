import { describe, expect, it } from 'vitest';
import { isTickDue, nextTickMs } from './adaptive-tick';

const limits = { baseMs: 150, ceilingMs: 1000 };

describe('nextTickMs', () => {
  it('keeps the base tick while the flushes fit in it', () => {
    expect(nextTickMs(0, limits)).toBe(150);
    expect(nextTickMs(75, limits)).toBe(150);
    expect(nextTickMs(150, limits)).toBe(150);
    expect(nextTickMs(Number.NaN, limits)).toBe(150);
  });

  it('stretches to twice the flush time once they take longer than the tick', () => {
    expect(nextTickMs(151, limits)).toBe(302);
    expect(nextTickMs(200, limits)).toBe(400);
    expect(nextTickMs(300, limits)).toBe(600);
  });

  it('never goes past the ceiling', () => {
    expect(nextTickMs(600, limits)).toBe(1000);
    expect(nextTickMs(60_000, limits)).toBe(1000);
  });

  it('shrinks back to the base as soon as a flush is quick again', () => {
    expect(nextTickMs(20, limits)).toBe(150);
  });

  it('takes another busy share', () => {
    expect(nextTickMs(40, { ...limits, busyShare: 0.25 })).toBe(150);
    expect(nextTickMs(40, { baseMs: 60, ceilingMs: 1000, busyShare: 0.25 })).toBe(80);
  });
});

describe('isTickDue', () => {
  it('flushes on every base tick when the tick is not stretched', () => {
    expect(isTickDue(0, 150, 150)).toBe(true);
    expect(isTickDue(10, 150, 150)).toBe(true);
  });

  it('skips base ticks until the stretched tick has passed, with half a base tick of slack', () => {
    expect(isTickDue(150, 600, 150)).toBe(false);
    expect(isTickDue(450, 600, 150)).toBe(false);
    expect(isTickDue(525, 600, 150)).toBe(true);
    expect(isTickDue(610, 600, 150)).toBe(true);
  });
});
