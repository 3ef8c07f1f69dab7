let lastHandedOut = 0;

/**
 * The current time, or one millisecond past the last time handed out when two stamps land in the
 * same millisecond, so check-ins, raised hands and questions stamped by this process keep the order
 * they happened in instead of tying and falling back to their random ids.
 */
export function orderedNow(): Date {
  lastHandedOut = Math.max(Date.now(), lastHandedOut + 1);
  return new Date(lastHandedOut);
}
