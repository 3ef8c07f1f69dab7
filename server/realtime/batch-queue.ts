import { chunksOf } from '@/lib/chunks';
import { CommandError } from '@/lib/protocol';

type Entry<Item, Outcome> = { item: Item; resolve: (outcome: Outcome) => void; reject: (error: unknown) => void };
type Batch<Item, Outcome> = { entries: Entry<Item, Outcome>[]; timer: NodeJS.Timeout };

export type BatchQueueOptions<Item, Outcome> = {
  /** How long a key's batch waits for more items after its first: fixed, or asked when the batch opens. */
  windowMs: number | ((key: string) => number);
  /** The most items one `process` call takes; a longer batch is processed in several, in order. */
  maxBatch?: number;
  /** One outcome per item, in order. A throw rejects every item of that call. */
  process: (key: string, items: Item[]) => Promise<Outcome[]>;
  /**
   * Wraps the processing of a key's batch and the settling of its items, e.g. to take the call's turn and hold it
   * until the callers' replies are out, or to run every key's batches one after another.
   */
  around?: (key: string, work: () => Promise<void>) => Promise<void>;
};

/**
 * Per-key (usually per-call) batching: items submitted for a key within `windowMs` of its first are processed
 * together and each submitter gets its own outcome. Votes, minutes updates and joins all travel through one.
 */
export class BatchQueue<Item, Outcome> {
  readonly #pending = new Map<string, Batch<Item, Outcome>>();
  readonly #running = new Set<Promise<void>>();
  #isClosed = false;

  constructor(private readonly options: BatchQueueOptions<Item, Outcome>) {}

  submit(key: string, item: Item): Promise<Outcome> {
    // Only a server shutting down closes its queues; the client reconnects to the next one.
    if (this.#isClosed) return Promise.reject(new CommandError('unavailable', 'The server is restarting. Reconnecting…'));
    return new Promise((resolve, reject) => {
      let batch = this.#pending.get(key);
      if (!batch) {
        batch = { entries: [], timer: setTimeout(() => this.#run(key), this.#windowOf(key)) };
        this.#pending.set(key, batch);
      }
      batch.entries.push({ item, resolve, reject });
    });
  }

  /** Processes every waiting batch now, and resolves when no batch is being processed. */
  async flush(): Promise<void> {
    for (const key of [...this.#pending.keys()]) this.#run(key);
    while (this.#running.size > 0) await Promise.allSettled([...this.#running]);
  }

  /** Refuses new items, then flushes: nothing this queue does reaches the database after it resolves. */
  close(): Promise<void> {
    this.#isClosed = true;
    return this.flush();
  }

  #windowOf(key: string): number {
    const { windowMs } = this.options;
    return typeof windowMs === 'number' ? windowMs : windowMs(key);
  }

  #run(key: string): void {
    const batch = this.#pending.get(key);
    if (!batch) return;
    this.#pending.delete(key);
    clearTimeout(batch.timer);
    const work = () => this.#process(key, batch.entries);
    const running = (this.options.around ? this.options.around(key, work) : work()).catch((error: unknown) => {
      for (const entry of batch.entries) entry.reject(error);
    });
    this.#running.add(running);
    void running.finally(() => this.#running.delete(running));
  }

  async #process(key: string, entries: Entry<Item, Outcome>[]): Promise<void> {
    for (const chunk of chunksOf(entries, this.options.maxBatch ?? entries.length)) {
      try {
        const outcomes = await this.options.process(key, chunk.map((entry) => entry.item));
        if (outcomes.length !== chunk.length) throw new Error(`A batch of ${chunk.length} items produced ${outcomes.length} outcomes.`);
        chunk.forEach((entry, index) => entry.resolve(outcomes[index]!));
      } catch (error) {
        for (const entry of chunk) entry.reject(error);
      }
    }
  }
}
