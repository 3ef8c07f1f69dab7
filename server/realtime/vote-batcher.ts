import type { VoteOutcome, VoteRequest } from '../domain/votes';
import { applyVoteBatch } from '../persistence/questions.repository';
import type { Database } from '../persistence/database';
import { BatchQueue } from './batch-queue';
import type { Broadcaster } from './broadcaster';

const BATCH_MS = 50;
/** A slow tick can collect thousands of votes; bounded transactions keep the database's writer lock short. */
const MAX_BATCH = 300;

/**
 * Collects votes for a short tick and writes each call's batch in one transaction, so a vote storm becomes
 * a few writes per second. A vote is acknowledged only after its batch is committed; its tally goes out on the
 * broadcaster's next tick.
 */
export class VoteBatcher {
  readonly #queue: BatchQueue<VoteRequest, VoteOutcome>;
  /** Batches are written one after another, whichever call they belong to. */
  #writing: Promise<void> = Promise.resolve();

  constructor(database: Database, broadcaster: Pick<Broadcaster, 'publish'>) {
    this.#queue = new BatchQueue({
      windowMs: BATCH_MS,
      maxBatch: MAX_BATCH,
      around: (_, work) => (this.#writing = this.#writing.then(work)),
      process: async (callId, requests) => {
        const { outcomes, notices } = await applyVoteBatch(database, callId, requests);
        broadcaster.publish(callId, notices);
        return outcomes;
      },
    });
  }

  submit(callId: string, request: VoteRequest): Promise<VoteOutcome> {
    return this.#queue.submit(callId, request);
  }

  /** Writes every waiting vote, after any batch already being written. */
  flush(): Promise<void> {
    return this.#queue.flush();
  }
}
