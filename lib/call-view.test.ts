import { describe, expect, it } from 'vitest';
import { applyPollDraft, applyPollResults, applyTallies, drainEvents, EMPTY_CALL_VIEW, receiveEvent, receiveSnapshot, recordOwnCommand, recordPollAnswer, type CallView } from './call-view';
import type { CallSnapshot, SequencedEvent } from './protocol';
import { sampleCall, sampleItem, samplePoll, sampleQuestion, sampleSection } from './testing/samples';

const question = (id: string, voteCount = 0) => sampleQuestion(id, { voteCount, createdAt: '2026-11-26T17:01:00.000Z' });

const snapshot: CallSnapshot = {
  protocolVersion: 1,
  sequence: 4,
  serverTime: '2026-11-26T17:00:00.000Z',
  presence: { participantCount: 0, onlineCount: 0 },
  polls: [],
  pollResults: {},
  questions: [question('q1', 2), question('q2', 1)],
  call: sampleCall({ sections: [sampleSection('s1', 'Welcome', [sampleItem('i1', 5, 'Intro'), sampleItem('i2', 5, 'News')])] }),
};

const current = (sequence: number, currentItemId: string): SequencedEvent => ({
  sequence,
  event: { type: 'agenda.current', currentItemId, itemStartedAt: '2026-11-26T17:05:00.000Z' },
});
const settings = (sequence: number, qaOpen: boolean): SequencedEvent => ({ sequence, event: { type: 'qa.settings', qaOpen, qaModerated: false, qaScribesModerate: false, scribesRunPolls: false, qaVotersBeforeOpen: false, qaHoldVoteBursts: false, qaOpenedAt: null } });
const joined: CallView = { ...EMPTY_CALL_VIEW, snapshot };

describe('receiveEvent', () => {
  it('applies events that follow the snapshot, in order, whatever order they arrive in', () => {
    let view = joined;
    const first = receiveEvent(view, settings(6, false));
    expect(first.hasGap).toBe(true);
    expect(first.view.snapshot).toBe(snapshot);
    view = first.view;
    const second = receiveEvent(view, current(5, 'i2'));
    expect(second.hasGap).toBe(false);
    expect(second.view.pending).toEqual([]);
    expect(second.view.snapshot?.sequence).toBe(6);
    expect(second.view.snapshot?.call.currentItemId).toBe('i2');
    expect(second.view.snapshot?.call.qaOpen).toBe(false);
  });

  it('drops an event the snapshot already holds', () => {
    const { view, hasGap } = receiveEvent(joined, current(4, 'i2'));
    expect(hasGap).toBe(false);
    expect(view.pending).toEqual([]);
    expect(view.snapshot?.call.currentItemId).toBe('i1');
  });

  it('keeps events that arrive before the first snapshot', () => {
    const { view, hasGap } = receiveEvent(EMPTY_CALL_VIEW, current(5, 'i2'));
    expect(hasGap).toBe(false);
    expect(view.pending).toHaveLength(1);
  });

  it('moves this participant’s vote when the question they voted for is merged', () => {
    const view = { ...joined, myVotes: ['q2'] };
    const merged = receiveEvent(view, { sequence: 5, event: { type: 'question.merged', questionId: 'q2', intoQuestionId: 'q1' } }).view;
    expect(merged.myVotes).toEqual(['q1']);
    expect(merged.snapshot?.questions.map((each) => each.id)).toEqual(['q1']);
    const votedForBoth = receiveEvent({ ...joined, myVotes: ['q1', 'q2'] }, { sequence: 5, event: { type: 'question.merged', questionId: 'q2', intoQuestionId: 'q1' } }).view;
    expect(votedForBoth.myVotes).toEqual(['q1']);
  });
});

describe('receiveSnapshot', () => {
  it('resyncs after a gap: keeps only the events newer than the fresh snapshot and applies them', () => {
    // Event 5 was lost; 6 and 8 wait behind the gap.
    let view = receiveEvent(joined, settings(6, false)).view;
    view = receiveEvent(view, current(8, 'i2')).view;
    expect(drainEvents(view).hasGap).toBe(true);

    const fresh: CallSnapshot = { ...snapshot, sequence: 7, call: { ...snapshot.call, qaOpen: false } };
    const result = receiveSnapshot(view, { snapshot: fresh, myVotes: ['q1'], myQuestions: [], myPollAnswers: {} });
    expect(result.hasGap).toBe(false);
    expect(result.view.pending).toEqual([]);
    expect(result.view.snapshot?.sequence).toBe(8);
    expect(result.view.snapshot?.call.currentItemId).toBe('i2');
    expect(result.view.myVotes).toEqual(['q1']);
  });

  it('still reports a gap when the fresh snapshot does not reach the waiting events', () => {
    const view = receiveEvent(joined, current(9, 'i2')).view;
    const result = receiveSnapshot(view, { snapshot: { ...snapshot, sequence: 6 }, myVotes: [], myQuestions: [], myPollAnswers: {} });
    expect(result.hasGap).toBe(true);
    expect(result.view.pending.map((event) => event.sequence)).toEqual([9]);
  });
});

