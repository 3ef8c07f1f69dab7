import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate, removeAwarenessStates } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { isDecodableUpdate, minutesText, replaceText, textOfState } from '@/lib/minutes';
import { CommandError, type MinutesSnapshotSummary } from '@/lib/protocol';
import type { Database } from '../persistence/database';
import {
  appendMinutesUpdate,
  findLatestMinutesSnapshotHeader,
  findMinutesSnapshot,
  insertMinutesSnapshot,
  listMinutesSnapshots,
  listMinutesUpdatesSince,
} from '../persistence/minutes.repository';
import { callRoom, moderatorRoom } from './rooms';
import type { RoundtableServer, RoundtableSocket } from './sockets';
import { MinutesBatcher } from './minutes-batcher';

export type MinutesOptions = { compactEvery?: number; compactIntervalMs?: number };

const DEFAULTS = { compactEvery: 200, compactIntervalMs: 60_000 };

/** One call's minutes as this node knows them; the database stays the truth. */
type MinutesRoom = {
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

function applyStored(room: MinutesRoom, update: Uint8Array): void {
  try {
    Y.applyUpdate(room.doc, update, 'storage');
  } catch (error) {
    console.error(`minutes: skipped an unreadable stored update of call ${room.callId}`, error);
  }
}

/**
 * Keeps one Y.Doc per call in memory, loaded lazily from the latest snapshot plus later updates and dropped
 * when nobody on this node is in the call. Every accepted update is stored before it is acknowledged.
 */
export class MinutesRooms {
  readonly #rooms = new Map<string, Promise<MinutesRoom>>();
  readonly #options: Required<MinutesOptions>;
  readonly #timer: NodeJS.Timeout;
  readonly #batcher: MinutesBatcher;

  constructor(
    private readonly io: RoundtableServer,
    private readonly database: Database,
    options: MinutesOptions = {},
  ) {
    this.#options = { ...DEFAULTS, ...options };
    this.#timer = setInterval(() => void this.#compactAll(), this.#options.compactIntervalMs);
    this.#timer.unref();
    this.#batcher = new MinutesBatcher(io, async (callId, update) => {
      const room = await this.#room(callId);
      const id = await appendMinutesUpdate(this.database, callId, update);
      this.#accept(room, id, update);
    });
  }

  async sync(callId: string, stateVector: Uint8Array, withAwareness: boolean) {
    const room = await this.#catchUp(callId);
    let update: Uint8Array;
    try {
      update = Y.encodeStateAsUpdate(room.doc, stateVector);
    } catch {
      throw new CommandError('invalid_payload', 'The state vector could not be read.');
    }
    const clients = [...room.awareness.states.keys()];
    return {
      update,
      stateVector: Y.encodeStateVector(room.doc),
      awareness: withAwareness && clients.length > 0 ? encodeAwarenessUpdate(room.awareness, clients) : null,
    };
  }

  /** Stored (merged with others' updates of the same tick) before it resolves; relayed by the batcher. */
  async applyUpdate(callId: string, update: Uint8Array): Promise<void> {
    if (!isDecodableUpdate(update)) throw new CommandError('invalid_payload', 'The minutes update could not be read.');
    await this.#batcher.submit(callId, update);
  }

  applyAwareness(socket: RoundtableSocket, callId: string, update: Uint8Array): Promise<void> {
    return this.#room(callId).then((room) => {
      const clients = room.clientsBySocket.get(socket.id) ?? new Set<number>();
      const track = ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) => {
        if (origin !== socket.id) return;
        for (const client of [...added, ...updated]) clients.add(client);
        for (const client of removed) clients.delete(client);
      };
      room.awareness.on('update', track);
      try {
        applyAwarenessUpdate(room.awareness, update, socket.id);
      } catch {
        throw new CommandError('invalid_payload', 'The awareness update could not be read.');
      } finally {
        room.awareness.off('update', track);
      }
      room.clientsBySocket.set(socket.id, clients);
      socket.to(moderatorRoom(callId)).emit('minutes:awareness', update);
    });
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
    const room = await this.#catchUp(callId);
    if (room.updatesSinceSnapshot > 0) await this.#compact(room);
    const scratch = new Y.Doc();
    Y.applyUpdate(scratch, Y.encodeStateAsUpdate(room.doc));
    const update = replaceText(scratch, text);
    scratch.destroy();
    const id = await appendMinutesUpdate(this.database, callId, update);
    this.#accept(room, id, update);
    this.io.to(callRoom(callId)).emit('minutes:update', update);
  }

  /** The current minutes of a call, whether or not anyone has it open. */
  async textOf(callId: string): Promise<string> {
    const isLoaded = this.#rooms.has(callId);
    const room = await this.#catchUp(callId);
    const text = minutesText(room.doc).toString();
    if (!isLoaded) this.#evictIfEmpty(callId);
    return text;
  }

  handleDisconnect(socket: RoundtableSocket): void {
    const { callId } = socket.data;
    const pending = callId ? this.#rooms.get(callId) : undefined;
    if (!callId || !pending) return;
    void pending.then((room) => {
      const clients = [...(room.clientsBySocket.get(socket.id) ?? [])];
      room.clientsBySocket.delete(socket.id);
      if (clients.length > 0) {
        removeAwarenessStates(room.awareness, clients, 'disconnect');
        this.io.to(moderatorRoom(callId)).emit('minutes:awareness', encodeAwarenessUpdate(room.awareness, clients));
      }
      this.#evictIfEmpty(callId);
    });
  }

  stop(): void {
    clearInterval(this.#timer);
    this.#batcher.stop();
    for (const pending of this.#rooms.values()) void pending.then((room) => this.#destroy(room));
    this.#rooms.clear();
  }

  #room(callId: string): Promise<MinutesRoom> {
    let pending = this.#rooms.get(callId);
    if (!pending) {
      pending = this.#load(callId);
      this.#rooms.set(callId, pending);
      pending.catch(() => this.#rooms.delete(callId));
    }
    return pending;
  }

  async #load(callId: string): Promise<MinutesRoom> {
    const doc = new Y.Doc({ gc: true });
    const awareness = new Awareness(doc);
    awareness.setLocalState(null);
    const room: MinutesRoom = { callId, doc, awareness, lastUpdateId: 0, snapshotId: 0, updatesSinceSnapshot: 0, isCompacting: false, clientsBySocket: new Map() };
    try {
      return await this.#readNewer(room);
    } catch (error) {
      this.#destroy(room);
      throw error;
    }
  }

  /** Applies what other nodes stored since this node last looked: a newer snapshot, then newer updates. */
  async #readNewer(room: MinutesRoom): Promise<MinutesRoom> {
    const latest = await findLatestMinutesSnapshotHeader(this.database, room.callId);
    if (latest && latest.id > room.snapshotId) {
      if (latest.lastUpdateId > room.lastUpdateId) {
        const snapshot = await findMinutesSnapshot(this.database, room.callId, latest.id);
        if (snapshot) applyStored(room, snapshot.state);
        room.lastUpdateId = Math.max(room.lastUpdateId, latest.lastUpdateId);
      }
      room.snapshotId = latest.id;
    }
    for (const { id, update } of await listMinutesUpdatesSince(this.database, room.callId, room.lastUpdateId)) {
      applyStored(room, update);
      room.lastUpdateId = Math.max(room.lastUpdateId, id);
    }
    return room;
  }

  async #catchUp(callId: string): Promise<MinutesRoom> {
    const room = await this.#room(callId);
    return this.#readNewer(room);
  }

  #accept(room: MinutesRoom, id: number, update: Uint8Array): void {
    try {
      Y.applyUpdate(room.doc, update, 'client');
    } catch (error) {
      console.error(`minutes: an accepted update of call ${room.callId} failed to apply`, error);
    }
    // Another node may have stored the ids in between; only the next read (#readNewer) may skip past them.
    if (id === room.lastUpdateId + 1) room.lastUpdateId = id;
    room.updatesSinceSnapshot += 1;
    if (room.updatesSinceSnapshot >= this.#options.compactEvery) void this.#compact(room);
  }

  async #compact(room: MinutesRoom): Promise<void> {
    if (room.isCompacting) return;
    room.isCompacting = true;
    try {
      await this.#readNewer(room);
      const counted = room.updatesSinceSnapshot;
      room.snapshotId = await insertMinutesSnapshot(this.database, room.callId, Y.encodeStateAsUpdate(room.doc), room.lastUpdateId);
      room.updatesSinceSnapshot -= counted;
    } catch (error) {
      console.error(`minutes: compacting call ${room.callId} failed`, error);
    } finally {
      room.isCompacting = false;
    }
  }

  async #compactAll(): Promise<void> {
    for (const pending of this.#rooms.values()) {
      const room = await pending.catch(() => null);
      if (room && room.updatesSinceSnapshot > 0) await this.#compact(room);
    }
  }

  #evictIfEmpty(callId: string): void {
    if ((this.io.sockets.adapter.rooms.get(callRoom(callId))?.size ?? 0) > 0) return;
    const pending = this.#rooms.get(callId);
    if (!pending) return;
    this.#rooms.delete(callId);
    void pending.then(async (room) => {
      if (room.updatesSinceSnapshot > 0) await this.#compact(room);
      this.#destroy(room);
    });
  }

  #destroy(room: MinutesRoom): void {
    room.awareness.destroy();
    room.doc.destroy();
  }
}
