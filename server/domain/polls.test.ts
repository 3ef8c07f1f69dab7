import { describe, expect, it } from 'vitest';
import { canSeeResults, decideAnswer, decideStatus, tallyPoll, type Poll } from './polls';

const poll = (patch: Partial<Poll> = {}): Poll => ({
  id: 'p1',
  question: 'Which day suits the bi-weekly?',
  kind: 'single',
  options: [
    { id: 'tue', label: 'Tuesday' },
    { id: 'wed', label: 'Wednesday' },
    { id: 'thu', label: 'Thursday' },
  ],
  maxChoices: null,
  itemId: null,
  showResults: 'live',
  isNamed: false,
  status: 'open',
  ...patch,
});

const refusal = (code: string, message: string) => expect.objectContaining({ code, message });

describe('decideAnswer', () => {
  it('takes one known option for a single-choice poll, and nothing else', () => {
    expect(decideAnswer(poll(), { optionIds: ['wed'] })).toEqual({ optionIds: ['wed'] });
    expect(() => decideAnswer(poll(), { optionIds: [] })).toThrow(refusal('invalid_payload', 'Choose an option.'));
    expect(() => decideAnswer(poll(), { optionIds: ['tue', 'wed'] })).toThrow(refusal('invalid_payload', 'Choose one option.'));
    expect(() => decideAnswer(poll(), { optionIds: ['fri'] })).toThrow(refusal('invalid_payload', 'That option is not part of this poll.'));
  });

  it('takes up to the maximum of distinct options for a multiple-choice poll', () => {
    const multiple = poll({ kind: 'multiple', maxChoices: 2 });
    expect(decideAnswer(multiple, { optionIds: ['tue', 'thu', 'tue'] })).toEqual({ optionIds: ['tue', 'thu'] });
    expect(() => decideAnswer(multiple, { optionIds: ['tue', 'wed', 'thu'] })).toThrow(refusal('invalid_payload', 'Choose at most 2 options.'));
    expect(decideAnswer(poll({ kind: 'multiple' }), { optionIds: ['tue', 'wed', 'thu'] })).toEqual({ optionIds: ['tue', 'wed', 'thu'] });
  });

  it('takes a whole rating from 1 to 5, and a trimmed short text', () => {
    const rating = poll({ kind: 'rating', options: [] });
    expect(decideAnswer(rating, { rating: 5 })).toEqual({ rating: 5 });
    for (const bad of [0, 6, 2.5, undefined]) expect(() => decideAnswer(rating, { rating: bad })).toThrow(refusal('invalid_payload', 'Rate from 1 to 5.'));
    const text = poll({ kind: 'text', options: [] });
    expect(decideAnswer(text, { text: '  ARM64 in production ' })).toEqual({ text: 'ARM64 in production' });
    expect(() => decideAnswer(text, { text: '   ' })).toThrow(refusal('invalid_payload', 'Write an answer.'));
    expect(() => decideAnswer(text, { text: 'x'.repeat(201) })).toThrow(refusal('invalid_payload', 'Keep the answer under 200 characters.'));
  });

  it('refuses answers while the poll is not open', () => {
    expect(() => decideAnswer(poll({ status: 'draft' }), { optionIds: ['tue'] })).toThrow(refusal('invalid_state', 'This poll is not open yet.'));
    expect(() => decideAnswer(poll({ status: 'closed' }), { optionIds: ['tue'] })).toThrow(refusal('invalid_state', 'This poll is closed.'));
  });
});

describe('decideStatus', () => {
  it('opens a prepared poll, closes it and reopens it', () => {
    const opened = decideStatus(poll({ status: 'draft' }), 'open');
    expect(opened.status).toBe('open');
    const closed = decideStatus(opened, 'closed');
    expect(closed.status).toBe('closed');
    expect(decideStatus(closed, 'open').status).toBe('open');
  });

  it('refuses a move to the state it is in, and closing a poll never opened', () => {
    expect(() => decideStatus(poll(), 'open')).toThrow(refusal('invalid_state', 'The poll is already open.'));
    expect(() => decideStatus(poll({ status: 'closed' }), 'closed')).toThrow(refusal('invalid_state', 'The poll is already closed.'));
    expect(() => decideStatus(poll({ status: 'draft' }), 'closed')).toThrow(refusal('invalid_state', 'Open the poll before closing it.'));
  });
});

describe('canSeeResults', () => {
  it('shows live results to attendees, and results kept until closing only once it is closed', () => {
    expect(canSeeResults(poll(), 'attendee')).toBe(true);
    expect(canSeeResults(poll({ showResults: 'closed' }), 'attendee')).toBe(false);
    expect(canSeeResults(poll({ showResults: 'closed', status: 'closed' }), 'attendee')).toBe(true);
    expect(canSeeResults(poll({ status: 'draft' }), 'attendee')).toBe(false);
  });

  it('always shows results to hosts and scribes', () => {
    for (const role of ['host', 'scribe'] as const) expect(canSeeResults(poll({ showResults: 'closed', status: 'draft' }), role)).toBe(true);
  });
});

describe('tallyPoll', () => {
  it('counts each option with its share of those who answered', () => {
    const results = tallyPoll(poll(), [{ optionIds: ['tue'] }, { optionIds: ['wed'] }, { optionIds: ['tue'] }]);
    expect(results.answered).toBe(3);
    expect(results.options.map(({ id, count, percent }) => [id, count, percent])).toEqual([
      ['tue', 2, 67],
      ['wed', 1, 33],
      ['thu', 0, 0],
    ]);
  });

  it('lets multiple-choice shares add up to more than 100 %', () => {
    const results = tallyPoll(poll({ kind: 'multiple' }), [{ optionIds: ['tue', 'wed'] }, { optionIds: ['wed'] }]);
    expect(results.options.map(({ percent }) => percent)).toEqual([50, 100, 0]);
  });

  it('counts ratings per value with their mean, and lists text answers', () => {
    const rating = tallyPoll(poll({ kind: 'rating', options: [] }), [{ rating: 4 }, { rating: 5 }, { rating: 4 }]);
    expect(rating.options.map(({ label, count }) => [label, count])).toEqual([['1', 0], ['2', 0], ['3', 0], ['4', 2], ['5', 1]]);
    expect(rating.average).toBe(4.3);
    const text = tallyPoll(poll({ kind: 'text', options: [] }), [{ text: 'ARM64' }, { text: 'x86' }]);
    expect(text).toEqual({ answered: 2, options: [], average: null, texts: ['ARM64', 'x86'] });
  });

  it('gives zero shares, not a division by zero, before anyone answered', () => {
    expect(tallyPoll(poll(), []).options.every((option) => option.count === 0 && option.percent === 0)).toBe(true);
  });
});
