'use client';

import { io, type Socket } from 'socket.io-client';
import {
  applyPollDraft,
  applyPollResults,
  applyTallies,
  applyUnsequencedQuestion,
  EMPTY_CALL_VIEW,
  receiveEvent,
  receiveSnapshot,
  recordOwnCommand,
  recordPollAnswer,
  type CallView,
} from '@/lib/call-view';
import {
  PROTOCOL_VERSION,
  RECONNECTION,
  type Ack,
  type CallActions,
  type ClientToServerEvents,
  type CommandName,
  type CommandPayload,
  type CommandResults,
  type ProtocolError,
  type PublicParticipant,
  type Role,
  type ServerToClientEvents,
  type VoteSignal,
} from '@/lib/protocol';

/** `offline`: the browser reports no network; the store rejoins (and so catches up) when it is back. */
export type ConnectionStatus = 'connecting' | 'online' | 'reconnecting' | 'offline' | 'failed';
export type DatabaseHealth = 'ok' | 'unavailable';
export type CallSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
/** Where a participant's check-in token is kept between visits (the browser's localStorage). */
export type TokenStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export type CallViewState = Omit<CallView, 'pending'> & {
  connection: ConnectionStatus;
  /** Whether the server can reach its database; while `unavailable` nothing is being saved. */
  databaseHealth: DatabaseHealth;
  /** Why joining failed (bad link, unknown call, outdated page); the page shows it. */
  joinError: ProtocolError | null;
  role: Role;
  me: PublicParticipant | null;
  keys: { host: string; scribe: string } | null;
  /** Server time minus local time, so every screen shows the same timer. */
  clockOffsetMs: number;
  /** Something the server told this user (e.g. that the host removed them). */
  notice: string | null;
  /** Set once the call was deleted: what the page shows instead of the call. */
  deletedNotice: string | null;
  /** The call's action items (its own and the series' open ones) and decisions, replaced whole on each change. */
  actions: CallActions;
  /** Moderators only: each question's suspicious-activity signal. */
  voteSignals: Record<string, VoteSignal>;
};

export type CallStoreOptions = {
  /** Opens the (not yet connected) socket; the browser's default connects to the page's own origin. */
  connect?: () => CallSocket;
  storage?: TokenStorage;
  /** How long a command waits for its answer before it counts as lost. */
  commandTimeoutMs?: number;
};

/** A missing event may still be on its way; after this long without it the store takes a fresh snapshot. */
export const GAP_WAIT_MS = 300;
export const NO_ANSWER: ProtocolError = { code: 'internal', message: 'No answer from the server. Check your connection and try again.' };
const tokenKey = (slug: string) => `roundtable:token:${slug}`;

/** Narrows a command's result by its name: `data` is what `name` answers. */
function isResultOf<Name extends CommandName>(name: CommandName, expected: Name, _data: unknown): _data is CommandResults[Name] {
  return name === expected;
}

const isBrowserOffline = () => globalThis.navigator?.onLine === false;

function browserStorage(): TokenStorage | undefined {
  try {
    return globalThis.localStorage;
  } catch {
    return undefined;
  }
}

/**
 * The browser's copy of one call: joins, applies sequenced events, resyncs on gaps and reconnects, and sends
 * commands. Components read it through useCall() and send through the feature command modules beside it.
 */
