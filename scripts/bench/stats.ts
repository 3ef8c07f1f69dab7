/** Latency figures of one series, in milliseconds. */
export type Summary = { count: number; p50: number; p95: number; p99: number; max: number };

/** Nearest-rank percentile of sorted values: the smallest value with at least `percent` % of values at or below it. */
export function percentileOfSorted(sorted: ArrayLike<number>, percent: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((percent / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

export function summarize(values: number[]): Summary {
  const sorted = Float64Array.from(values).sort();
  return {
    count: sorted.length,
    p50: percentileOfSorted(sorted, 50),
    p95: percentileOfSorted(sorted, 95),
    p99: percentileOfSorted(sorted, 99),
    max: sorted.length > 0 ? sorted[sorted.length - 1]! : Number.NaN,
  };
}

/**
 * Counts latencies in 1 ms buckets (up to `limitMs`, longer ones in the last bucket but kept exactly for `max`),
 * for series with millions of samples. Percentiles are exact to the millisecond.
 */
export class Histogram {
  readonly #buckets: Uint32Array;
  #count = 0;
  #max = Number.NEGATIVE_INFINITY;

  constructor(private readonly limitMs = 120_000) {
    this.#buckets = new Uint32Array(limitMs + 1);
  }

  get count(): number {
    return this.#count;
  }

  record(valueMs: number): void {
    const bucket = Math.min(this.limitMs, Math.max(0, Math.round(valueMs)));
    this.#buckets[bucket]! += 1;
    this.#count += 1;
    if (valueMs > this.#max) this.#max = valueMs;
  }

  percentile(percent: number): number {
    if (this.#count === 0) return Number.NaN;
    const rank = Math.max(1, Math.ceil((percent / 100) * this.#count));
    let seen = 0;
    for (let bucket = 0; bucket < this.#buckets.length; bucket += 1) {
      seen += this.#buckets[bucket]!;
      if (seen >= rank) return bucket;
    }
    return this.limitMs;
  }

  summary(): Summary {
    return { count: this.#count, p50: this.percentile(50), p95: this.percentile(95), p99: this.percentile(99), max: this.#count ? this.#max : Number.NaN };
  }
}

/** Index of the first count at or above `count` in a non-decreasing series, or -1. */
export function firstAtLeast(counts: number[], count: number): number {
  let low = 0;
  let high = counts.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (counts[middle]! < count) low = middle + 1;
    else high = middle;
  }
  return low < counts.length ? low : -1;
}

/** How agenda moves reached the clients: every delivery's latency, and per move how many arrived and the slowest. */
export class MoveDeliveries {
  readonly delivery = new Histogram();
  readonly #bySequence = new Map<number, { count: number; last: number }>();

  record(sequence: number, latencyMs: number): void {
    this.delivery.record(latencyMs);
    const entry = this.#bySequence.get(sequence) ?? { count: 0, last: 0 };
    entry.count += 1;
    entry.last = Math.max(entry.last, latencyMs);
    this.#bySequence.set(sequence, entry);
  }

  /** How many deliveries of these moves arrived. */
  received(sequences: readonly number[]): number {
    return sequences.reduce((sum, sequence) => sum + (this.#bySequence.get(sequence)?.count ?? 0), 0);
  }

  /** The slowest client's latency per move (NaN for a move nobody got). */
  lasts(sequences: readonly number[]): number[] {
    return sequences.map((sequence) => this.#bySequence.get(sequence)?.last ?? Number.NaN);
  }
}

/** One step of a stepped-rate run: what was offered, what came back, and what was lost. */
export type RateStep = { offeredRate: number; achievedRate: number; p99Ms: number; failures: number; neverSeen: number };

/** Whether a step held: its p99 under the limit, every vote acknowledged and seen by every observer. */
export const isStepHeld = (step: RateStep, limitMs: number) => step.p99Ms < limitMs && step.failures === 0 && step.neverSeen === 0;

/**
 * Capacity of a stepped-rate run (steps in rising order): the highest offered rate such that it and every lower
 * step held (0 if the first did not), and the step at twice that rate if it ran (none when capacity is 0 or the
 * top step held, i.e. capacity is at least the top step).
 */
export function capacityOf(steps: readonly RateStep[], limitMs: number): { capacity: number; atTwice: RateStep | undefined; isAtTop: boolean } {
  let capacity = 0;
  for (const step of steps) {
    if (!isStepHeld(step, limitMs)) break;
    capacity = step.offeredRate;
  }
  const atTwice = capacity > 0 ? steps.find((step) => step.offeredRate === 2 * capacity) : undefined;
  const isAtTop = steps.length > 0 && capacity === steps[steps.length - 1]!.offeredRate;
  return { capacity, atTwice, isAtTop };
}

export const mean = (values: readonly number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;

/** The middle value (the mean of the two middle ones for an even count); NaN for none. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length / 2;
  return sorted.length % 2 === 1 ? sorted[Math.floor(middle)]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/**
 * The mean of paired differences (on[i] − off[i]) and the half-width of its 95 % interval (normal approximation,
 * fine for the hundred-odd pairs the vote-checks scenario takes).
 */
export function meanDifference(on: readonly number[], off: readonly number[]): { mean: number; margin: number } {
  const differences = on.map((value, index) => value - off[index]!);
  const average = mean(differences);
  const variance = differences.reduce((sum, value) => sum + (value - average) ** 2, 0) / (differences.length - 1);
  return { mean: average, margin: 1.96 * Math.sqrt(variance / differences.length) };
}
