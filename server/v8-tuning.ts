import v8 from 'node:v8';

/**
 * V8 settings for a serving process (server/main.ts, and the bench's copy of it), applied before anything is
 * compiled or allocated in earnest. Measured with 5,000 attendees connected (scripts/bench/NOTES-issue-16.md):
 * - `--liftoff-only`: Prisma's query compiler is WebAssembly, and V8's optimizing tier compiled it eagerly and
 *   kept ~75 MB of machine code and compiler memory for the life of the process; the baseline tier alone costs a
 *   few MB, and query planning showed no difference in the bench.
 * Not applied, measured in the same bench: `--heap-growing-percent=10` (RSS 285 → 228 MB, but 10–15 points more
 * CPU under votes and a vote capacity of 500/s instead of 2,000/s) and `--optimize-for-size` (206 MB, 15–20 points
 * more CPU, capacity 0).
 */
export function tuneV8ForServing(): void {
  v8.setFlagsFromString('--liftoff-only');
}
