'use client';

import { io, type Socket } from 'socket.io-client';
import { applySequencedEvent, upsertQuestion } from '@/lib/call-state';
import {
  PROTOCOL_VERSION,
  RECONNECTION,
  type Ack,
  type CallSnapshot,
  type ClientToServerEvents,
  type CommandName,
  type CommandPayload,
  type CommandResults,
  type ProtocolError,
  type PublicParticipant,
  type Role,
  type SequencedEvent,
  type ServerToClientEvents,
} from '@/lib/protocol';

export type ConnectionStatus = 'connecting' | 'online' | 'reconnecting' | 'failed';
export type DatabaseHealth = 'ok' | 'unavailable';

export type CallViewState = {
  connection: ConnectionStatus;
  /** Whether the server can reach its database; while `unavailable` nothing is being saved. */
  databaseHealth: DatabaseHealth;
  /** Why joining failed (bad link, unknown call, outdated page); the page shows it. */
  joinError: ProtocolError | null;
  snapshot: CallSnapshot | null;
  role: Role;
  me: PublicParticipant | null;
  keys: { host: string; scribe: string } | null;
  /** Server time minus local time, so every screen shows the same timer. */
  clockOffsetMs: number;
  /** Ids of the questions this participant voted for and asked. */
  myVotes: string[];
  myQuestions: string[];
  /** Something the server told this user (e.g. that the host removed them). */
  notice: string | null;
};

const GAP_WAIT_MS = 300;
const tokenKey = (slug: string) => `roundtable:token:${slug}`;

function readToken(slug: string): string | undefined {
  try {
    return localStorage.getItem(tokenKey(slug)) ?? undefined;
  } catch {
    return undefined;
  }
}

/**
 * The browser's copy of one call: joins, applies sequenced events, resyncs on gaps and reconnects, and sends
 * commands. Components read it through useCall(); none of them touches Socket.IO.
 */
