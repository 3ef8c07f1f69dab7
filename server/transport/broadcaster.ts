import type { CallEvent, SequencedEvent } from '@/lib/protocol';
import { countParticipants } from '../persistence/participants.repository';
import type { Database } from '../persistence/database';
import { callRoom, type RoundtableServer } from './context';

const PRESENCE_TICK_MS = 200;

/**
 * Sends changes to a call's room. Rare changes (sequenced events) go out at once; high-rate figures
 * (presence) are merged per call and sent at most once per tick.
 */
export class Broadcaster {
  readonly #dirtyPresence = new Set<string>();
  readonly #timer: NodeJS.Timeout;

  constructor(
    private readonly io: RoundtableServer,
    private readonly database: Database,
  ) {
    this.#timer = setInterval(() => void this.flushPresence(), PRESENCE_TICK_MS);
    this.#timer.unref();
  }

  sendEvents(callId: string, firstSequence: number, events: CallEvent[]): SequencedEvent[] {
    const sequenced = events.map((event, index) => ({ sequence: firstSequence + index, event }));
    for (const item of sequenced) this.io.to(callRoom(callId)).emit('call:event', item);
    return sequenced;
  }

  markPresenceChanged(callId: string): void {
    this.#dirtyPresence.add(callId);
  }

  async presenceOf(callId: string) {
    const onlineCount = this.io.sockets.adapter.rooms.get(callRoom(callId))?.size ?? 0;
    return { participantCount: await countParticipants(this.database, callId), onlineCount };
  }

  async flushPresence(): Promise<void> {
    const callIds = [...this.#dirtyPresence];
    this.#dirtyPresence.clear();
    for (const callId of callIds) {
      try {
        this.io.to(callRoom(callId)).emit('call:presence', await this.presenceOf(callId));
      } catch (error) {
        console.error('presence update failed', error);
      }
    }
  }

  stop(): void {
    clearInterval(this.#timer);
  }
}
