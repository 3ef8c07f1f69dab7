export type TickLimits = {
  /** The tick when the flushes are quick. */
  baseMs: number;
  /** The longest a tick may stretch to: figures never lag by more than this. */
  ceilingMs: number;
  /** Above this share of the base tick spent flushing, the tick stretches (default: the whole tick). */
  busyShare?: number;
};

/**
 * The next tick after flushes that took `flushMs`: the base tick while they fit in it, else twice their duration
 * up to the ceiling. Under overload the figures go out less often, each merging more changes, instead of one
 * broadcast queueing behind the last; when the load falls the tick shrinks back at once. (Stretching from half a
 * tick on made a 5,000-socket call's broadcasts, which take 70–100 ms of wall time with other work interleaved,
 * skip ticks while the server was far from busy.)
 */
export function nextTickMs(flushMs: number, { baseMs, ceilingMs, busyShare = 1 }: TickLimits): number {
  if (!(flushMs > busyShare * baseMs)) return baseMs;
  return Math.min(ceilingMs, Math.max(baseMs, 2 * flushMs));
}

/**
 * Whether a tick of a fixed `baseMs` timer should flush, `sinceLastMs` after the last flush started, when the
 * tick is stretched to `tickMs`. Half a base tick of slack: timers fire a little early or late.
 */
export function isTickDue(sinceLastMs: number, tickMs: number, baseMs: number): boolean {
  return tickMs <= baseMs || sinceLastMs >= tickMs - baseMs / 2;
}
