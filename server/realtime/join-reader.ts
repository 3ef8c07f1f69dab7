import type { CallActions, PollAnswer, PollResults, PublicCall, PublicPoll, PublicQuestion, VoteSignal } from '@/lib/protocol';
import { listVoteSignals } from '../persistence/vote-integrity.repository';
import { resultsForAttendees } from '../domain/polls';
import { visibleQuestions } from '../domain/questions';
import { readCallActions } from '../persistence/actions.repository';
import { listOwnAnswers, listPolls, readPollResults } from '../persistence/polls.repository';
import type { Database } from '../persistence/database';
import { findParticipantsForTokens, type TokenHolder } from '../persistence/participants.repository';
import { listOwnActivity, listQuestions, type OwnActivity } from '../persistence/questions.repository';
import { TICK_MS, type Broadcaster } from './broadcaster';
import type { SnapshotCache } from './snapshot-cache';
import { BatchQueue } from './batch-queue';

export type JoinView = {
  sequence: number;
  call: PublicCall;
  questions: PublicQuestion[];
  polls: PublicPoll[];
  pollResults: Record<string, PollResults>;
  presence: { participantCount: number; onlineCount: number };
  actions: CallActions;
  /** Moderators only: each question's suspicious-activity signal. */
  voteSignals: Record<string, VoteSignal>;
  own: OwnActivity & { myPollAnswers: Record<string, PollAnswer> };
};

/** Joins within this long of each other are read together; a join waits at most this much longer. */
const JOIN_BATCH_MS = 10;

type Request = { participantId: string | null; isModerator: boolean };

/**
 * Reads what a join returns (the call's state, its questions, presence, the participant's own votes and
 * questions) once for all joins of a call that arrive within a few milliseconds of each other, so a thousand
 * attendees rejoining at once cost a few reads, not a few thousand. A read starts only after every join it
 * serves has entered the call's room: whatever changes after it reaches them as an event or a tally.
 */
export class JoinReader {
  readonly #reads: BatchQueue<Request, JoinView | null>;
  readonly #tokens: BatchQueue<string, TokenHolder | undefined>;

  constructor(
    private readonly database: Database,
    private readonly snapshots: SnapshotCache,
    private readonly broadcaster: Broadcaster,
  ) {
    this.#reads = new BatchQueue({
      windowMs: JOIN_BATCH_MS,
      process: (callId, batch) => this.#read(callId, batch),
      // The read holds the call's turn until the joins have sent their acks, so no tally read before it overtakes them.
      around: (callId, work) =>
        broadcaster.exclusive(callId, async () => {
          await work();
          await new Promise<void>((resolve) => setImmediate(resolve));
        }),
    });
    this.#tokens = new BatchQueue({
      windowMs: JOIN_BATCH_MS,
      process: async (_, participantIds) => {
        const found = await findParticipantsForTokens(database, [...new Set(participantIds)]);
        return participantIds.map((participantId) => found.get(participantId));
      },
    });
  }

  /** Who a participant token names: blocked, removed or checked in, and in which call. */
  tokenHolder(participantId: string): Promise<TokenHolder | undefined> {
    return this.#tokens.submit('', participantId);
  }

  /** Null when the call no longer exists. */
  read(callId: string, participantId: string | null, isModerator: boolean): Promise<JoinView | null> {
    return this.#reads.submit(callId, { participantId, isModerator });
  }

  /** Refuses new joins and waits for the reads under way, so none reaches the database after it closes. */
  async close(): Promise<void> {
    await Promise.all([this.#tokens.close(), this.#reads.close()]);
  }

  async #read(callId: string, batch: Request[]): Promise<(JoinView | null)[]> {
    const participantIds = batch.flatMap((request) => (request.participantId ? [request.participantId] : []));
    const snapshot = await this.snapshots.get(callId);
    if (!snapshot) return batch.map(() => null);
    const questions = await listQuestions(this.database, callId, { includeHidden: true });
    const presence = await this.broadcaster.presenceOf(callId, TICK_MS);
    const own = participantIds.length > 0 ? await listOwnActivity(this.database, callId, participantIds) : new Map<string, OwnActivity>();
    const ownAnswers = participantIds.length > 0 ? await listOwnAnswers(this.database, callId, participantIds) : new Map<string, Record<string, PollAnswer>>();
    const polls = await listPolls(this.database, callId, { includeDrafts: true });
    const actions = (await readCallActions(this.database, callId)) ?? { actions: [], decisions: [] };
    const results = new Map<string, PollResults>();
    for (const poll of polls) if (poll.status !== 'draft') results.set(poll.id, await readPollResults(this.database, poll));
    // Attendees get opened polls, and the results they may see without who chose what; hosts and scribes everything.
    const audience = {
      voteSignals: {},
      polls: polls.filter((poll) => poll.status !== 'draft'),
      pollResults: Object.fromEntries(
        polls.flatMap((poll) => {
          const shown = results.has(poll.id) ? resultsForAttendees(poll, results.get(poll.id)!) : null;
          return shown ? [[poll.id, shown] as const] : [];
        }),
      ),
    };
    const voteSignals = batch.some((request) => request.isModerator) ? await listVoteSignals(this.database, callId) : {};
    const moderators = { polls, pollResults: Object.fromEntries(results), voteSignals };
    return batch.map(({ participantId, isModerator }) => {
      const mine = (participantId && own.get(participantId)) || { myVotes: [], myQuestions: [] };
      const myPollAnswers = (participantId && ownAnswers.get(participantId)) || {};
      const questionsSeen = visibleQuestions({ isModerator, ownQuestionIds: mine.myQuestions }, questions);
      return { ...snapshot, ...(isModerator ? moderators : audience), questions: questionsSeen, presence, actions, own: { ...mine, myPollAnswers } };
    });
  }
}
