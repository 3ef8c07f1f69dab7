import { REACTIONS, type Reaction } from '@/lib/protocol';
import { callRoom } from './rooms';
import type { RoundtableServer, RoundtableSocket } from './sockets';

/** A socket with this many packets waiting in Engine.IO's write buffer is too far behind for the per-tick figures. */
export const MAX_BUFFERED_PACKETS = 64;

/** What a socket skipped while it was behind: all of it replaceable by the latest state. */
export type Missed = {
  questionIds: Set<string>;
  pollIds: Set<string>;
  presence: boolean;
  /** Reactions are counts per tick, not totals: a socket behind gets their sum per agenda item ('' for none). */
  reactions: Map<string, Partial<Record<Reaction, number>>>;
};

const nothingMissed = (): Missed => ({ questionIds: new Set(), pollIds: new Set(), presence: false, reactions: new Map() });

/** Whether Engine.IO holds more than `bound` packets for the socket: its transport cannot take them as fast. */
export function isBackedUp(socket: { conn: object }, bound: number): boolean {
  // Engine.IO keeps the buffer private in its types; it is a plain array of packets.
  const buffer: unknown = Reflect.get(socket.conn, 'writeBuffer');
  return Array.isArray(buffer) && buffer.length >= bound;
}

/**
 * The sockets of each call that are behind: a replaceable per-tick update (tallies, poll results, presence,
 * reactions) skips them rather than adding to a buffer that only grows, and notes what they missed; once their
 * transport has drained, they get the latest state of all of it in one go. Sequenced call events never skip anyone.
 */
export class Laggards {
  readonly #behind = new Map<string, Map<string, Missed>>();

  constructor(
    private readonly io: RoundtableServer,
    private readonly maxBufferedPackets = MAX_BUFFERED_PACKETS,
  ) {}

  /**
   * The ids of the call's sockets an update must skip now (those backed up, and those not caught up since), after
   * `note` has recorded in each what it misses. Call it right before sending, without waiting in between.
   */
  skip(callId: string, note: (missed: Missed) => void): string[] {
    let behind = this.#behind.get(callId);
    for (const id of this.io.sockets.adapter.rooms.get(callRoom(callId)) ?? []) {
      if (behind?.has(id)) continue;
      const socket = this.io.sockets.sockets.get(id);
      if (!socket || !isBackedUp(socket, this.maxBufferedPackets)) continue;
      behind ??= new Map();
      this.#behind.set(callId, behind);
      behind.set(id, nothingMissed());
    }
    if (!behind) return [];
    for (const missed of behind.values()) note(missed);
    return [...behind.keys()];
  }

  /** The calls with sockets behind. */
  calls(): string[] {
    return [...this.#behind.keys()];
  }

  /** Takes the call's sockets that can take messages again, with what each missed; forgets those gone. */
  takeCaughtUp(callId: string): { socket: RoundtableSocket; missed: Missed }[] {
    const behind = this.#behind.get(callId);
    if (!behind) return [];
    const caughtUp: { socket: RoundtableSocket; missed: Missed }[] = [];
    for (const [id, missed] of behind) {
      const socket = this.io.sockets.sockets.get(id);
      if (socket?.data.callId === callId && isBackedUp(socket, this.maxBufferedPackets)) continue;
      behind.delete(id);
      if (socket?.data.callId === callId) caughtUp.push({ socket, missed });
    }
    if (behind.size === 0) this.#behind.delete(callId);
    return caughtUp;
  }
}

/** Adds one tick's reaction counts for an item to what a socket missed. */
export function addMissedReactions(missed: Missed, itemId: string, counts: Partial<Record<Reaction, number>>): void {
  const sum = { ...missed.reactions.get(itemId) };
  for (const emoji of REACTIONS) {
    const count = counts[emoji];
    if (count) sum[emoji] = (sum[emoji] ?? 0) + count;
  }
  missed.reactions.set(itemId, sum);
}
