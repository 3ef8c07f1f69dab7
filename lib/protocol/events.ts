import type { CallStatus, IntroState, PublicCall, PublicSection } from './call';
import type { PublicQuestion, QaSettings } from './questions';
import type { PollResults, PublicPoll } from './polls';

export type TimerState = { itemStartedAt: string | null; timerPausedAt: string | null; timerExtraSeconds: number };

/** A change to a call, broadcast to everyone in it, in sequence order. */
export type CallEvent =
  | { type: 'call.status'; status: CallStatus; startedAt: string | null; endedAt: string | null }
  /** The host set the date (null: to be announced), timezone, length or documents base URL. */
  | { type: 'call.scheduled'; startsAt: string | null; timezone: string; plannedMinutes: number; documentsBaseUrl: string }
  | { type: 'agenda.current'; currentItemId: string | null; itemStartedAt: string | null }
  | ({ type: 'timer.changed' } & TimerState)
  /** The whole agenda after an edit: edits are rare, and a full copy keeps every client exact. */
  | { type: 'agenda.updated'; sections: PublicSection[] }
  /** A question everyone may see was added or changed (pending ones go to moderators only, unsequenced). */
  | { type: 'question.upserted'; question: PublicQuestion }
  /** A duplicate folded into another question; its votes moved over (the new tally follows). */
  | { type: 'question.merged'; questionId: string; intoQuestionId: string }
  | ({ type: 'qa.settings'; qaOpenedAt: string | null } & QaSettings)
  | { type: 'intro.updated'; intro: IntroState | null }
  /** A poll was opened, closed or reopened (drafts reach only those who run polls, unsequenced). */
  | { type: 'poll.upserted'; poll: PublicPoll }
  | { type: 'poll.deleted'; pollId: string };

export type SequencedEvent = { sequence: number; event: CallEvent };

export type CallSnapshot = {
  protocolVersion: number;
  sequence: number;
  serverTime: string;
  call: PublicCall;
  /** Visible questions; moderators also get pending ones. */
  questions: PublicQuestion[];
  /** Opened polls in the order they were created; hosts and scribes also get drafts. */
  polls: PublicPoll[];
  /** Results of the polls whose results this participant may see. */
  pollResults: Record<string, PollResults>;
  presence: PresenceUpdate;
};

/** High-rate figures, merged per call and sent on a tick; not sequenced (the next one replaces it). */
export type PresenceUpdate = { participantCount: number; onlineCount: number };
