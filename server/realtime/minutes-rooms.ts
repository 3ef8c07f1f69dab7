import { silentLogger, type Logger } from '../observability/logger';
import { applyAwarenessUpdate, encodeAwarenessUpdate, removeAwarenessStates } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { isDecodableUpdate, replaceText, textOfState, minutesText } from '@/lib/minutes';
import { CommandError, type MinutesSnapshotSummary } from '@/lib/protocol';
import type { Database } from '../persistence/database';
import { appendMinutesUpdate, findMinutesSnapshot, listMinutesSnapshots } from '../persistence/minutes.repository';
import { nextTickMs } from '../domain/adaptive-tick';
import { BatchQueue } from './batch-queue';
import { spreadOverCall } from './fan-out';
import { MinutesDocs, type MinutesOptions } from './minutes-docs';
import { callRoom, moderatorRoom } from './rooms';
import type { RoundtableServer, RoundtableSocket } from './sockets';

/** Scribes see each other's keystrokes within this tick; attendees who only read get a merge on the slower one. */
const WRITER_TICK_MS = 30;
const READER_TICK_MS = 200;
/** While relaying to the readers takes long, their tick stretches (see `nextTickMs`), up to this. */
const MAX_READER_TICK_MS = 1000;

const merge = (updates: Uint8Array[]) => (updates.length === 1 ? updates[0]! : Y.mergeUpdates(updates));

/**
 * The shared minutes of every call on this node. One pipeline carries every change (a scribe's keystrokes, a
 * restored version): updates arriving within a tick are merged, stored, applied to the call's doc and relayed,
 * and a change is acknowledged only once it is stored. With fifty scribes typing, relaying every keystroke to
 * thousands of readers would be a million messages a second: scribes get one message per writer tick, readers
 * one merge per slower tick.
 */
export class MinutesRooms {
  readonly #docs: MinutesDocs;
  readonly #writes: BatchQueue<Uint8Array, void>;
  readonly #forReaders: BatchQueue<Uint8Array, void>;
  readonly #listeners: ((callId: string) => void)[] = [];
  /** The readers' tick of the calls whose last relay was slow; the others' is READER_TICK_MS. */
  readonly #readerTicks = new Map<string, number>();

