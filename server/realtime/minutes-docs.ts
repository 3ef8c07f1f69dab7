import { silentLogger, type Logger } from '../observability/logger';
import { Awareness } from 'y-protocols/awareness';
import * as Y from 'yjs';
import type { Database } from '../persistence/database';
import {
  findLatestMinutesSnapshotHeader,
  findMinutesSnapshot,
  insertMinutesSnapshot,
  listMinutesUpdatesSince,
} from '../persistence/minutes.repository';

export type MinutesOptions = { compactEvery?: number; compactIntervalMs?: number };

const DEFAULTS = { compactEvery: 200, compactIntervalMs: 60_000 };

/** One call's minutes as this node knows them; the database stays the truth. */
export type MinutesDoc = {
  callId: string;
  doc: Y.Doc;
  awareness: Awareness;
  /** Highest stored update id applied, and the newest snapshot seen. */
  lastUpdateId: number;
  snapshotId: number;
  updatesSinceSnapshot: number;
  isCompacting: boolean;
  /** Awareness client ids each socket announced, to clear them when it leaves. */
  clientsBySocket: Map<string, Set<number>>;
};

function applyStored(minutes: MinutesDoc, update: Uint8Array, logger: Logger): void {
  try {
    Y.applyUpdate(minutes.doc, update, 'storage');
  } catch (error) {
    logger.error({ err: error, callId: minutes.callId }, 'minutes: skipped an unreadable stored update');
  }
}

/**
 * Keeps one Y.Doc per call in memory, loaded lazily from the latest snapshot plus later updates, compacted into
 * snapshots now and then, and dropped when nobody on this node is in the call.
 */
export class MinutesDocs {
  readonly #docs = new Map<string, Promise<MinutesDoc>>();
  readonly #options: Required<MinutesOptions>;
  readonly #timer: NodeJS.Timeout;

  constructor(
    private readonly database: Database,
    /** Whether nobody on this node is in the call, so its doc may go. */
    private readonly isCallEmpty: (callId: string) => boolean,
    options: MinutesOptions = {},
    private readonly logger: Logger = silentLogger,
  ) {
    this.#options = { ...DEFAULTS, ...options };
    this.#timer = setInterval(() => void this.#compactAll(), this.#options.compactIntervalMs);
    this.#timer.unref();
  }

  /** The call's doc as this node has it (loaded on first use). */
  get(callId: string): Promise<MinutesDoc> {
    let pending = this.#docs.get(callId);
    if (!pending) {
      pending = this.#load(callId);
      this.#docs.set(callId, pending);
      pending.catch(() => this.#docs.delete(callId));
    }
    return pending;
  }

  /** The doc if this node has it loaded (or is loading it). */
  loaded(callId: string): Promise<MinutesDoc> | undefined {
    return this.#docs.get(callId);
  }

  /** The call's doc with whatever other nodes stored since this node last looked. */
  async catchUp(callId: string): Promise<MinutesDoc> {
    return this.#readNewer(await this.get(callId));
  }

  /** Applies an update this node just stored under `id`. */
  accept(minutes: MinutesDoc, id: number, update: Uint8Array): void {
    try {
      Y.applyUpdate(minutes.doc, update, 'client');
    } catch (error) {
      this.logger.error({ err: error, callId: minutes.callId }, 'minutes: an accepted update failed to apply');
    }
    // Another node may have stored the ids in between; only the next read (#readNewer) may skip past them.
    if (id === minutes.lastUpdateId + 1) minutes.lastUpdateId = id;
    minutes.updatesSinceSnapshot += 1;
    if (minutes.updatesSinceSnapshot >= this.#options.compactEvery) void this.compact(minutes);
  }

  async compact(minutes: MinutesDoc): Promise<void> {
    if (minutes.isCompacting) return;
    minutes.isCompacting = true;
    try {
      await this.#readNewer(minutes);
      const counted = minutes.updatesSinceSnapshot;
      minutes.snapshotId = await insertMinutesSnapshot(this.database, minutes.callId, Y.encodeStateAsUpdate(minutes.doc), minutes.lastUpdateId);
      minutes.updatesSinceSnapshot -= counted;
    } catch (error) {
      this.logger.error({ err: error, callId: minutes.callId }, 'minutes: compacting failed');
    } finally {
      minutes.isCompacting = false;
    }
  }

  /** Drops the call's doc (compacting it first) once nobody on this node is in the call. */
  evictIfEmpty(callId: string): void {
    if (!this.isCallEmpty(callId)) return;
    const pending = this.#docs.get(callId);
    if (!pending) return;
    this.#docs.delete(callId);
    void pending.then(async (minutes) => {
      if (minutes.updatesSinceSnapshot > 0) await this.compact(minutes);
      this.#destroy(minutes);
    });
  }

  /** Drops a deleted call's doc at once, without compacting it into a snapshot. */
  discard(callId: string): void {
    const pending = this.#docs.get(callId);
    this.#docs.delete(callId);
    void pending?.then((minutes) => this.#destroy(minutes)).catch(() => undefined);
  }

  stop(): void {
    clearInterval(this.#timer);
    for (const pending of this.#docs.values()) void pending.then((minutes) => this.#destroy(minutes));
    this.#docs.clear();
  }

  async #load(callId: string): Promise<MinutesDoc> {
    const doc = new Y.Doc({ gc: true });
    const awareness = new Awareness(doc);
    awareness.setLocalState(null);
    const minutes: MinutesDoc = { callId, doc, awareness, lastUpdateId: 0, snapshotId: 0, updatesSinceSnapshot: 0, isCompacting: false, clientsBySocket: new Map() };
    try {
      return await this.#readNewer(minutes);
    } catch (error) {
      this.#destroy(minutes);
      throw error;
    }
  }

  /** Applies what other nodes stored since this node last looked: a newer snapshot, then newer updates. */
  async #readNewer(minutes: MinutesDoc): Promise<MinutesDoc> {
    const latest = await findLatestMinutesSnapshotHeader(this.database, minutes.callId);
    if (latest && latest.id > minutes.snapshotId) {
      if (latest.lastUpdateId > minutes.lastUpdateId) {
        const snapshot = await findMinutesSnapshot(this.database, minutes.callId, latest.id);
        if (snapshot) applyStored(minutes, snapshot.state, this.logger);
        minutes.lastUpdateId = Math.max(minutes.lastUpdateId, latest.lastUpdateId);
      }
      minutes.snapshotId = latest.id;
    }
    for (const { id, update } of await listMinutesUpdatesSince(this.database, minutes.callId, minutes.lastUpdateId)) {
      applyStored(minutes, update, this.logger);
      minutes.lastUpdateId = Math.max(minutes.lastUpdateId, id);
    }
    return minutes;
  }

  async #compactAll(): Promise<void> {
    for (const pending of this.#docs.values()) {
      const minutes = await pending.catch(() => null);
      if (minutes && minutes.updatesSinceSnapshot > 0) await this.compact(minutes);
    }
  }

  #destroy(minutes: MinutesDoc): void {
    minutes.awareness.destroy();
    minutes.doc.destroy();
  }
}
