import type { Notice } from '../domain/decision';
import type { AnswerOutcome, AnswerRequest } from '../domain/polls';
import type { VoteOutcome, VoteRequest } from '../domain/votes';
import { applyAnswerBatch } from '../persistence/polls.repository';
import { applyVoteBatch, type VoteChecks } from '../persistence/questions.repository';
import type { Database } from '../persistence/database';
import { BatchQueue } from './batch-queue';
import { TICK_MS, type Broadcaster } from './broadcaster';

/**
 * The broadcaster writes the waiting batches at the start of each tick, just before it sends the figures they
 * change (see `Broadcaster.writeBeforeFigures`), so a vote waits for one tick, not for a window and then a tick.
 * This window only applies when no tick comes (a stalled broadcaster, or one without a timer).
 */
const BATCH_MS = 2 * TICK_MS;
/** A slow tick can collect thousands of requests; bounded transactions keep the database's writer lock short. */
const MAX_BATCH = 300;

type Write<Request, Outcome> = (callId: string, requests: Request[]) => Promise<{ outcomes: Outcome[]; notices: Notice[] }>;

/**
 * Collects high-rate writes (votes, poll answers) until the broadcaster's next tick and writes each call's batch
 * in one transaction, so a storm becomes a few writes per second. A request is acknowledged only after its batch
 * is committed; the batch's notices (tallies, results) are published then, and go out in that same tick.
 */
export class WriteBatcher<Request, Outcome extends { ok: boolean }> {
  readonly #queue: BatchQueue<Request, Outcome>;
  /** Batches are written one after another, whichever call they belong to. */
  #writing: Promise<void> = Promise.resolve();

  /** `countAccepted` hears how many of each committed batch's requests were accepted (the metrics' counters). */
  constructor(
    write: Write<Request, Outcome>,
    broadcaster: Pick<Broadcaster, 'publish' | 'writeBeforeFigures'>,
    countAccepted: (count: number) => void = () => undefined,
  ) {
    this.#queue = new BatchQueue({
      windowMs: BATCH_MS,
      maxBatch: MAX_BATCH,
      around: (_, work) => (this.#writing = this.#writing.then(work)),
      process: async (callId, requests) => {
        const { outcomes, notices } = await write(callId, requests);
        broadcaster.publish(callId, notices);
        countAccepted(outcomes.filter((outcome) => outcome.ok).length);
        return outcomes;
      },
    });
    broadcaster.writeBeforeFigures(() => this.flush());
  }

  submit(callId: string, request: Request): Promise<Outcome> {
    return this.#queue.submit(callId, request);
  }

  /** Writes every waiting request, after any batch already being written. */
  flush(): Promise<void> {
    return this.#queue.flush();
  }
}

export type VoteBatcher = WriteBatcher<VoteRequest, VoteOutcome>;
export type AnswerBatcher = WriteBatcher<AnswerRequest, AnswerOutcome>;

type Publisher = Pick<Broadcaster, 'publish' | 'writeBeforeFigures'>;

export function createVoteBatcher(database: Database, broadcaster: Publisher, countAccepted?: (count: number) => void, checks?: VoteChecks): VoteBatcher {
  return new WriteBatcher((callId, requests) => applyVoteBatch(database, callId, requests, checks), broadcaster, countAccepted);
}

export function createAnswerBatcher(database: Database, broadcaster: Publisher, countAccepted?: (count: number) => void): AnswerBatcher {
  return new WriteBatcher((callId, requests) => applyAnswerBatch(database, callId, requests), broadcaster, countAccepted);
}
