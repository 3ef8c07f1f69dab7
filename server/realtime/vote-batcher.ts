import { applyVoteBatch, type VoteOutcome, type VoteRequest } from '../persistence/questions.repository';
import type { Database } from '../persistence/database';
import type { Broadcaster } from './broadcaster';

const BATCH_MS = 50;
const MAX_BATCH = 300;

type Waiting = VoteRequest & { resolve: (outcome: VoteOutcome) => void; reject: (error: unknown) => void };

/**
 * Collects votes for a short tick and writes each call's batch in one transaction, so a vote storm becomes
 * a few writes per second. A vote is acknowledged only after its batch is committed.
 */
export class VoteBatcher {
  readonly #queues = new Map<string, Waiting[]>();
  #timer: NodeJS.Timeout | undefined;
  /** The batch being written, so a flush on shutdown also waits for it. */
  #writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly database: Database,
    private readonly broadcaster: Broadcaster,
  ) {}

  submit(callId: string, request: VoteRequest): Promise<VoteOutcome> {
    return new Promise((resolve, reject) => {
      const queue = this.#queues.get(callId) ?? [];
      queue.push({ ...request, resolve, reject });
      this.#queues.set(callId, queue);
      this.#timer ??= setTimeout(() => void this.flush(), BATCH_MS);
    });
  }

  /** Writes every waiting vote, after any batch already being written. */
  flush(): Promise<void> {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    const queues = [...this.#queues];
    this.#queues.clear();
    this.#writing = this.#writing.then(() => this.#write(queues));
    return this.#writing;
  }

  async #write(queues: [string, Waiting[]][]): Promise<void> {
    // A slow tick can collect thousands of votes; bounded transactions keep the database's writer lock short.
    const batches = queues.flatMap(([callId, waiting]) =>
      Array.from({ length: Math.ceil(waiting.length / MAX_BATCH) }, (_, index) => [callId, waiting.slice(index * MAX_BATCH, (index + 1) * MAX_BATCH)] as const),
    );
    for (const [callId, waiting] of batches) {
      try {
        const outcomes = await applyVoteBatch(this.database, callId, waiting);
        outcomes.forEach((outcome, index) => {
          const request = waiting[index]!;
          if (outcome.ok) this.broadcaster.markTallyChanged(callId, request.questionId);
          request.resolve(outcome);
        });
      } catch (error) {
        for (const request of waiting) request.reject(error);
      }
    }
  }
}
