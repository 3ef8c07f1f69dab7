import { applyCallEvent } from '@/lib/call-state';
import type { PublicCall, SequencedEvent } from '@/lib/protocol';
import { findCallAccess, loadPublicCall, readSequence, type CallAccess } from '../persistence/calls.repository';
import type { Database } from '../persistence/database';

type Entry = { call: PublicCall; sequence: number };

/**
 * Keeps each call's public state in memory so a join storm reads one integer per join instead of the whole
 * agenda. The database stays the truth: an entry is used only while its sequence matches the stored one.
 */
export class SnapshotCache {
  readonly #entries = new Map<string, Entry>();
  /** When each entry was last read or checked against the stored sequence (performance.now()). */
  readonly #checkedAt = new Map<string, number>();
  /** A call's id and keys never change once created, so they are read once per slug. */
  readonly #access = new Map<string, CallAccess>();

  constructor(private readonly database: Database) {}

  async access(slug: string): Promise<CallAccess | null> {
    const cached = this.#access.get(slug);
    if (cached) return cached;
    const access = await findCallAccess(this.database, slug);
    if (access) this.#access.set(slug, access);
    return access;
  }

  async get(callId: string): Promise<Entry | null> {
    const checkedAt = performance.now();
    const cached = this.#entries.get(callId);
    if (cached && (await readSequence(this.database, callId)) === cached.sequence) {
      this.#checkedAt.set(callId, checkedAt);
      return cached;
    }
    const loaded = await loadPublicCall(this.database, callId);
    if (loaded) {
      this.#entries.set(callId, loaded);
      this.#checkedAt.set(callId, checkedAt);
    } else {
      this.#entries.delete(callId);
    }
    return loaded;
  }

  /**
   * The entry as checked within the last `maxAgeMs`, else as `get` reads it. For high-rate commands that need only
   * the call's status and current item (a reaction): a change another node made may show up to `maxAgeMs` late,
   * and a thousand reactions a second cost a handful of reads instead of a thousand.
   */
  async recent(callId: string, maxAgeMs: number): Promise<Entry | null> {
    const cached = this.#entries.get(callId);
    if (cached && performance.now() - (this.#checkedAt.get(callId) ?? Number.NEGATIVE_INFINITY) <= maxAgeMs) return cached;
    return this.get(callId);
  }

  /** Drops what this node holds of a deleted call. */
  forget(access: Pick<CallAccess, 'id' | 'slug'>): void {
    this.#access.delete(access.slug);
    this.#entries.delete(access.id);
    this.#checkedAt.delete(access.id);
  }

  /** Moves a cached entry forward with events this node committed; drops it if it cannot follow. */
  advance(callId: string, events: SequencedEvent[]): void {
    let entry = this.#entries.get(callId);
    for (const { sequence, event } of events) {
      if (!entry || sequence !== entry.sequence + 1) {
        this.#entries.delete(callId);
        return;
      }
      entry = { sequence, call: applyCallEvent(entry.call, event) };
    }
    if (entry) this.#entries.set(callId, entry);
  }
}
