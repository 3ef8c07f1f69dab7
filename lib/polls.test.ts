import { describe, expect, it } from 'vitest';
import { addReactionCounts, announcePolls, answerOf, canSeeResults, currentPoll, describeAnswer, describeReactions, summarizeResults } from './polls';
import { samplePoll } from './testing/samples';

describe('canSeeResults', () => {
  it('shows hosts and scribes everything, attendees live results or closed polls only', () => {
    expect(canSeeResults(samplePoll('p'), 'scribe')).toBe(true);
    expect(canSeeResults(samplePoll('p'), 'attendee')).toBe(false);
    expect(canSeeResults(samplePoll('p', { status: 'open' }), 'attendee')).toBe(true);
    expect(canSeeResults(samplePoll('p', { status: 'open', showResults: 'closed' }), 'attendee')).toBe(false);
    expect(canSeeResults(samplePoll('p', { status: 'closed', showResults: 'closed' }), 'attendee')).toBe(true);
  });
});

describe('currentPoll', () => {
  it('picks the open poll opened last', () => {
    const polls = [
      samplePoll('a', { status: 'open', openedAt: '2026-11-26T17:05:00.000Z' }),
      samplePoll('b', { status: 'open', openedAt: '2026-11-26T17:09:00.000Z' }),
      samplePoll('c', { status: 'closed', openedAt: '2026-11-26T17:20:00.000Z' }),
      samplePoll('d'),
    ];
    expect(currentPoll(polls)?.id).toBe('b');
    expect(currentPoll(polls.slice(2))).toBeNull();
  });
});

describe('answers', () => {
  it('reads what was sent as the poll keeps it, and says it in words', () => {
    const poll = samplePoll('p', { kind: 'multiple' });
    const answer = answerOf(poll, { optionIds: ['o2', 'o1'] })!;
    expect(answer).toEqual({ optionIds: ['o1', 'o2'] });
    expect(describeAnswer(poll, answer)).toBe('You chose Yes, No.');
    expect(answerOf(samplePoll('r', { kind: 'rating', options: [] }), { rating: 5 })).toEqual({ rating: 5 });
    expect(answerOf(samplePoll('r', { kind: 'rating', options: [] }), {})).toBeNull();
    expect(describeAnswer(poll, { rating: 3 })).toBe('You rated 3 of 5.');
  });
});

describe('summarizeResults', () => {
  const options = [
    { id: 'o1', label: 'Yes', count: 3, percent: 75 },
    { id: 'o2', label: 'No', count: 1, percent: 25 },
  ];
  it('says how many answered and what leads', () => {
    const base = { options, average: null, words: [], texts: [] };
    expect(summarizeResults(samplePoll('p'), { ...base, answered: 4 })).toBe('Ship it?: 4 answers, most chose Yes (75%).');
    expect(summarizeResults(samplePoll('p'), { ...base, answered: 0 })).toBe('Ship it?: no answers yet.');
    expect(summarizeResults(samplePoll('p', { kind: 'rating' }), { ...base, answered: 1, average: 4.5 })).toBe('Ship it?: 1 answer, average 4.5 of 5.');
  });
});

describe('reactions', () => {
  it('adds bursts and describes them in the order of the bar', () => {
    const total = addReactionCounts(addReactionCounts({}, { '🎉': 1 }), { '👏': 2, '🎉': 0 });
    expect(addReactionCounts(total, { '👏': 1 })).toEqual({ '👏': 3, '🎉': 1 });
    expect(describeReactions({ '🎉': 1, '👏': 3 })).toBe('3 👏, 1 🎉 in the last seconds');
    expect(describeReactions({})).toBe('');
  });
});

describe('announcePolls', () => {
  const results = (answered: number) => ({ answered, options: [{ id: 'o1', label: 'Yes', count: answered, percent: 100 }], average: null, words: [], texts: [] });
  it('says the open poll and its count, then the last closed poll’s results', () => {
    const open = samplePoll('p', { status: 'open', openedAt: '2026-11-26T17:05:00.000Z' });
    expect(announcePolls([open], { p: results(12) }, 'attendee')).toBe('Poll open: Ship it? 12 answers.');
    expect(announcePolls([open], { p: results(0) }, 'attendee')).toBe('Poll open: Ship it?');
    expect(announcePolls([{ ...open, showResults: 'closed' }], { p: results(12) }, 'attendee')).toBe('Poll open: Ship it?');
    expect(announcePolls([{ ...open, status: 'closed' }], { p: results(1) }, 'attendee')).toBe('Poll closed. Ship it?: 1 answer, most chose Yes (100%).');
    expect(announcePolls([samplePoll('d')], {}, 'host')).toBe('');
  });
});
