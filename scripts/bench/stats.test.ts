import { describe, expect, it } from 'vitest';
import { capacityOf, Histogram, isStepHeld, meanDifference, median, percentileOfSorted, summarize } from './stats';

describe('percentiles', () => {
  it('uses the nearest rank', () => {
    const sorted = Array.from({ length: 100 }, (_, index) => index + 1);
    expect(percentileOfSorted(sorted, 50)).toBe(50);
    expect(percentileOfSorted(sorted, 95)).toBe(95);
    expect(percentileOfSorted(sorted, 99)).toBe(99);
    expect(percentileOfSorted(sorted, 100)).toBe(100);
    expect(percentileOfSorted(sorted, 0)).toBe(1);
  });

  it('handles small and empty series', () => {
    expect(percentileOfSorted([7], 99)).toBe(7);
    expect(percentileOfSorted([1, 2], 50)).toBe(1);
    expect(percentileOfSorted([1, 2], 51)).toBe(2);
    expect(percentileOfSorted([], 50)).toBeNaN();
    expect(summarize([]).count).toBe(0);
  });

  it('summarizes unsorted values numerically, not as strings', () => {
    expect(summarize([100, 9, 20, 3, 1000])).toEqual({ count: 5, p50: 20, p95: 1000, p99: 1000, max: 1000 });
  });

  it('gives the same figures from a histogram as from the raw values, to the millisecond', () => {
    const values = Array.from({ length: 10_000 }, (_, index) => (index * 7919) % 1000);
    const histogram = new Histogram(500);
    for (const value of values) histogram.record(value);
    const exact = summarize(values.map((value) => Math.min(value, 500)));
    expect(histogram.percentile(50)).toBe(exact.p50);
    expect(histogram.percentile(95)).toBe(500);
    expect(histogram.summary().max).toBe(999);
    expect(histogram.count).toBe(10_000);
    const small = new Histogram();
    for (const value of [1, 2, 3, 4]) small.record(value);
    expect(small.summary()).toEqual({ count: 4, p50: 2, p95: 4, p99: 4, max: 4 });
  });
});

describe('capacity of a stepped-rate run', () => {
  const step = (offeredRate: number, p99Ms: number, failures = 0, neverSeen = 0) => ({ offeredRate, achievedRate: offeredRate, p99Ms, failures, neverSeen });

  it('is the highest step under the limit with nothing lost, with the step at twice that rate', () => {
    const steps = [step(250, 40), step(500, 80), step(1000, 250), step(2000, 900)];
    expect(capacityOf(steps, 300)).toEqual({ capacity: 1000, atTwice: steps[3], isAtTop: false });
  });

  it('stops at the first step that lost a vote or was too slow, even if a later one held', () => {
    expect(capacityOf([step(250, 40), step(500, 80, 1), step(1000, 100)], 300).capacity).toBe(250);
    expect(capacityOf([step(250, 40), step(500, 80, 0, 3)], 300).capacity).toBe(250);
    expect(capacityOf([step(250, 40), step(500, 300)], 300).capacity).toBe(250);
  });

  it('is 0 when the first step fails, and at the top when every step held', () => {
    expect(capacityOf([step(250, 400), step(500, 800)], 300)).toEqual({ capacity: 0, atTwice: undefined, isAtTop: false });
    expect(capacityOf([step(250, 40), step(500, 80)], 300)).toEqual({ capacity: 500, atTwice: undefined, isAtTop: true });
    expect(capacityOf([], 300)).toEqual({ capacity: 0, atTwice: undefined, isAtTop: false });
  });

  it('treats a step without any latency sample (NaN) as not held', () => {
    expect(isStepHeld(step(250, Number.NaN), 300)).toBe(false);
  });
});

describe('paired differences', () => {
  it('gives the mean difference and a 95 % interval that shrinks with more pairs', () => {
    const off = [10, 12, 11, 13];
    expect(meanDifference(off.map((value) => value + 2), off)).toEqual({ mean: 2, margin: 0 });
    // Differences 1, 3, 1, 3: mean 2, sample standard deviation 1.1547, margin 1.96 × 1.1547 / √4.
    const { mean, margin } = meanDifference([11, 15, 12, 16], off);
    expect(mean).toBe(2);
    expect(margin).toBeCloseTo(1.1316, 3);
    const many = meanDifference([...Array(16)].flatMap(() => [11, 15, 12, 16]), [...Array(16)].flatMap(() => off));
    // Sixteen times the pairs: standard deviation √(64/63) (n − 1 = 63), over √64.
    expect(many).toEqual({ mean: 2, margin: expect.closeTo((1.96 * Math.sqrt(64 / 63)) / 8, 6) });
  });

  it('takes the middle of odd and even counts', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNaN();
  });
});
