import type { Histogram } from 'prom-client';
import { silentLogger, type Logger } from '../observability/logger';
import type { CallEvent, PollResults, PublicQuestion, Reaction, SequencedEvent } from '@/lib/protocol';
import type { Notice } from '../domain/decision';
import { resultsForAttendees } from '../domain/polls';
import { addReactions, listPolls, readPollResults } from '../persistence/polls.repository';
import { countParticipants, listParticipants } from '../persistence/participants.repository';
import { readVoteCounts } from '../persistence/questions.repository';
import type { PresenceTracker } from './presence';
import type { Database } from '../persistence/database';
import { callRoom, hostRoom, moderatorRoom, participantRoom, participantsRoom } from './rooms';
import type { RoundtableServer } from './sockets';
import { spreadOverCall } from './fan-out';
import { isTickDue, nextTickMs } from '../domain/adaptive-tick';
import { addMissedReactions, Laggards, MAX_BUFFERED_PACKETS } from './laggards';

export const TICK_MS = 150;
/** Under overload the tick stretches (see `nextTickMs`), up to this. */
export const MAX_TICK_MS = 1000;
/** From this many sockets on one node, a call's presence goes out at most once per BIG_CALL_PRESENCE_MS... */
const BIG_CALL_SOCKETS = 500;
const BIG_CALL_PRESENCE_MS = 1000;
/**
 * ... and its reactions every third tick (2.5 ticks, as ticks are not exactly 150 ms apart): a message to each of
 * 5,000 sockets costs 50–100 ms of writes, so one per tick took half a core during a reaction storm.
 */
const BIG_CALL_REACTIONS_MS = 2.5 * TICK_MS;

/**
 * Sends changes to a call's room. Rare changes (sequenced events) go out at once; high-rate figures
 * (vote tallies, presence) are merged per call and sent at most once per tick.
 */
export class Broadcaster {
  readonly #dirtyPresence = new Set<string>();
  readonly #tallies = new Map<string, Set<string>>();
  readonly #changedParticipants = new Map<string, Set<string>>();
  readonly #answeredPolls = new Map<string, Set<string>>();
  /** Calls whose tally or results flush waits for the call's turn; it takes the marks made meanwhile too. */
  readonly #waitingFlushes = new Set<string>();
  /** Reactions since the last tick, per call and the agenda item that was current ('' for none). */
  readonly #reactions = new Map<string, Map<string, Partial<Record<Reaction, number>>>>();
  readonly #turns = new Map<string, Promise<void>>();
  readonly #participantCounts = new Map<string, { count: number; at: number }>();
  readonly #presenceSentAt = new Map<string, number>();
  readonly #reactionsSentAt = new Map<string, number>();
  readonly #timer: NodeJS.Timeout;
  /** Ticks under way: a slow one may still run when the next starts. */
  readonly #ticks = new Set<Promise<unknown>>();
  /** The current tick: TICK_MS when idle, longer while flushes take longer than a tick (see `nextTickMs`). */
  #tickMs = TICK_MS;
  #lastTickAt = Number.NEGATIVE_INFINITY;
  readonly #laggards: Laggards;
  readonly #writers: (() => Promise<void>)[] = [];
  readonly #logger: Logger;
  readonly #tickDuration: Pick<Histogram, 'observe'> | undefined;

  constructor(
    private readonly io: RoundtableServer,
    private readonly database: Database,
    private readonly presence: PresenceTracker,
    options: { maxBufferedPackets?: number; logger?: Logger; tickDuration?: Pick<Histogram, 'observe'> } = {},
  ) {
    this.#logger = options.logger ?? silentLogger;
    this.#tickDuration = options.tickDuration;
    this.#laggards = new Laggards(io, options.maxBufferedPackets ?? MAX_BUFFERED_PACKETS);
    this.#timer = setInterval(() => this.#tick(), TICK_MS);
    this.#timer.unref();
  }

