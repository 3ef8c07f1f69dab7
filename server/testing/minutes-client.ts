import * as Y from 'yjs';
import { isEmptyUpdate, minutesText } from '@/lib/minutes';
import { toBytes } from '@/lib/protocol';
import { joinPayload, send, sendOk, type TestClient } from './test-server';

/** A deterministic pseudo-random generator (mulberry32), so a failing run can be replayed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A scribe as a browser runs it: a Y.Doc kept in step with the server. While disconnected it keeps editing
 * locally; after reconnecting it joins again and syncs, which sends what the server lacks.
 */
export class MinutesClient {
  readonly doc = new Y.Doc();
  /** Every update the server acknowledged. */
  readonly acked: Uint8Array[] = [];
  #isReady = false;
  #ready: Promise<void> = Promise.resolve();

  constructor(
    readonly client: TestClient,
    private readonly slug: string,
    private readonly key?: string,
  ) {
    client.on('minutes:update', (update) => Y.applyUpdate(this.doc, toBytes(update), 'server'));
    client.on('disconnect', () => {
      this.#isReady = false;
    });
    const rejoin = () => {
      this.#ready = this.join().catch(() => undefined);
    };
    client.on('connect', rejoin);
    if (client.connected) rejoin();
  }

  get text(): string {
    return minutesText(this.doc).toString();
  }

  get isReady(): boolean {
    return this.#isReady;
  }

  /** Resolves once the client has (re)joined and synced. */
  async ready(timeoutMs = 5000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!this.#isReady) {
      if (Date.now() > deadline) throw new Error('the minutes client did not sync in time');
      await this.#ready;
      if (!this.#isReady) await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  async join(): Promise<void> {
    await sendOk(this.client, 'call:join', joinPayload(this.slug, { key: this.key }));
    await this.sync();
    this.#isReady = true;
  }

  async sync(): Promise<void> {
    const answer = await sendOk(this.client, 'minutes:sync', { stateVector: Y.encodeStateVector(this.doc) });
    Y.applyUpdate(this.doc, toBytes(answer.update), 'server');
    const missing = Y.encodeStateAsUpdate(this.doc, toBytes(answer.stateVector));
    if (!isEmptyUpdate(missing)) await this.push(missing);
  }

  /** Applies a local edit and returns it as an update. */
  edit(change: (text: Y.Text) => void): Uint8Array {
    const before = Y.encodeStateVector(this.doc);
    this.doc.transact(() => change(minutesText(this.doc)));
    return Y.encodeStateAsUpdate(this.doc, before);
  }

  /** Sends an update when connected; an update that fails is carried by the next sync. */
  async push(update: Uint8Array): Promise<boolean> {
    const response = await send(this.client, 'minutes:update', { update }).catch(() => null);
    if (response?.ok) this.acked.push(update);
    return response?.ok ?? false;
  }

  /** One to three random inserts or deletes. */
  randomEdit(random: () => number, tag: string): Uint8Array {
    return this.edit((text) => {
      const count = 1 + Math.floor(random() * 3);
      for (let step = 0; step < count; step += 1) {
        const position = Math.floor(random() * (text.length + 1));
        if (random() < 0.3 && text.length > 0) {
          const start = Math.min(position, text.length - 1);
          text.delete(start, Math.min(1 + Math.floor(random() * 5), text.length - start));
        } else {
          text.insert(position, random() < 0.2 ? `\n${1 + Math.floor(random() * 9)}. ${tag}` : `${tag}${Math.floor(random() * 100)} `);
        }
      }
    });
  }
}

/** True when `doc` holds every insertion of `update`. */
export function containsUpdate(doc: Y.Doc, update: Uint8Array): boolean {
  const have = Y.decodeStateVector(Y.encodeStateVector(doc));
  for (const [client, clock] of Y.decodeStateVector(Y.encodeStateVectorFromUpdate(update))) {
    if ((have.get(client) ?? 0) < clock) return false;
  }
  return true;
}
