import { describe, expect, it } from 'vitest';
import { sampleCall, samplePoll } from '@/lib/testing/samples';
import { canSeeResults } from '@/lib/polls';
import { copyPollsAsDrafts, decideAnswer, decideAnswers, decideCreate, decideStatus, matchCopiedItems, publicResults, tallyPoll, type Poll, type StoredAnswer } from './polls';

/** An open single-choice poll about the bi-weekly's day (Tuesday, Wednesday, Thursday). */
const poll = (patch: Partial<Poll> = {}): Poll =>
  samplePoll('p1', {
    question: 'Which day suits the bi-weekly?',
    options: [
      { id: 'tue', label: 'Tuesday' },
      { id: 'wed', label: 'Wednesday' },
      { id: 'thu', label: 'Thursday' },
    ],
    status: 'open',
    openedAt: '2026-11-26T17:05:00.000Z',
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

const call = sampleCall();
const NOW = '2026-11-26T17:10:00.000Z';

describe('decideCreate', () => {
  it('starts a draft only those who run polls hear of, tied to an existing item or none', () => {
    const { status, openedAt, ...input } = poll({ itemId: 'i1' });
    const created = decideCreate(call, input);
    expect(created.poll).toMatchObject({ status: 'draft', openedAt: null, itemId: 'i1' });
    expect(created.events).toEqual([]);
    expect(created.notices).toEqual([{ type: 'poll.draft', poll: created.poll }]);
    expect(() => decideCreate(call, { ...input, itemId: 'gone' })).toThrow(refusal('not_found', 'That agenda item does not exist.'));
    expect(() => decideCreate(sampleCall({ status: 'ended' }), input)).toThrow(refusal('invalid_state', 'This call has ended; its polls are closed.'));
    void status;
    void openedAt;
  });
});

describe('decideStatus', () => {
  it('opens a prepared poll for everyone, closes it and reopens it, keeping when it was first opened', () => {
    const opened = decideStatus(call, poll({ status: 'draft', openedAt: null }), 'open', NOW);
    expect(opened.poll).toMatchObject({ status: 'open', openedAt: NOW });
    expect(opened.events).toEqual([{ type: 'poll.upserted', poll: opened.poll }]);
    expect(opened.notices).toEqual([{ type: 'poll.answered', pollId: 'p1' }]);
    const closed = decideStatus(call, opened.poll, 'closed', '2026-11-26T17:12:00.000Z').poll;
    expect(closed).toMatchObject({ status: 'closed', openedAt: NOW });
    expect(decideStatus(call, closed, 'open', '2026-11-26T17:20:00.000Z').poll).toMatchObject({ status: 'open', openedAt: NOW });
  });

  it('refuses a move to the state it is in, closing a poll never opened, and opening one after the call', () => {
    expect(() => decideStatus(call, poll(), 'open', NOW)).toThrow(refusal('invalid_state', 'The poll is already open.'));
    expect(() => decideStatus(call, poll({ status: 'closed' }), 'closed', NOW)).toThrow(refusal('invalid_state', 'The poll is already closed.'));
    expect(() => decideStatus(call, poll({ status: 'draft' }), 'closed', NOW)).toThrow(refusal('invalid_state', 'Open the poll before closing it.'));
    expect(() => decideStatus(sampleCall({ status: 'ended' }), poll({ status: 'closed' }), 'open', NOW)).toThrow(refusal('invalid_state', 'This call has ended; its polls are closed.'));
    expect(decideStatus(sampleCall({ status: 'ended' }), poll(), 'closed', NOW).poll.status).toBe('closed');
  });
});

describe('decideAnswers', () => {
  it('keeps one answer per participant and poll (the latest), and refuses those not checked in or for unknown polls', () => {
    const polls = new Map([['p1', poll()]]);
    const decided = decideAnswers(polls, new Set(['ada', 'kai']), [
      { pollId: 'p1', participantId: 'ada', input: { optionIds: ['tue'] } },
      { pollId: 'p1', participantId: 'ada', input: { optionIds: ['thu'] } },
      { pollId: 'p1', participantId: 'kai', input: { optionIds: ['fri'] } },
      { pollId: 'p1', participantId: 'gone', input: { optionIds: ['tue'] } },
      { pollId: 'p9', participantId: 'kai', input: { optionIds: ['tue'] } },
    ]);
    expect(decided.outcomes.map((outcome) => (outcome.ok ? 'ok' : outcome.code))).toEqual(['ok', 'ok', 'invalid_payload', 'not_checked_in', 'not_found']);
    expect(decided.toSave).toEqual([{ pollId: 'p1', participantId: 'ada', answer: { optionIds: ['thu'] } }]);
    expect(decided.notices).toEqual([
      { type: 'poll.answered', pollId: 'p1' },
      { type: 'poll.ownAnswer', pollId: 'p1', participantId: 'ada', answer: { optionIds: ['thu'] } },
    ]);
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

const text = (id: string, answer: string, patch: Partial<StoredAnswer> = {}): StoredAnswer => ({ id, text: answer, hidden: false, name: `name-${id}`, ...patch });

describe('tallyPoll', () => {
  it('counts each option with its share of those who answered', () => {
    const results = tallyPoll(poll(), [{ optionIds: ['tue'], count: 2 }, { optionIds: ['wed'], count: 1 }]);
    expect(results.answered).toBe(3);
    expect(results.options.map(({ id, count, percent }) => [id, count, percent])).toEqual([
      ['tue', 2, 67],
      ['wed', 1, 33],
      ['thu', 0, 0],
    ]);
    expect(results.voters).toBeUndefined();
  });

  it('lets multiple-choice shares add up to more than 100 %', () => {
    const results = tallyPoll(poll({ kind: 'multiple' }), [{ optionIds: ['tue', 'wed'], count: 1 }, { optionIds: ['wed'], count: 1 }]);
    expect(results.options.map(({ percent }) => percent)).toEqual([50, 100, 0]);
  });

  it('counts ratings per value with their mean', () => {
    const rating = tallyPoll(poll({ kind: 'rating', options: [] }), [{ rating: 4, count: 2 }, { rating: 5, count: 1 }]);
    expect(rating.options.map(({ label, count }) => [label, count])).toEqual([['1', 0], ['2', 0], ['3', 0], ['4', 2], ['5', 1]]);
    expect(rating.average).toBe(4.3);
  });

  it('makes a word cloud of the visible texts; attendees never see hidden ones or names', () => {
    const textPoll = poll({ kind: 'text', options: [], isNamed: true });
    const stored = [text('a1', 'ARM64 in production'), text('a2', 'arm64 at the edge'), text('a3', 'spam spam', { hidden: true })];
    const full = tallyPoll(textPoll, [{ count: 3 }], stored);
    expect(full.answered).toBe(3);
    expect(full.words[0]).toEqual({ word: 'arm64', count: 2 });
    expect(full.words.map((word) => word.word)).not.toContain('spam');
    expect(full.texts).toEqual([
      { id: 'a1', text: 'ARM64 in production', name: 'name-a1' },
      { id: 'a2', text: 'arm64 at the edge', name: 'name-a2' },
      { id: 'a3', text: 'spam spam', hidden: true, name: 'name-a3' },
    ]);
    expect(publicResults(full).texts).toEqual([
      { id: 'a1', text: 'ARM64 in production' },
      { id: 'a2', text: 'arm64 at the edge' },
    ]);
  });

  it('tells who chose what only for a named poll, and only to those who run polls', () => {
    const named = poll({ isNamed: true });
    const full = tallyPoll(named, [{ optionIds: ['tue'], count: 2 }], [
      { ...text('a1', ''), name: 'Ada', optionIds: ['tue'] },
      { ...text('a2', ''), name: 'Kai', optionIds: ['tue'] },
    ]);
    expect(full.voters).toEqual({ tue: ['Ada', 'Kai'], wed: [], thu: [] });
    expect(publicResults(full).voters).toBeUndefined();
    expect(JSON.stringify(publicResults(full))).not.toContain('Ada');
  });

  it('gives zero shares, not a division by zero, before anyone answered', () => {
    expect(tallyPoll(poll(), []).options.every((option) => option.count === 0 && option.percent === 0)).toBe(true);
  });
});

describe('copying polls to the next call', () => {
  it('matches agenda items to their copies by place, where the titles agree', () => {
    const from = [{ id: 'a', title: 'Intro' }, { id: 'b', title: 'Cadence' }, { id: 'c', title: 'Demo' }];
    const to = [{ id: 'x', title: 'Intro' }, { id: 'y', title: 'Renamed' }];
    expect(matchCopiedItems(from, to)).toEqual(new Map([['a', 'x']]));
  });

  it('makes unanswered drafts with new ids in the same order, on the copied item or on none', () => {
    let counter = 0;
    const newId = () => `n${(counter += 1)}`;
    const polls = [
      poll({ id: 'p1', status: 'closed', itemId: 'a', isNamed: true, showResults: 'closed' }),
      poll({ id: 'p2', kind: 'multiple', maxChoices: 2, status: 'draft', openedAt: null, itemId: 'gone' }),
      poll({ id: 'p3', kind: 'text', options: [] }),
    ];
    const copies = copyPollsAsDrafts(polls, new Map([['a', 'x']]), newId, new Date('2026-12-10T10:00:00.000Z'));
    expect(copies.map(({ id, itemId, status, openedAt, createdAt, isNamed, showResults, maxChoices }) => ({ id, itemId, status, openedAt, createdAt, isNamed, showResults, maxChoices }))).toEqual([
      { id: 'n1', itemId: 'x', status: 'draft', openedAt: null, createdAt: '2026-12-10T10:00:00.000Z', isNamed: true, showResults: 'closed', maxChoices: null },
      { id: 'n5', itemId: null, status: 'draft', openedAt: null, createdAt: '2026-12-10T10:00:00.001Z', isNamed: false, showResults: 'live', maxChoices: 2 },
      { id: 'n9', itemId: null, status: 'draft', openedAt: null, createdAt: '2026-12-10T10:00:00.002Z', isNamed: false, showResults: 'live', maxChoices: null },
    ]);
    expect(copies[0]!.options).toEqual([{ id: 'n2', label: 'Tuesday' }, { id: 'n3', label: 'Wednesday' }, { id: 'n4', label: 'Thursday' }]);
    expect(copies.map((copy) => copy.question)).toEqual(polls.map((each) => each.question));
  });
});
