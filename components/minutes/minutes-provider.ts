'use client';

import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate, removeAwarenessStates } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { isEmptyUpdate, minutesText } from '@/lib/minutes';
import { toBytes } from '@/lib/protocol';
import type { CallStore } from '../client/call-store';
import * as minutes from '../client/minutes.commands';

export type MinutesStatus = 'connecting' | 'synced' | 'offline';
export type MinutesState = { status: MinutesStatus; error: string | null };
export type MinutesUser = { name: string; color: string; colorLight: string };

const REMOTE = 'remote';
/** Local edits are merged and sent at most this often, which keeps within the server's rate limit. */
const FLUSH_MS = 120;
const AWARENESS_MS = 250;
const RETRY_MS = 1500;

/**
 * Keeps the browser's Y.Doc of the minutes in step with the server through the call's store: syncs by state
 * vector on every (re)join, so edits made while offline are sent then, and sends local edits in small batches.
 */
export class MinutesProvider {
  readonly doc = new Y.Doc();
  readonly text = minutesText(this.doc);
  readonly awareness = new Awareness(this.doc);
  #state: MinutesState = { status: 'connecting', error: null };
  readonly #listeners = new Set<() => void>();
  readonly #cleanups: (() => void)[] = [];
  #pending: Uint8Array[] = [];
  #isSynced = false;
  #isSending = false;
  #wasOnline = false;
  #flushTimer: ReturnType<typeof setTimeout> | undefined;
  #awarenessTimer: ReturnType<typeof setTimeout> | undefined;
  #syncTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly store: CallStore,
    readonly canEdit: boolean,
  ) {}

  getState = (): MinutesState => this.#state;

  subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };

  start(): void {
    const onUpdate = (update: Uint8Array, origin: unknown) => {
      if (origin === REMOTE || !this.canEdit) return;
      this.#pending.push(update);
      this.#scheduleFlush(FLUSH_MS);
    };
    const onAwareness = (_change: unknown, origin: unknown) => {
      if (origin === 'local' && this.canEdit) this.#scheduleAwareness();
    };
    this.doc.on('update', onUpdate);
    this.awareness.on('update', onAwareness);
    this.#cleanups.push(
      () => this.doc.off('update', onUpdate),
      () => this.awareness.off('update', onAwareness),
      minutes.onUpdate(this.store, (update) => Y.applyUpdate(this.doc, toBytes(update), REMOTE)),
      minutes.onAwareness(this.store, (update) => this.#applyAwareness(toBytes(update))),
      this.store.subscribe(() => this.#followConnection()),
    );
    if (!this.canEdit) this.awareness.setLocalState(null);
    this.#followConnection();
  }

  /** Stops following the server; `start()` may resume (React runs effects twice in development). */
  stop(): void {
    for (const cleanup of this.#cleanups.splice(0)) cleanup();
    for (const timer of [this.#flushTimer, this.#awarenessTimer, this.#syncTimer]) clearTimeout(timer);
    this.#flushTimer = this.#awarenessTimer = this.#syncTimer = undefined;
    if (this.canEdit && this.#isSynced) {
      this.awareness.setLocalState(null);
      void minutes.sendAwareness(this.store, encodeAwarenessUpdate(this.awareness, [this.doc.clientID]));
    }
    this.#isSynced = this.#isSending = this.#wasOnline = false;
  }

  setUser(user: MinutesUser): void {
    if (this.canEdit) this.awareness.setLocalState({ ...this.awareness.getLocalState(), user });
  }

  #followConnection(): void {
    const isOnline = this.store.getState().connection === 'online';
    if (isOnline === this.#wasOnline) return;
    this.#wasOnline = isOnline;
    if (isOnline) {
      void this.#sync();
      return;
    }
    this.#isSynced = false;
    const others = [...this.awareness.getStates().keys()].filter((client) => client !== this.doc.clientID);
    removeAwarenessStates(this.awareness, others, REMOTE);
    this.#update({ status: 'offline' });
  }

  async #sync(): Promise<void> {
    clearTimeout(this.#syncTimer);
    const response = await minutes.sync(this.store, Y.encodeStateVector(this.doc));
    if (!this.#wasOnline) return;
    if (!response.ok) {
      this.#update({ error: response.error.message });
      this.#syncTimer = setTimeout(() => void this.#sync(), RETRY_MS);
      return;
    }
    const { update, stateVector, awareness } = response.data;
    Y.applyUpdate(this.doc, toBytes(update), REMOTE);
    if (awareness) this.#applyAwareness(toBytes(awareness));
    if (this.canEdit) {
      // Everything the server lacks, including edits made while offline, in one update.
      const missing = Y.encodeStateAsUpdate(this.doc, toBytes(stateVector));
      this.#pending = isEmptyUpdate(missing) ? [] : [missing];
    }
    this.#isSynced = true;
    this.#update({ status: 'synced', error: null });
    this.#scheduleFlush(0);
    this.#scheduleAwareness();
  }

  #scheduleFlush(delayMs: number): void {
    if (this.#flushTimer) return;
    this.#flushTimer = setTimeout(() => {
      this.#flushTimer = undefined;
      void this.#flush();
    }, delayMs);
  }

  async #flush(): Promise<void> {
    if (!this.#isSynced || this.#isSending || this.#pending.length === 0) return;
    const count = this.#pending.length;
    const update = count === 1 ? this.#pending[0]! : Y.mergeUpdates(this.#pending);
    this.#isSending = true;
    const response = await minutes.sendUpdate(this.store, update);
    this.#isSending = false;
    if (response.ok) {
      this.#pending.splice(0, count);
      if (this.#state.error) this.#update({ error: null });
    } else if (response.error.code === 'invalid_payload' || response.error.code === 'forbidden') {
      // Resending would fail again; the next sync offers whatever the server still lacks.
      this.#pending.splice(0, count);
      this.#update({ error: `Your last change could not be shared: ${response.error.message}` });
    } else if (response.error.code !== 'not_joined') {
      this.#update({ error: 'Saving your changes is slow; they are kept and will be sent.' });
      this.#scheduleFlush(RETRY_MS);
      return;
    }
    if (this.#pending.length > 0) this.#scheduleFlush(FLUSH_MS);
  }

  #scheduleAwareness(): void {
    if (this.#awarenessTimer || !this.canEdit) return;
    this.#awarenessTimer = setTimeout(() => {
      this.#awarenessTimer = undefined;
      if (!this.#isSynced || !this.awareness.getLocalState()) return;
      void minutes.sendAwareness(this.store, encodeAwarenessUpdate(this.awareness, [this.doc.clientID]));
    }, AWARENESS_MS);
  }

  #applyAwareness(update: Uint8Array): void {
    try {
      applyAwarenessUpdate(this.awareness, update, REMOTE);
    } catch {
      // A garbled cursor position from another scribe is not worth breaking the editor for.
    }
  }

  #update(patch: Partial<MinutesState>): void {
    this.#state = { ...this.#state, ...patch };
    for (const listener of this.#listeners) listener();
  }
}
