import * as Y from 'yjs';
import { moderatorRoom } from './rooms';
import type { RoundtableServer } from './sockets';
import { spreadOverCall } from './fan-out';

/** Scribes see each other's keystrokes within this tick; attendees who only read get a merge on the slower one. */
const WRITER_TICK_MS = 30;
const READER_TICK_MS = 200;

type Waiting = { update: Uint8Array; resolve: () => void; reject: (error: unknown) => void };

/**
 * Merges the minutes updates of a call that arrive within a short tick into one update: one stored row, one
 * message to the scribes and hosts, and (merged again per slower tick) one message to the attendees. With fifty
 * scribes typing, relaying every keystroke to thousands of readers would be a million messages a second.
 */
export class MinutesBatcher {
  readonly #queues = new Map<string, Waiting[]>();
  readonly #forReaders = new Map<string, Uint8Array[]>();
  readonly #readerTimer: NodeJS.Timeout;
  #timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly io: RoundtableServer,
    /** Stores and applies one (merged) update; a batch is acknowledged only after it resolves. */
    private readonly store: (callId: string, update: Uint8Array) => Promise<void>,
  ) {
    this.#readerTimer = setInterval(() => this.#flushReaders(), READER_TICK_MS);
    this.#readerTimer.unref();
  }

  submit(callId: string, update: Uint8Array): Promise<void> {
    return new Promise((resolve, reject) => {
      const queue = this.#queues.get(callId) ?? [];
      queue.push({ update, resolve, reject });
      this.#queues.set(callId, queue);
      this.#timer ??= setTimeout(() => void this.#flush(), WRITER_TICK_MS);
    });
  }

  stop(): void {
    clearTimeout(this.#timer);
    clearInterval(this.#readerTimer);
  }

  async #flush(): Promise<void> {
    this.#timer = undefined;
    const queues = [...this.#queues];
    this.#queues.clear();
    await Promise.all(queues.map(([callId, waiting]) => this.#write(callId, waiting)));
  }

  async #write(callId: string, waiting: Waiting[]): Promise<void> {
    try {
      const merged = waiting.length === 1 ? waiting[0]!.update : Y.mergeUpdates(waiting.map((entry) => entry.update));
      await this.store(callId, merged);
      this.io.to(moderatorRoom(callId)).emit('minutes:update', merged);
      const forReaders = this.#forReaders.get(callId) ?? [];
      forReaders.push(merged);
      this.#forReaders.set(callId, forReaders);
      for (const entry of waiting) entry.resolve();
    } catch (error) {
      for (const entry of waiting) entry.reject(error);
    }
  }

  #flushReaders(): void {
    for (const [callId, updates] of this.#forReaders) {
      const merged = updates.length === 1 ? updates[0]! : Y.mergeUpdates(updates);
      void spreadOverCall(callId, (room) => this.io.to(room).except(moderatorRoom(callId)).emit('minutes:update', merged));
    }
    this.#forReaders.clear();
  }
}
