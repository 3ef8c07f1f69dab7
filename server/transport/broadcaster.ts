import type { CallEvent, PublicQuestion, SequencedEvent } from '@/lib/protocol';
import { countParticipants } from '../persistence/participants.repository';
import type { Database } from '../persistence/database';
import { callRoom, moderatorRoom, type RoundtableServer } from './context';

const TICK_MS = 150;

/**
 * Sends changes to a call's room. Rare changes (sequenced events) go out at once; high-rate figures
 * (vote tallies, presence) are merged per call and sent at most once per tick.
 */
export class Broadcaster {
  readonly #dirtyPresence = new Set<string>();
  readonly #tallies = new Map<string, Map<string, number>>();
  readonly #timer: NodeJS.Timeout;

  constructor(
    private readonly io: RoundtableServer,
    private readonly database: Database,
  ) {
    this.#timer = setInterval(() => {
      this.flushTallies();
      void this.flushPresence();
    }, TICK_MS);
    this.#timer.unref();
  }

  sendEvents(callId: string, firstSequence: number, events: CallEvent[]): SequencedEvent[] {
    const sequenced = events.map((event, index) => ({ sequence: firstSequence + index, event }));
    for (const item of sequenced) this.io.to(callRoom(callId)).emit('call:event', item);
    return sequenced;
  }

  /** Records a question's new vote count; everyone gets the merged counts on the next tick. */
  setTally(callId: string, questionId: string, voteCount: number): void {
    const tallies = this.#tallies.get(callId) ?? new Map<string, number>();
    tallies.set(questionId, voteCount);
    this.#tallies.set(callId, tallies);
  }

  sendToModerators(callId: string, question: PublicQuestion): void {
    this.io.to(moderatorRoom(callId)).emit('qa:pending', question);
  }

  markPresenceChanged(callId: string): void {
    this.#dirtyPresence.add(callId);
  }

  async presenceOf(callId: string) {
    const onlineCount = this.io.sockets.adapter.rooms.get(callRoom(callId))?.size ?? 0;
    return { participantCount: await countParticipants(this.database, callId), onlineCount };
  }

  flushTallies(): void {
    for (const [callId, tallies] of this.#tallies) this.io.to(callRoom(callId)).emit('qa:tallies', Object.fromEntries(tallies));
    this.#tallies.clear();
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
