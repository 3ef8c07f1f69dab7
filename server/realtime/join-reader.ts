import { CommandError, type PublicCall, type PublicQuestion } from '@/lib/protocol';
import { visibleQuestions } from '../domain/questions';
import type { Database } from '../persistence/database';
import { findParticipantsForTokens, type TokenHolder } from '../persistence/participants.repository';
import { listOwnActivity, listQuestions, type OwnActivity } from '../persistence/questions.repository';
import { TICK_MS, type Broadcaster } from './broadcaster';
import type { SnapshotCache } from './snapshot-cache';
import { batchWithin } from './batch-window';

export type JoinView = {
  sequence: number;
  call: PublicCall;
  questions: PublicQuestion[];
  presence: { participantCount: number; onlineCount: number };
  own: OwnActivity;
};

/** Joins within this long of each other are read together; a join waits at most this much longer. */
const JOIN_BATCH_MS = 10;

type Request = { participantId: string | null; isModerator: boolean; resolve: (view: JoinView | null) => void; reject: (error: unknown) => void };

/**
 * Reads what a join returns (the call's state, its questions, presence, the participant's own votes and
 * questions) once for all joins of a call that arrive within a few milliseconds of each other, so a thousand
 * attendees rejoining at once cost a few reads, not a few thousand. A read starts only after every join it
 * serves has entered the call's room: whatever changes after it reaches them as an event or a tally.
 */
export class JoinReader {
  readonly #pending = new Map<string, Request[]>();
  /** Reads not yet settled (waiting for their batch or running), so closing can wait for them. */
  readonly #inFlight = new Set<Promise<unknown>>();
  readonly #findTokenHolders: (participantId: string) => Promise<TokenHolder | undefined>;
  #isClosed = false;

  constructor(
    private readonly database: Database,
    private readonly snapshots: SnapshotCache,
    private readonly broadcaster: Broadcaster,
  ) {
    this.#findTokenHolders = batchWithin(JOIN_BATCH_MS, (participantIds) => findParticipantsForTokens(database, participantIds));
  }

  /** Who a participant token names: blocked, removed or checked in, and in which call. */
  tokenHolder(participantId: string): Promise<TokenHolder | undefined> {
    return this.#track(() => this.#findTokenHolders(participantId));
  }

  /** Null when the call no longer exists. */
  read(callId: string, participantId: string | null, isModerator: boolean): Promise<JoinView | null> {
    return this.#track(
      () =>
        new Promise<JoinView | null>((resolve, reject) => {
          let batch = this.#pending.get(callId);
          if (!batch) {
            batch = [];
            this.#pending.set(callId, batch);
            setTimeout(() => void this.#readBatch(callId), JOIN_BATCH_MS);
          }
          batch.push({ participantId, isModerator, resolve, reject });
        }),
    );
  }

  /** Refuses new joins and waits for the reads under way, so none reaches the database after it closes. */
  async close(): Promise<void> {
    this.#isClosed = true;
    while (this.#inFlight.size > 0) await Promise.allSettled([...this.#inFlight]);
  }

  #track<T>(start: () => Promise<T>): Promise<T> {
    if (this.#isClosed) return Promise.reject(new CommandError('unavailable', 'The server is restarting. Reconnecting…'));
    const promise = start();
    this.#inFlight.add(promise);
    void promise.finally(() => this.#inFlight.delete(promise)).catch(() => undefined);
    return promise;
  }

  async #readBatch(callId: string): Promise<void> {
    const batch = this.#pending.get(callId) ?? [];
    this.#pending.delete(callId);
    await this.broadcaster.exclusive(callId, async () => {
      await this.#read(callId, batch);
      // Let the joins send their acks before a tally read may start.
      await new Promise<void>((resolve) => setImmediate(resolve));
    });
  }

  async #read(callId: string, batch: Request[]): Promise<void> {
    try {
      const participantIds = batch.flatMap((request) => (request.participantId ? [request.participantId] : []));
      const snapshot = await this.snapshots.get(callId);
      if (!snapshot) return batch.forEach((request) => request.resolve(null));
      const questions = await listQuestions(this.database, callId, { includeHidden: true });
      const presence = await this.broadcaster.presenceOf(callId, TICK_MS);
      const own = participantIds.length > 0 ? await listOwnActivity(this.database, callId, participantIds) : new Map<string, OwnActivity>();
      for (const { participantId, isModerator, resolve } of batch) {
        const mine = (participantId && own.get(participantId)) || { myVotes: [], myQuestions: [] };
        resolve({ ...snapshot, questions: visibleQuestions({ isModerator, ownQuestionIds: mine.myQuestions }, questions), presence, own: mine });
      }
    } catch (error) {
      for (const request of batch) request.reject(error);
    }
  }
}