  /** How long the broadcaster currently waits between flushes. */
  get tickMs(): number {
    return this.#tickMs;
  }

  /**
   * Flushes everything marked since the last tick. The timer fires every TICK_MS; while flushes are slow, the
   * ticks in between are skipped, so a slow broadcast is followed by one merging more rather than by a queue.
   */
  #tick(): void {
    const startedAt = performance.now();
    if (!isTickDue(startedAt - this.#lastTickAt, this.#tickMs, TICK_MS)) return;
    this.#lastTickAt = startedAt;
    const written = this.#writeWaiting();
    const tick = Promise.all([
      written.then(() => this.flushTallies()),
      written.then(() => this.flushPollResults()),
      this.flushReactions(),
      this.flushParticipants().then(() => this.flushPresence()),
      this.flushCatchUps(),
    ]);
    this.#ticks.add(tick);
    void tick.finally(() => {
      this.#ticks.delete(tick);
      const tookMs = performance.now() - startedAt;
      this.#tickDuration?.observe(tookMs / 1000);
      this.#tickMs = nextTickMs(tookMs, { baseMs: TICK_MS, ceilingMs: MAX_TICK_MS });
    });
  }

  /**
   * `write` runs at the start of every tick, and the tallies and poll results go out once it is done: the
   * write batchers commit their waiting votes and answers there, so what they change is sent in the same tick.
   */
  writeBeforeFigures(write: () => Promise<void>): void {
    this.#writers.push(write);
  }

  async #writeWaiting(): Promise<void> {
    await Promise.all(this.#writers.map((write) => write().catch((error: unknown) => this.#logger.error({ err: error }, 'writing before a tick failed'))));
  }

  sendEvents(callId: string, firstSequence: number, events: CallEvent[]): SequencedEvent[] {
    const sequenced = events.map((event, index) => ({ sequence: firstSequence + index, event }));
    for (const item of sequenced) this.io.to(callRoom(callId)).emit('call:event', item);
    return sequenced;
  }

  /** Delivers a decision's notices; called only once the change they report is committed. */
  publish(callId: string, notices: readonly Notice[]): void {
    for (const notice of notices) {
      if (notice.type === 'question.hidden') this.sendHiddenQuestion(callId, notice.question, notice.authorId);
      else if (notice.type === 'tally.changed') this.markTallyChanged(callId, notice.questionId);
      else if (notice.type === 'participant.changed') this.markParticipantChanged(callId, notice.participantId);
      else if (notice.type === 'poll.draft') this.io.to(moderatorRoom(callId)).emit('poll:draft', notice.poll);
      else if (notice.type === 'question.signal') {
        const room = notice.scribesModerate ? moderatorRoom(callId) : hostRoom(callId);
        this.io.to(room).emit('qa:signal', { questionId: notice.questionId, signal: notice.signal });
      }
      else if (notice.type === 'poll.answered') addToSet(this.#answeredPolls, callId, notice.pollId);
      else {
        const tabs = this.io.to(participantRoom(notice.participantId));
        (notice.origin ? tabs.except(notice.origin) : tabs).emit('poll:myAnswer', { pollId: notice.pollId, answer: notice.answer });
      }
    }
  }

  /** A question's votes changed; everyone gets its count, merged with others, on the next tick. */
  markTallyChanged(callId: string, questionId: string): void {
    addToSet(this.#tallies, callId, questionId);
  }

  /** A reaction while `itemId` is current; everyone sees the tick's reactions merged, and the item's counts grow. */
  addReaction(callId: string, itemId: string | null, emoji: Reaction): void {
    const items = this.#reactions.get(callId) ?? new Map<string, Partial<Record<Reaction, number>>>();
    const counts = items.get(itemId ?? '') ?? {};
    counts[emoji] = (counts[emoji] ?? 0) + 1;
    items.set(itemId ?? '', counts);
    this.#reactions.set(callId, items);
  }

  /** A question the audience does not see (waiting for approval, or dismissed before it was) changed: moderators and its asker hear. */
  sendHiddenQuestion(callId: string, question: PublicQuestion, authorId: string | null): void {
    const rooms = authorId ? [moderatorRoom(callId), participantRoom(authorId)] : [moderatorRoom(callId)];
    this.io.to(rooms).emit('qa:pending', question);
  }

  /** A participant's profile, presence or hand changed, or they were removed; everyone hears on the next tick. */
  markParticipantChanged(callId: string, participantId: string): void {
    addToSet(this.#changedParticipants, callId, participantId);
    this.#dirtyPresence.add(callId);
  }

  markPresenceChanged(callId: string): void {
    this.#dirtyPresence.add(callId);
  }

  /**
   * Runs `work` once the call's earlier exclusive work has finished. Sending tallies (read, then spread over
   * several turns) and reading joins take turns, so no join gets a tally that was read before its snapshot.
   */
  exclusive<T>(callId: string, work: () => Promise<T>): Promise<T> {
    const result = (this.#turns.get(callId) ?? Promise.resolve()).then(work);
    const done = result.then(
      () => undefined,
      () => undefined,
    );
    this.#turns.set(callId, done);
    void done.then(() => {
      if (this.#turns.get(callId) === done) this.#turns.delete(callId);
    });
    return result;
  }

  /**
   * A call's presence figures. The participant count (a scan of the call's participants) may be up to
   * `maxAgeMs` old: joins take the count of the last tick, whose presence message follows their own anyway.
   */
  async presenceOf(callId: string, maxAgeMs = 0) {
    const onlineCount = await this.presence.onlineCount(callId);
    const cached = this.#participantCounts.get(callId);
    if (cached && performance.now() - cached.at <= maxAgeMs) return { participantCount: cached.count, onlineCount };
    const at = performance.now();
    const participantCount = await countParticipants(this.database, callId);
    this.#participantCounts.set(callId, { count: participantCount, at });
    return { participantCount, onlineCount };
  }

  /**
   * Reads the counts when sending, not when the votes were written: with several nodes writing votes for the
   * same question, the count read last is the newest, so no node can overwrite it with an older one.
   */
  async flushTallies(): Promise<void> {
    for (const callId of [...this.#tallies.keys()]) {
      await this.#flushWhenItsTurn(`tallies ${callId}`, callId, async () => {
        const questionIds = takeFrom(this.#tallies, callId);
        if (questionIds.length === 0) return;
        const skipped = this.#laggards.skip(callId, (missed) => questionIds.forEach((id) => missed.questionIds.add(id)));
        const tallies = await readVoteCounts(this.database, callId, questionIds);
        await spreadOverCall(callId, (room) => this.io.to(room).except(skipped).emit('qa:tallies', tallies));
      }).catch((error: unknown) => this.#logger.error({ err: error }, 'tally update failed'));
    }
  }

  /**
   * Runs a call's flush in the call's turn, unless one is already waiting for it: that one reads the counts when
   * its turn comes, so it sends what this one would have. When flushes take longer than a tick (an overloaded
   * loop), they no longer queue up one per tick, each later than the last.
   */
  async #flushWhenItsTurn(key: string, callId: string, flush: () => Promise<void>): Promise<void> {
    if (this.#waitingFlushes.has(key)) return;
    this.#waitingFlushes.add(key);
    await this.exclusive(callId, async () => {
      this.#waitingFlushes.delete(key);
      await flush();
    });
  }

  /**
   * Each call's changed poll results, read when sending like tallies. Those who run polls get every result in
   * full (who chose what for a named poll, hidden answers); everyone else only the results they may see, without them.
   */
  async flushPollResults(): Promise<void> {
    for (const callId of [...this.#answeredPolls.keys()]) {
      await this.#flushWhenItsTurn(`results ${callId}`, callId, async () => {
        const pollIds = new Set(takeFrom(this.#answeredPolls, callId));
        if (pollIds.size === 0) return;
        const skipped = this.#laggards.skip(callId, (missed) => pollIds.forEach((id) => missed.pollIds.add(id)));
        const results = await this.#readPollResults(callId, pollIds);
        if (!results) return;
        this.io.to(moderatorRoom(callId)).except(skipped).emit('poll:results', results.full);
        if (Object.keys(results.shown).length > 0) {
          await spreadOverCall(callId, (room) => this.io.to(room).except([moderatorRoom(callId), ...skipped]).emit('poll:results', results.shown));
        }
      }).catch((error: unknown) => this.#logger.error({ err: error }, 'poll results update failed'));
    }
  }

  /** The results of the call's polls among `pollIds`, in full and as attendees may see them; null when none is left. */
  async #readPollResults(callId: string, pollIds: ReadonlySet<string>) {
    const polls = (await listPolls(this.database, callId, { includeDrafts: true })).filter((poll) => pollIds.has(poll.id));
    if (polls.length === 0) return null;
    const full: Record<string, PollResults> = {};
    const shown: Record<string, PollResults> = {};
    for (const poll of polls) {
      const results = await readPollResults(this.database, poll);
      full[poll.id] = results;
      const forAttendees = resultsForAttendees(poll, results);
      if (forAttendees) shown[poll.id] = forAttendees;
    }
    return { full, shown };
  }

  /**
   * Sends each socket that fell behind and can take messages again the latest state of what it skipped, in one
   * message per kind, in the call's turn like the tallies (so never older counts after newer ones).
   */
  async flushCatchUps(): Promise<void> {
    for (const callId of this.#laggards.calls()) {
      await this.#flushWhenItsTurn(`catch-up ${callId}`, callId, async () => {
        const caughtUp = this.#laggards.takeCaughtUp(callId);
        if (caughtUp.length === 0) return;
        const questionIds = new Set(caughtUp.flatMap(({ missed }) => [...missed.questionIds]));
        const pollIds = new Set(caughtUp.flatMap(({ missed }) => [...missed.pollIds]));
        const tallies = questionIds.size > 0 ? await readVoteCounts(this.database, callId, [...questionIds]) : {};
        const results = pollIds.size > 0 ? await this.#readPollResults(callId, pollIds) : null;
        const presence = caughtUp.some(({ missed }) => missed.presence) ? await this.presenceOf(callId, TICK_MS) : null;
        for (const { socket, missed } of caughtUp) {
          if (missed.questionIds.size > 0) socket.emit('qa:tallies', pick(tallies, missed.questionIds));
          const shown = results && pick(socket.rooms.has(moderatorRoom(callId)) ? results.full : results.shown, missed.pollIds);
          if (shown && Object.keys(shown).length > 0) socket.emit('poll:results', shown);
          if (presence && missed.presence) socket.emit('call:presence', presence);
          for (const [itemId, counts] of missed.reactions) socket.emit('reactions', { itemId: itemId || null, counts });
        }
      }).catch((error: unknown) => this.#logger.error({ err: error }, 'catching up a socket failed'));
    }
  }

  /**
   * One message per socket per tick however many reactions arrived (in a big call, every third tick); the counts
   * per agenda item are stored as they are sent. When the agenda moved in between, the new item's reactions wait
   * for the next message, so no socket gets two reaction messages in one tick.
   */
  async flushReactions(): Promise<void> {
    for (const [callId, at] of this.#reactionsSentAt) {
      if (performance.now() - at > BIG_CALL_REACTIONS_MS) this.#reactionsSentAt.delete(callId);
    }
    for (const [callId, items] of [...this.#reactions]) {
      if (this.#isBig(callId) && performance.now() - (this.#reactionsSentAt.get(callId) ?? Number.NEGATIVE_INFINITY) < BIG_CALL_REACTIONS_MS) continue;
      this.#reactionsSentAt.set(callId, performance.now());
      const [itemId, counts] = items.entries().next().value ?? ['', {}];
      items.delete(itemId);
      if (items.size === 0) this.#reactions.delete(callId);
      try {
        const skipped = this.#laggards.skip(callId, (missed) => addMissedReactions(missed, itemId, counts));
        await spreadOverCall(callId, (room) => this.io.to(room).except(skipped).emit('reactions', { itemId: itemId || null, counts }));
        if (itemId) await addReactions(this.database, callId, itemId, counts);
      } catch (error) {
        this.#logger.error({ err: error }, 'reactions update failed');
      }
    }
  }

  #isBig(callId: string): boolean {
    return (this.io.sockets.adapter.rooms.get(callRoom(callId))?.size ?? 0) >= BIG_CALL_SOCKETS;
  }

  async flushParticipants(): Promise<void> {
    const calls = [...this.#changedParticipants];
    this.#changedParticipants.clear();
    for (const [callId, changes] of calls) {
      try {
        const online = await this.presence.onlineIds(callId);
        const participants = await listParticipants(this.database, callId, (participantId) => online.has(participantId), [...changes]);
        // A changed participant who is no longer listed was removed.
        const listed = new Set(participants.map((participant) => participant.id));
        const removed = [...changes].filter((id) => !listed.has(id)).map((removedId) => ({ removedId }));
        this.io.to(participantsRoom(callId)).emit('participants:changed', [...participants.map((participant) => ({ participant })), ...removed]);
        // Each participant also hears about themselves (a hand the host lowered), list or not.
        for (const participant of participants) this.io.to(participantRoom(participant.id)).emit('participant:self', participant);
      } catch (error) {
        this.#logger.error({ err: error }, 'participants update failed');
      }
    }
  }

  async flushPresence(): Promise<void> {
    const callIds = [...this.#dirtyPresence];
    this.#dirtyPresence.clear();
    for (const [callId, { at }] of this.#participantCounts) {
      if (performance.now() - at > TICK_MS) this.#participantCounts.delete(callId);
    }
    for (const [callId, at] of this.#presenceSentAt) {
      if (performance.now() - at > BIG_CALL_PRESENCE_MS) this.#presenceSentAt.delete(callId);
    }
    for (const callId of callIds) {
      // In a big call the online count may lag a second: during a join or reconnect storm every tick changes it,
      // and sending it to every socket each time cost more than all the joins.
      if (this.#isBig(callId) && performance.now() - (this.#presenceSentAt.get(callId) ?? -Infinity) < BIG_CALL_PRESENCE_MS) {
        this.#dirtyPresence.add(callId);
        continue;
      }
      this.#presenceSentAt.set(callId, performance.now());
      try {
        const presence = await this.presenceOf(callId);
        const skipped = this.#laggards.skip(callId, (missed) => void (missed.presence = true));
        await spreadOverCall(callId, (room) => this.io.to(room).except(skipped).emit('call:presence', presence));
      } catch (error) {
        this.#logger.error({ err: error }, 'presence update failed');
      }
    }
  }

  /** Stops the ticks and waits for those under way, so none reaches the database after it closes. */
  async stop(): Promise<void> {
    clearInterval(this.#timer);
    await Promise.all(this.#ticks);
  }
}

/** Removes and returns what was marked for `key`. */
function takeFrom(sets: Map<string, Set<string>>, key: string): string[] {
  const values = [...(sets.get(key) ?? [])];
  sets.delete(key);
  return values;
}

/** The entries of `record` whose keys are in `keys`. */
function pick<Value>(record: Record<string, Value>, keys: ReadonlySet<string>): Record<string, Value> {
  return Object.fromEntries(Object.entries(record).filter(([key]) => keys.has(key)));
}

function addToSet(sets: Map<string, Set<string>>, key: string, value: string): void {
  const set = sets.get(key) ?? new Set<string>();
  set.add(value);
  sets.set(key, set);
}
