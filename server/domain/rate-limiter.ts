/** Milliseconds from some fixed start; tests pass a clock they move themselves. */
export type Clock = () => number;

/** Token buckets per key: a burst is fine, a steady flood above `perSecond` is refused. */
export class RateLimiter {
  readonly #buckets = new Map<string, { tokens: number; updatedAt: number }>();

  constructor(
    private readonly perSecond: number,
    private readonly burst: number,
    private readonly clock: Clock = performance.now.bind(performance),
  ) {}

  take(key: string): boolean {
    const now = this.clock();
    const bucket = this.#buckets.get(key) ?? { tokens: this.burst, updatedAt: now };
    bucket.tokens = Math.min(this.burst, bucket.tokens + ((now - bucket.updatedAt) / 1000) * this.perSecond);
    bucket.updatedAt = now;
    const allowed = bucket.tokens >= 1;
    if (allowed) bucket.tokens -= 1;
    this.#buckets.set(key, bucket);
    if (this.#buckets.size > 50_000) this.#forgetFull(now);
    return allowed;
  }

  /** Gives back a token taken for a request that turned out not to count (never above the burst). */
  giveBack(key: string): void {
    const now = this.clock();
    const bucket = this.#buckets.get(key);
    if (!bucket) return;
    bucket.tokens = Math.min(this.burst, bucket.tokens + ((now - bucket.updatedAt) / 1000) * this.perSecond + 1);
    bucket.updatedAt = now;
  }

  /** How long until `take(key)` would succeed again (0 when it would now). */
  secondsUntilAllowed(key: string): number {
    const now = this.clock();
    const bucket = this.#buckets.get(key);
    if (!bucket) return 0;
    const tokens = Math.min(this.burst, bucket.tokens + ((now - bucket.updatedAt) / 1000) * this.perSecond);
    return tokens >= 1 ? 0 : (1 - tokens) / this.perSecond;
  }

  /** Drops buckets that have refilled completely; they hold no information. */
  #forgetFull(now: number) {
    for (const [key, bucket] of this.#buckets) {
      if (bucket.tokens + ((now - bucket.updatedAt) / 1000) * this.perSecond >= this.burst) this.#buckets.delete(key);
    }
  }
}