export class CallStore {
  #state: CallViewState = {
    connection: 'connecting',
    databaseHealth: 'ok',
    joinError: null,
    snapshot: null,
    role: 'attendee',
    me: null,
    keys: null,
    clockOffsetMs: 0,
    myVotes: [],
    myQuestions: [],
    notice: null,
  };
  readonly #listeners = new Set<() => void>();
  readonly #socket: Socket<ServerToClientEvents, ClientToServerEvents>;
  #pending: SequencedEvent[] = [];
  #gapTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly slug: string,
    private readonly key: string | undefined,
  ) {
    this.#socket = io({ transports: ['websocket', 'polling'], autoConnect: false, ...RECONNECTION });
    this.#socket.on('connect', () => void this.join());
    this.#socket.on('disconnect', () => this.#update({ connection: 'reconnecting' }));
    this.#socket.on('call:event', (event) => this.#receive(event));
    this.#socket.on('call:presence', (presence) => {
      const { snapshot } = this.#state;
      if (snapshot) this.#update({ snapshot: { ...snapshot, presence } });
    });
    this.#socket.on('call:health', ({ database }) => this.#update({ databaseHealth: database }));
    this.#socket.on('qa:tallies', (tallies) => this.#applyTallies(tallies));
    this.#socket.on('participant:removed', ({ message }) => {
      try {
        localStorage.removeItem(tokenKey(this.slug));
      } catch {
        // Nothing stored.
      }
      this.#update({ me: null, notice: message });
    });
    this.#socket.on('qa:pending', (question) => {
      const { snapshot } = this.#state;
      if (snapshot) this.#update({ snapshot: { ...snapshot, questions: upsertQuestion(snapshot.questions, question) } });
    });
  }

  getState = (): CallViewState => this.#state;

  subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };

  start(): void {
    this.#socket.connect();
  }

  stop(): void {
    clearTimeout(this.#gapTimer);
    this.#socket.disconnect();
  }

  async send<Name extends CommandName>(name: Name, payload: CommandPayload<Name>): Promise<Ack<CommandResults[Name]>> {
    try {
      // Socket.IO's typings cannot resolve a generic event name.
      const withTimeout = this.#socket.timeout(10_000);
      const emit = withTimeout.emitWithAck as (event: Name, body: CommandPayload<Name>) => Promise<Ack<CommandResults[Name]>>;
      const response = await emit.call(withTimeout, name, payload);
      if (response.ok) this.#recordOwnActivity(name, payload, response.data);
      else if (response.error.code === 'unavailable') this.#update({ databaseHealth: 'unavailable' });
      return response;
    } catch {
      return { ok: false, error: { code: 'internal', message: 'No answer from the server. Check your connection and try again.' } };
    }
  }

  /** Listens to one server event (the minutes provider uses it); returns the way to stop listening. */
  listen<Event extends keyof ServerToClientEvents>(event: Event, listener: ServerToClientEvents[Event]): () => void {
    // Socket.IO's typings cannot resolve a generic event name.
    const socket = this.#socket as unknown as Record<'on' | 'off', (name: Event, fn: ServerToClientEvents[Event]) => void>;
    socket.on.call(this.#socket, event, listener);
    return () => socket.off.call(this.#socket, event, listener);
  }

  async checkIn(profile: CommandPayload<'participant:checkIn'>) {
    const response = await this.send('participant:checkIn', profile);
    if (response.ok) {
      try {
        localStorage.setItem(tokenKey(this.slug), response.data.token);
      } catch {
        // Private mode: the check-in still holds for this tab.
      }
      this.#update({ me: response.data.participant });
    }
    return response;
  }

  /** Joins (or rejoins) the call and replaces local state with the server's snapshot. */
  async join(): Promise<void> {
    const sentAt = Date.now();
    const response = await this.send('call:join', {
      protocolVersion: PROTOCOL_VERSION,
      slug: this.slug,
      key: this.key,
      token: readToken(this.slug),
    });
    const receivedAt = Date.now();
    if (!response.ok) {
      this.#update({ connection: response.error.code === 'internal' || response.error.code === 'unavailable' ? 'reconnecting' : 'failed', joinError: response.error });
      return;
    }
    const { snapshot, role, participant, keys, myVotes, myQuestions } = response.data;
    this.#pending = this.#pending.filter((event) => event.sequence > snapshot.sequence);
    this.#update({
      connection: 'online',
      databaseHealth: 'ok',
      joinError: null,
      snapshot,
      role,
      me: participant,
      keys,
      clockOffsetMs: Date.parse(snapshot.serverTime) - (sentAt + receivedAt) / 2,
      myVotes,
      myQuestions,
    });
    this.#drain();
  }

  #recordOwnActivity<Name extends CommandName>(name: Name, payload: CommandPayload<Name>, data: CommandResults[Name]): void {
    const { myVotes, myQuestions } = this.#state;
    const questionId = 'questionId' in payload && typeof payload.questionId === 'string' ? payload.questionId : null;
    const voteCount = typeof data === 'object' && data !== null && 'voteCount' in data && typeof data.voteCount === 'number' ? data.voteCount : null;
    if (name === 'qa:ask' && typeof data === 'object' && data !== null && 'question' in data) {
      this.#update({ myQuestions: [...myQuestions, data.question.id] });
    } else if ((name === 'qa:vote' || name === 'qa:unvote') && questionId && voteCount !== null) {
      const others = myVotes.filter((id) => id !== questionId);
      this.#update({ myVotes: name === 'qa:vote' ? [...others, questionId] : others });
      this.#applyTallies({ [questionId]: voteCount });
    }
  }

  #applyTallies(tallies: Record<string, number>): void {
    const { snapshot } = this.#state;
    if (!snapshot || !snapshot.questions.some((question) => question.id in tallies)) return;
    const questions = snapshot.questions.map((question) => {
      const voteCount = tallies[question.id];
      return voteCount === undefined ? question : { ...question, voteCount };
    });
    this.#update({ snapshot: { ...snapshot, questions } });
  }

  #receive(event: SequencedEvent): void {
    this.#pending.push(event);
    this.#drain();
  }

  #drain(): void {
    let { snapshot } = this.#state;
    if (!snapshot) return;
    this.#pending.sort((a, b) => a.sequence - b.sequence);
    let hasGap = false;
    while (this.#pending.length > 0) {
      const result = applySequencedEvent(snapshot, this.#pending[0]!);
      if (result.kind === 'gap') {
        hasGap = true;
        break;
      }
      const { event } = this.#pending.shift()!;
      if (result.kind === 'applied') snapshot = result.snapshot;
      // The server moved this participant's vote over to the question the duplicate was merged into.
      if (result.kind === 'applied' && event.type === 'question.merged' && this.#state.myVotes.includes(event.questionId)) {
        const others = this.#state.myVotes.filter((id) => id !== event.questionId && id !== event.intoQuestionId);
        this.#update({ myVotes: [...others, event.intoQuestionId] });
      }
    }
    if (snapshot !== this.#state.snapshot) this.#update({ snapshot });
    clearTimeout(this.#gapTimer);
    // A missing event may still be on its way; if it does not come, take a fresh snapshot.
    if (hasGap) this.#gapTimer = setTimeout(() => void this.join(), GAP_WAIT_MS);
  }

  #update(patch: Partial<CallViewState>): void {
    this.#state = { ...this.#state, ...patch };
    for (const listener of this.#listeners) listener();
  }
}
