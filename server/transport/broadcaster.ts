import type { CallEvent, PublicQuestion, SequencedEvent } from '@/lib/protocol';
import { countParticipants, listParticipants } from '../persistence/participants.repository';
import { readVoteCounts } from '../persistence/questions.repository';
import type { PresenceTracker } from './presence';
import { participantRoom } from './session';
import type { Database } from '../persistence/database';
import { callRoom, moderatorRoom, participantsRoom, type RoundtableServer } from './context';

const TICK_MS = 150;

/**
 * Sends changes to a call's room. Rare changes (sequenced events) go out at once; high-rate figures
 * (vote tallies, presence) are merged per call and sent at most once per tick.
 */
export class Broadcaster {
  readonly #dirtyPresence = new Set<string>();
  readonly #tallies = new Map<string, Set<string>>();
  readonly #changedParticipants = new Map<string, Set<string>>();
  readonly #timer: NodeJS.Timeout;

  constructor(
    private readonly io: RoundtableServer,
    private readonly database: Database,
    private readonly presence: PresenceTracker,
  ) {
    this.#timer = setInterval(() => {
      void this.flushTallies();
      void this.flushParticipants().then(() => this.flushPresence());
    }, TICK_MS);
    this.#timer.unref();
  }

  sendEvents(callId: string, firstSequence: number, events: CallEvent[]): SequencedEvent[] {
    const sequenced = events.map((event, index) => ({ sequence: firstSequence + index, event }));
    for (const item of sequenced) this.io.to(callRoom(callId)).emit('call:event', item);
    return sequenced;
  }

  /** A question's votes changed; everyone gets its count, merged with others, on the next tick. */
  markTallyChanged(callId: string, questionId: string): void {
    const tallies = this.#tallies.get(callId) ?? new Set<string>();
    tallies.add(questionId);
    this.#tallies.set(callId, tallies);
  }

  sendToModerators(callId: string, question: PublicQuestion): void {
    this.io.to(moderatorRoom(callId)).emit('qa:pending', question);
  }

  /** A participant's profile, presence or hand changed, or they were removed; everyone hears on the next tick. */
  markParticipantChanged(callId: string, participantId: string): void {
    const changes = this.#changedParticipants.get(callId) ?? new Set<string>();
    changes.add(participantId);
    this.#changedParticipants.set(callId, changes);
    this.#dirtyPresence.add(callId);
  }

  markPresenceChanged(callId: string): void {
    this.#dirtyPresence.add(callId);
  }

  async presenceOf(callId: string) {
    const onlineCount = await this.presence.onlineCount(callId);
    return { participantCount: await countParticipants(this.database, callId), onlineCount };
  }

  /**
   * Reads the counts when sending, not when the votes were written: with several nodes writing votes for the
   * same question, the count read last is the newest, so no node can overwrite it with an older one.
   */
  async flushTallies(): Promise<void> {
    const calls = [...this.#tallies];
    this.#tallies.clear();
    for (const [callId, questionIds] of calls) {
      try {
        this.io.to(callRoom(callId)).emit('qa:tallies', await readVoteCounts(this.database, callId, [...questionIds]));
      } catch (error) {
        console.error('tally update failed', error);
      }
    }
  }

  async flushParticipants(): Promise<void> {
    const calls = [...this.#changedParticipants];
    this.#changedParticipants.clear();
    for (const [callId, changes] of calls) {
      try {
        const online = await this.presence.onlineIds(callId);
        const participants = await listParticipants(this.database, callId, (participantId) => online.has(participantId), [...changes]);
        // A changed participant who is no longer listed was removed.
        const listed = new Set(participants.map((participant) => participant.id));
        const removed = [...changes].filter((id) => !listed.has(id)).map((removedId) => ({ removedId }));
        this.io.to(participantsRoom(callId)).emit('participants:changed', [...participants.map((participant) => ({ participant })), ...removed]);
        // Each participant also hears about themselves (a hand the host lowered), list or not.
        for (const participant of participants) this.io.to(participantRoom(participant.id)).emit('participant:self', participant);
      } catch (error) {
        console.error('participants update failed', error);
      }
    }
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