export class CallStore {
  #state: CallViewState = {
    ...EMPTY_CALL_VIEW,
    connection: 'connecting',
    databaseHealth: 'ok',
    joinError: null,
    role: 'attendee',
    me: null,
    keys: null,
    clockOffsetMs: 0,
    notice: null,
    deletedNotice: null,
    actions: { actions: [], decisions: [] },
    voteSignals: {},
  };
  readonly #listeners = new Set<() => void>();
  readonly #socket: CallSocket;
  readonly #storage: TokenStorage | undefined;
  readonly #commandTimeoutMs: number;
  #pending: CallView['pending'] = [];
  #gapTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly slug: string,
    private readonly key: string | undefined,
    options: CallStoreOptions = {},
  ) {
    this.#storage = options.storage ?? browserStorage();
    this.#commandTimeoutMs = options.commandTimeoutMs ?? 10_000;
    this.#socket = options.connect?.() ?? io({ transports: ['websocket', 'polling'], autoConnect: false, ...RECONNECTION });
    this.#socket.on('connect', () => void this.join());
    this.#socket.on('disconnect', () => this.#update({ connection: isBrowserOffline() ? 'offline' : 'reconnecting' }));
    this.#socket.on('call:event', (event) => this.#drained(receiveEvent(this.#view(), event)));
    this.#socket.on('call:presence', (presence) => {
      const { snapshot } = this.#state;
      if (snapshot) this.#update({ snapshot: { ...snapshot, presence } });
    });
    this.#socket.on('call:health', ({ database }) => this.#update({ databaseHealth: database }));
    this.#socket.on('qa:tallies', (tallies) => {
      const { snapshot } = this.#state;
      const counted = snapshot && applyTallies(snapshot, tallies);
      if (counted !== snapshot) this.#update({ snapshot: counted });
    });
    this.#socket.on('participant:removed', ({ message }) => {
      this.#writeToken(null);
      this.#update({ me: null, notice: message });
    });
    this.#socket.on('call:deleted', ({ message }) => this.markDeleted(message));
    this.#socket.on('qa:pending', (question) => {
      const { snapshot } = this.#state;
      if (snapshot) this.#update({ snapshot: applyUnsequencedQuestion(snapshot, question) });
    });
    this.#socket.on('qa:signal', ({ questionId, signal }) => this.#update({ voteSignals: { ...this.#state.voteSignals, [questionId]: signal } }));
    this.#socket.on('poll:results', (results) => {
      const { snapshot } = this.#state;
      if (snapshot) this.#update({ snapshot: applyPollResults(snapshot, results) });
    });
    this.#socket.on('poll:draft', (poll) => {
      const { snapshot } = this.#state;
      const drafted = snapshot && applyPollDraft(snapshot, poll);
      if (drafted !== snapshot) this.#update({ snapshot: drafted });
    });
    this.#socket.on('actions:update', (actions) => this.#update({ actions }));
    this.#socket.on('poll:myAnswer', ({ pollId, answer }) => this.#setView(recordPollAnswer(this.#view(), pollId, answer)));
  }

  getState = (): CallViewState => this.#state;

  subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };

  start(): void {
    globalThis.window?.addEventListener('offline', this.#onOffline);
    globalThis.window?.addEventListener('online', this.#onOnline);
    this.#socket.connect();
  }

  stop(): void {
    globalThis.window?.removeEventListener('offline', this.#onOffline);
    globalThis.window?.removeEventListener('online', this.#onOnline);
    clearTimeout(this.#gapTimer);
    this.#socket.disconnect();
  }

  #onOffline = () => {
    if (this.#state.connection !== 'failed') this.#update({ connection: 'offline' });
  };

  // A socket can outlive a short drop without noticing it; a rejoin brings back whatever it missed meanwhile.
  #onOnline = () => {
    if (this.#state.connection !== 'offline') return;
    if (this.#socket.connected) void this.join();
    else this.#update({ connection: 'reconnecting' });
  };

  /** Sends one command; a lost or late answer comes back as a failed ack like any refusal, never as a throw. */
  async send<Name extends CommandName>(name: Name, payload: CommandPayload<Name>): Promise<Ack<CommandResults[Name]>> {
    let response: Ack<CommandResults[Name]>;
    try {
      // Socket.IO's typings cannot resolve a generic event name.
      const withTimeout = this.#socket.timeout(this.#commandTimeoutMs);
      const emit = withTimeout.emitWithAck as (event: Name, body: CommandPayload<Name>) => Promise<Ack<CommandResults[Name]>>;
      response = await emit.call(withTimeout, name, payload);
    } catch {
      return { ok: false, error: NO_ANSWER };
    }
    if (response.ok) this.#recordOwnCommand(name, payload, response.data);
    else if (response.error.code === 'unavailable') this.#update({ databaseHealth: 'unavailable' });
    return response;
  }

  /** The call is gone (its host deleted it): the page says so, and this browser forgets its check-in. */
  markDeleted(message: string): void {
    this.#writeToken(null);
    this.#update({ deletedNotice: message, me: null });
    this.#socket.disconnect();
  }

  /** Listens to one server event (the feature command modules use it); returns the way to stop listening. */
  listen<Event extends keyof ServerToClientEvents>(event: Event, listener: ServerToClientEvents[Event]): () => void {
    // Socket.IO's typings cannot resolve a generic event name.
    const socket = this.#socket as unknown as Record<'on' | 'off', (name: Event, fn: ServerToClientEvents[Event]) => void>;
    socket.on.call(this.#socket, event, listener);
    return () => socket.off.call(this.#socket, event, listener);
  }

  /** Joins (or rejoins) the call and replaces local state with the server's snapshot. */
  async join(): Promise<void> {
    const sentAt = Date.now();
    const response = await this.send('call:join', { protocolVersion: PROTOCOL_VERSION, slug: this.slug, key: this.key, token: this.#readToken() });
    const receivedAt = Date.now();
    if (!response.ok) {
      this.#update({ connection: response.error.code === 'internal' || response.error.code === 'unavailable' ? 'reconnecting' : 'failed', joinError: response.error });
      return;
    }
    const { snapshot, role, participant, keys, myVotes, myQuestions, myPollAnswers, actions, voteSignals } = response.data;
    const { view, hasGap } = receiveSnapshot(this.#view(), { snapshot, myVotes, myQuestions, myPollAnswers });
    this.#pending = view.pending;
    this.#update({
      connection: 'online',
      databaseHealth: 'ok',
      joinError: null,
      snapshot: view.snapshot,
      myVotes: view.myVotes,
      myQuestions: view.myQuestions,
      myPollAnswers: view.myPollAnswers,
      role,
      me: participant,
      keys,
      actions,
      voteSignals,
      clockOffsetMs: Date.parse(snapshot.serverTime) - (sentAt + receivedAt) / 2,
    });
    this.#awaitMissing(hasGap);
  }

  #recordOwnCommand<Name extends CommandName>(name: Name, payload: CommandPayload<Name>, data: CommandResults[Name]): void {
    if (isResultOf(name, 'participant:checkIn', data)) {
      this.#writeToken(data.token);
      this.#update({ me: data.participant });
    } else {
      this.#setView(recordOwnCommand(this.#view(), name, payload, data));
    }
  }

  #view(): CallView {
    const { snapshot, myVotes, myQuestions, myPollAnswers } = this.#state;
    return { snapshot, myVotes, myQuestions, myPollAnswers, pending: this.#pending };
  }

  #setView({ pending, ...shown }: CallView): void {
    this.#pending = pending;
    const { snapshot, myVotes, myQuestions, myPollAnswers } = this.#state;
    const isChanged = shown.snapshot !== snapshot || shown.myVotes !== myVotes || shown.myQuestions !== myQuestions || shown.myPollAnswers !== myPollAnswers;
    if (isChanged) this.#update(shown);
  }

  #drained({ view, hasGap }: { view: CallView; hasGap: boolean }): void {
    this.#setView(view);
    this.#awaitMissing(hasGap);
  }

  #awaitMissing(hasGap: boolean): void {
    clearTimeout(this.#gapTimer);
    if (hasGap) this.#gapTimer = setTimeout(() => void this.join(), GAP_WAIT_MS);
  }

  #readToken(): string | undefined {
    try {
      return this.#storage?.getItem(tokenKey(this.slug)) ?? undefined;
    } catch {
      return undefined;
    }
  }

  #writeToken(token: string | null): void {
    try {
      if (token === null) this.#storage?.removeItem(tokenKey(this.slug));
      else this.#storage?.setItem(tokenKey(this.slug), token);
    } catch {
      // Private mode: the check-in still holds for this tab.
    }
  }

  #update(patch: Partial<CallViewState>): void {
    this.#state = { ...this.#state, ...patch };
    for (const listener of this.#listeners) listener();
  }
}