  constructor(
    private readonly io: RoundtableServer,
    private readonly database: Database,
    options: MinutesOptions = {},
    private readonly logger: Logger = silentLogger,
  ) {
    this.#docs = new MinutesDocs(database, (callId) => (io.sockets.adapter.rooms.get(callRoom(callId))?.size ?? 0) === 0, options, logger);
    this.#writes = new BatchQueue<Uint8Array, void>({
      windowMs: WRITER_TICK_MS,
      process: async (callId, updates) => {
        await this.#commit(callId, merge(updates));
        return updates.map(() => undefined);
      },
    });
    this.#forReaders = new BatchQueue<Uint8Array, void>({
      windowMs: (callId) => this.#readerTicks.get(callId) ?? READER_TICK_MS,
      process: async (callId, updates) => {
        const startedAt = performance.now();
        const merged = merge(updates);
        await spreadOverCall(callId, (room) => this.io.to(room).except(moderatorRoom(callId)).emit('minutes:update', merged));
        const tickMs = nextTickMs(performance.now() - startedAt, { baseMs: READER_TICK_MS, ceilingMs: MAX_READER_TICK_MS });
        if (tickMs > READER_TICK_MS) this.#readerTicks.set(callId, tickMs);
        else this.#readerTicks.delete(callId);
        return updates.map(() => undefined);
      },
    });
  }

  async sync(callId: string, stateVector: Uint8Array, withAwareness: boolean) {
    const { doc, awareness } = await this.#docs.catchUp(callId);
    let update: Uint8Array;
    try {
      update = Y.encodeStateAsUpdate(doc, stateVector);
    } catch {
      throw new CommandError('invalid_payload', 'The state vector could not be read.');
    }
    const clients = [...awareness.states.keys()];
    return {
      update,
      stateVector: Y.encodeStateVector(doc),
      awareness: withAwareness && clients.length > 0 ? encodeAwarenessUpdate(awareness, clients) : null,
    };
  }

  /** Resolves once the update (merged with others of the same tick) is stored. */
  async applyUpdate(callId: string, update: Uint8Array): Promise<void> {
    if (!isDecodableUpdate(update)) throw new CommandError('invalid_payload', 'The minutes update could not be read.');
    await this.#writes.submit(callId, update);
  }

  async applyAwareness(socket: RoundtableSocket, callId: string, update: Uint8Array): Promise<void> {
    const { awareness, clientsBySocket } = await this.#docs.get(callId);
    const clients = clientsBySocket.get(socket.id) ?? new Set<number>();
    const track = ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) => {
      if (origin !== socket.id) return;
      for (const client of [...added, ...updated]) clients.add(client);
      for (const client of removed) clients.delete(client);
    };
    awareness.on('update', track);
    try {
      applyAwarenessUpdate(awareness, update, socket.id);
    } catch {
      throw new CommandError('invalid_payload', 'The awareness update could not be read.');
    } finally {
      awareness.off('update', track);
    }
    clientsBySocket.set(socket.id, clients);
    this.#relayAwareness(callId, update, socket);
  }

  async history(callId: string): Promise<MinutesSnapshotSummary[]> {
    const snapshots = await listMinutesSnapshots(this.database, callId);
    return snapshots.map(({ id, createdAt }) => ({ id, createdAt: createdAt.toISOString() }));
  }

  async snapshotText(callId: string, snapshotId: number) {
    const snapshot = await findMinutesSnapshot(this.database, callId, snapshotId);
    if (!snapshot) throw new CommandError('not_found', 'That version of the minutes does not exist.');
    return { id: snapshot.id, createdAt: snapshot.createdAt.toISOString(), text: textOfState(snapshot.state) };
  }

  /** Brings back the text of a snapshot as a new change; the state before it is kept as a snapshot too. */
  async restore(callId: string, snapshotId: number): Promise<void> {
    const { text } = await this.snapshotText(callId, snapshotId);
    const minutes = await this.#docs.catchUp(callId);
    if (minutes.updatesSinceSnapshot > 0) await this.#docs.compact(minutes);
    await this.#writes.submit(callId, this.#changeTo(minutes.doc, text));
  }

  /**
   * Changes the minutes as `change` turns their current text into another, as one edit that merges with what
   * scribes type meanwhile. Resolves once stored: false when `change` returned null (nothing to change).
   */
  async edit(callId: string, change: (text: string) => string | null): Promise<boolean> {
    const minutes = await this.#docs.catchUp(callId);
    const current = minutesText(minutes.doc).toString();
    const target = change(current);
    if (target === null) return false;
    if (target === current) return true;
    await this.#writes.submit(callId, this.#changeTo(minutes.doc, target));
    return true;
  }

  /** Tells `listener` after every stored change of a call's minutes; it must not wait for anything. */
  onChange(listener: (callId: string) => void): void {
    this.#listeners.push(listener);
  }

  /** The current minutes of a call, whether or not anyone has it open. */
  async textOf(callId: string): Promise<string> {
    const isLoaded = this.#docs.loaded(callId) !== undefined;
    const minutes = await this.#docs.catchUp(callId);
    const text = minutesText(minutes.doc).toString();
    if (!isLoaded) this.#docs.evictIfEmpty(callId);
    return text;
  }

  handleDisconnect(socket: RoundtableSocket): void {
    const { callId } = socket.data;
    const pending = callId ? this.#docs.loaded(callId) : undefined;
    if (!callId || !pending) return;
    void pending.then(({ awareness, clientsBySocket }) => {
      const clients = [...(clientsBySocket.get(socket.id) ?? [])];
      clientsBySocket.delete(socket.id);
      if (clients.length > 0) {
        removeAwarenessStates(awareness, clients, 'disconnect');
        this.#relayAwareness(callId, encodeAwarenessUpdate(awareness, clients));
      }
      this.#docs.evictIfEmpty(callId);
    });
  }

  /** Forgets a deleted call: its doc goes without a last snapshot (changes still on their way fail on the missing call). */
  discard(callId: string): void {
    this.#readerTicks.delete(callId);
    this.#docs.discard(callId);
  }

  /** Stores and relays the changes still waiting for their tick, then drops the docs. */
  async close(): Promise<void> {
    await this.#writes.close();
    await this.#forReaders.close();
    this.#docs.stop();
  }

  /** Store, apply, relay: the one path every change of the minutes takes. */
  async #commit(callId: string, update: Uint8Array): Promise<void> {
    const minutes = await this.#docs.get(callId);
    const id = await appendMinutesUpdate(this.database, callId, update);
    this.#docs.accept(minutes, id, update);
    this.io.to(moderatorRoom(callId)).emit('minutes:update', update);
    this.#forReaders.submit(callId, update).catch((error: unknown) => this.logger.error({ err: error, callId }, 'minutes: relaying to the readers failed'));
    for (const listener of this.#listeners) listener(callId);
  }

  /** The update that turns `doc`'s text into `target`, made on a copy so the doc changes only when it is stored. */
  #changeTo(doc: Y.Doc, target: string): Uint8Array {
    const scratch = new Y.Doc();
    try {
      Y.applyUpdate(scratch, Y.encodeStateAsUpdate(doc));
      return replaceText(scratch, target);
    } finally {
      scratch.destroy();
    }
  }

  /** Cursors and selections go to the writers only (readers see no cursors), never back to their sender. */
  #relayAwareness(callId: string, update: Uint8Array, from?: RoundtableSocket): void {
    (from ? from.to(moderatorRoom(callId)) : this.io.to(moderatorRoom(callId))).emit('minutes:awareness', update);
  }
}