describe('applyTallies', () => {
  it('sets the counts of the questions shown and keeps the same snapshot when none is shown', () => {
    expect(applyTallies(snapshot, { q2: 7 }).questions.map((each) => each.voteCount)).toEqual([2, 7]);
    expect(applyTallies(snapshot, { elsewhere: 3 })).toBe(snapshot);
  });
});

describe('recordOwnCommand', () => {
  it('remembers a question this participant asked', () => {
    const view = recordOwnCommand(joined, 'qa:ask', { text: 'Why?', isAnonymous: false, itemId: null }, { question: question('q3') });
    expect(view.myQuestions).toEqual(['q3']);
  });

  it('remembers a vote with its new count, and forgets it on unvote', () => {
    const voted = recordOwnCommand(joined, 'qa:vote', { questionId: 'q2' }, { voteCount: 2 });
    expect(voted.myVotes).toEqual(['q2']);
    expect(voted.snapshot?.questions.find((each) => each.id === 'q2')?.voteCount).toBe(2);
    const unvoted = recordOwnCommand(voted, 'qa:unvote', { questionId: 'q2' }, { voteCount: 1 });
    expect(unvoted.myVotes).toEqual([]);
    expect(unvoted.snapshot?.questions.find((each) => each.id === 'q2')?.voteCount).toBe(1);
  });

  it('leaves the view alone for other commands', () => {
    expect(recordOwnCommand(joined, 'qa:pin', { questionId: 'q1' }, { sequence: 5 })).toBe(joined);
  });
});

const results = (answered: number) => ({ answered, options: [], average: null, words: [], texts: [] });

describe('polls in the view', () => {
  it('merges results per poll, keeping the others, and keeps the snapshot when none came', () => {
    const first = applyPollResults(snapshot, { p1: results(1), p2: results(2) });
    const second = applyPollResults(first, { p1: results(3) });
    expect(second.pollResults).toEqual({ p1: results(3), p2: results(2) });
    expect(applyPollResults(second, {})).toBe(second);
  });

  it('adds and updates drafts, but never turns an opened poll back into a draft', () => {
    const drafted = applyPollDraft(snapshot, samplePoll('p1'));
    expect(drafted.polls.map((poll) => poll.status)).toEqual(['draft']);
    const opened = receiveEvent({ ...joined, snapshot: drafted }, { sequence: 5, event: { type: 'poll.upserted', poll: samplePoll('p1', { status: 'open', openedAt: '2026-11-26T17:10:00.000Z' }) } }).view.snapshot!;
    expect(applyPollDraft(opened, samplePoll('p1'))).toBe(opened);
  });

  it('takes one’s own answers from the join and from other tabs', () => {
    const view = receiveSnapshot(EMPTY_CALL_VIEW, { snapshot, myVotes: [], myQuestions: [], myPollAnswers: { p1: { rating: 4 } } }).view;
    expect(view.myPollAnswers).toEqual({ p1: { rating: 4 } });
    expect(recordPollAnswer(view, 'p2', { text: 'faster builds' }).myPollAnswers).toEqual({ p1: { rating: 4 }, p2: { text: 'faster builds' } });
  });

  it('records a successful answer in the poll’s terms: options in the poll’s order, text trimmed', () => {
    const polls = [samplePoll('p1', { status: 'open' }), samplePoll('p2', { kind: 'text', options: [], status: 'open' })];
    const view = { ...joined, snapshot: { ...snapshot, polls } };
    const chosen = recordOwnCommand(view, 'poll:answer', { pollId: 'p1', optionIds: ['o2', 'o1'] }, { ok: true });
    expect(chosen.myPollAnswers).toEqual({ p1: { optionIds: ['o1', 'o2'] } });
    const written = recordOwnCommand(chosen, 'poll:answer', { pollId: 'p2', text: '  more   docs ' }, { ok: true });
    expect(written.myPollAnswers.p2).toEqual({ text: 'more docs' });
    expect(recordOwnCommand(view, 'poll:answer', { pollId: 'unknown', rating: 3 }, { ok: true })).toBe(view);
  });

  it('shows a created poll at once, before its draft notice arrives', () => {
    const view = recordOwnCommand(joined, 'poll:create', { question: 'Ship it?', kind: 'rating', showResults: 'live', isNamed: false }, { poll: samplePoll('p1') });
    expect(view.snapshot?.polls.map((poll) => poll.id)).toEqual(['p1']);
  });
});
