import { io as connect, type Socket } from 'socket.io-client';
import { PROTOCOL_VERSION, RECONNECTION, type Ack, type CommandName, type CommandResults, type PollResults, type ReactionBurst, type SequencedEvent } from '@/lib/protocol';

type Snapshot = CommandResults['call:join']['snapshot'];

/** Listeners of the running scenario; one set for all clients, so a client registers each event once. */
export type Hooks = {
  onEvent?: (client: BenchClient, item: SequencedEvent, now: number) => void;
  onTallies?: (client: BenchClient, tallies: Record<string, number>, now: number) => void;
  onMinutes?: (client: BenchClient, update: Uint8Array, now: number) => void;
  onResync?: (client: BenchClient, snapshot: Snapshot | null, now: number) => void;
  onPollResults?: (client: BenchClient, results: Record<string, PollResults>, now: number) => void;
  onReactions?: (client: BenchClient, burst: ReactionBurst, now: number) => void;
};

export const hooks: Hooks = {};

export const counters = { sequenceGaps: 0, received: 0 };

/** One simulated browser tab: a socket, its participant token and what it has seen. */
export class BenchClient {
  readonly socket: Socket;
  token: string | undefined;
  sequence = 0;
  readonly tallies = new Map<string, number>();
  /** The last results seen per poll. */
  readonly pollResults = new Map<string, PollResults>();
  currentItemId: string | null = null;
  #hasJoined = false;

  constructor(
    url: string,
    readonly slug: string,
    readonly key?: string,
  ) {
    this.socket = connect(url, {
      transports: ['websocket'],
      forceNew: true,
      ...RECONNECTION, // as the browser does
      timeout: 20_000,
    });
    this.socket.on('call:event', (item: SequencedEvent) => {
      counters.received += 1;
      if (item.sequence !== this.sequence + 1) counters.sequenceGaps += 1;
      this.sequence = Math.max(this.sequence, item.sequence);
      if (item.event.type === 'agenda.current') this.currentItemId = item.event.currentItemId;
      hooks.onEvent?.(this, item, Date.now());
    });
    this.socket.on('qa:tallies', (tallies: Record<string, number>) => {
      counters.received += 1;
      for (const [questionId, count] of Object.entries(tallies)) this.tallies.set(questionId, count);
      hooks.onTallies?.(this, tallies, Date.now());
    });
    this.socket.on('minutes:update', (update: Uint8Array | ArrayBuffer) => {
      counters.received += 1;
      hooks.onMinutes?.(this, asBytes(update), Date.now());
    });
    this.socket.on('poll:results', (results: Record<string, PollResults>) => {
      counters.received += 1;
      for (const [pollId, result] of Object.entries(results)) this.pollResults.set(pollId, result);
      hooks.onPollResults?.(this, results, Date.now());
    });
    this.socket.on('reactions', (burst: ReactionBurst) => {
      counters.received += 1;
      hooks.onReactions?.(this, burst, Date.now());
    });
    this.socket.on('call:presence', () => {
      counters.received += 1;
    });
    this.socket.on('participants:changed', () => {
      counters.received += 1;
    });
    // As the browser store does: after a reconnect, join again and take a fresh snapshot.
    this.socket.on('connect', () => {
      if (!this.#hasJoined) return;
      void this.join().then(
        (snapshot) => hooks.onResync?.(this, snapshot, Date.now()),
        () => hooks.onResync?.(this, null, Date.now()),
      );
    });
  }

  connected(timeoutMs = 20_000): Promise<void> {
    if (this.socket.connected) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('connect timeout')), timeoutMs);
      this.socket.once('connect', () => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  async join(): Promise<Snapshot> {
    const data = await sendOk(this.socket, 'call:join', { protocolVersion: PROTOCOL_VERSION, slug: this.slug, key: this.key, token: this.token });
    this.#hasJoined = true;
    this.applySnapshot(data.snapshot);
    return data.snapshot;
  }

  applySnapshot(snapshot: Snapshot): void {
    this.sequence = snapshot.sequence;
    this.currentItemId = snapshot.call.currentItemId;
    for (const question of snapshot.questions) this.tallies.set(question.id, question.voteCount);
    for (const [pollId, results] of Object.entries(snapshot.pollResults)) this.pollResults.set(pollId, results);
  }

  async checkIn(displayName: string): Promise<void> {
    const data = await sendOk(this.socket, 'participant:checkIn', { displayName });
    this.token = data.token;
  }

  close(): void {
    this.socket.disconnect();
  }
}

export function send<Name extends CommandName>(socket: Socket, name: Name, payload: unknown, timeoutMs = 15_000): Promise<Ack<CommandResults[Name]>> {
  const withTimeout = socket.timeout(timeoutMs);
  // socket.io-client cannot type a generic event name; acks are checked by their `ok` field.
  const emit = withTimeout.emitWithAck as (event: string, body: unknown) => Promise<Ack<CommandResults[Name]>>;
  return emit.call(withTimeout, name, payload);
}

export async function sendOk<Name extends CommandName>(socket: Socket, name: Name, payload: unknown, timeoutMs?: number): Promise<CommandResults[Name]> {
  const response = await send(socket, name, payload, timeoutMs);
  if (!response.ok) throw new Error(`${name}: ${response.error.code} ${response.error.message}`);
  return response.data;
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Polls `condition` every 50 ms until it holds or `timeoutMs` passes; returns whether it held. */
export async function waitFor(condition: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) return false;
    await sleep(50);
  }
  return true;
}

/**
 * Plain Socket.IO clients of the bare baseline server (no join, no check-in, no reconnection), connected at about
 * 1,000 a second; resolves once each has connected or failed to. `query` goes with the handshake (`role`).
 */
export async function connectBare(url: string, count: number, query: Record<string, string> = {}): Promise<{ sockets: Socket[]; connectFailures: number }> {
  const sockets: Socket[] = [];
  let connectFailures = 0;
  const connecting: Promise<void>[] = [];
  for (let index = 0; index < count; index += 1) {
    if (index % 50 === 0) await sleep(50);
    const socket = connect(url, { transports: ['websocket'], forceNew: true, reconnection: false, timeout: 20_000, query });
    sockets.push(socket);
    connecting.push(
      new Promise<void>((resolve) => {
        socket.once('connect', () => resolve());
        socket.once('connect_error', () => {
          connectFailures += 1;
          resolve();
        });
      }),
    );
  }
  await Promise.all(connecting);
  return { sockets, connectFailures };
}

/** A binary payload as socket.io-client hands it over (a Buffer, or an ArrayBuffer), as bytes. */
export const asBytes = (payload: Uint8Array | ArrayBuffer): Uint8Array => (payload instanceof Uint8Array ? payload : new Uint8Array(payload));

/**
 * Calls `handler` with every `event` any of the plain `sockets` receives (the socket's index, the payload, when);
 * returns what stops listening.
 */
export function listenOnEach<Payload>(sockets: readonly Socket[], event: string, handler: (index: number, payload: Payload, now: number) => void): () => void {
  const listeners = sockets.map((socket, index) => {
    const listener = (payload: Payload) => handler(index, payload, Date.now());
    socket.on(event, listener);
    return listener;
  });
  return () => sockets.forEach((socket, index) => socket.off(event, listeners[index]));
}
