import { describe, expect, it } from 'vitest';
import { sortQuestions } from '@/lib/questions';
import type { PublicQuestion } from '@/lib/protocol';
import { sampleQuestion } from '@/lib/testing/samples';
import { checkMerge, decideModeration, publishQuestionChanges, seesEveryQuestion, visibleQuestions } from './questions';

const question = (id: string, patch: Partial<PublicQuestion> = {}) => sampleQuestion(id, { createdAt: `2026-11-26T17:0${id}:00.000Z`, ...patch });

describe('decideModeration', () => {
  it('pins one question at a time, returning the previous one to the queue', () => {
    const changed = decideModeration(question('2'), { type: 'pin' }, question('1', { state: 'answering' }));
    expect(changed.map(({ id, state }) => [id, state])).toEqual([
      ['1', 'open'],
      ['2', 'answering'],
    ]);
  });

  it('answers with text and who answered, and restores', () => {
    const [answered] = decideModeration(question('1'), { type: 'answer', answer: 'Next month.', answeredBy: 'Kai' }, null);
    expect(answered).toMatchObject({ state: 'answered', answer: 'Next month.', answeredBy: 'Kai' });
    expect(decideModeration(answered!, { type: 'restore' }, null)[0]?.state).toBe('open');
  });

  it('refuses transitions that make no sense', () => {
    expect(() => decideModeration(question('1', { state: 'dismissed' }), { type: 'dismiss' }, null)).toThrow(/already dismissed/);
    expect(() => decideModeration(question('1'), { type: 'approve' }, null)).toThrow(/waiting for approval/);
    expect(() => decideModeration(question('1', { state: 'dismissed' }), { type: 'answer', answer: '', answeredBy: '' }, null)).toThrow(/restore it first/);
  });

  it('merges only into another visible question', () => {
    expect(() => checkMerge(question('1'), question('1'))).toThrow(/itself/);
    expect(() => checkMerge(question('1'), question('2', { state: 'dismissed' }))).toThrow(/visible/);
    expect(() => checkMerge(question('1'), question('2'))).not.toThrow();
  });
});

describe('sortQuestions', () => {
  it('orders by votes with older first on ties, or by newest', () => {
    const list = [question('1', { voteCount: 2 }), question('2', { voteCount: 5 }), question('3', { voteCount: 2 })];
    expect(sortQuestions(list, 'top').map((each) => each.id)).toEqual(['2', '1', '3']);
    expect(sortQuestions(list, 'newest').map((each) => each.id)).toEqual(['3', '2', '1']);
  });
});

describe('visibleQuestions', () => {
  const all = [question('1', { state: 'pending' }), question('2'), question('3', { state: 'answered' }), question('4', { state: 'dismissed' }), question('5', { state: 'pending' })];

  it('shows moderators every question, anyone else the public ones and their own waiting for approval', () => {
    expect(visibleQuestions({ isModerator: true, ownQuestionIds: [] }, all)).toEqual(all);
    expect(visibleQuestions({ isModerator: false, ownQuestionIds: ['5', '4'] }, all).map((each) => each.id)).toEqual(['2', '3', '5']);
    expect(visibleQuestions({ isModerator: false, ownQuestionIds: [] }, all).map((each) => each.id)).toEqual(['2', '3']);
    expect([seesEveryQuestion('scribe'), seesEveryQuestion('host'), seesEveryQuestion('attendee')]).toEqual([true, true, false]);
  });
});

describe('publishQuestionChanges', () => {
  it('sequences changes to questions everyone sees or saw, and keeps hidden ones for moderators and the asker', () => {
    const approved = publishQuestionChanges([question('1', { state: 'pending' })], [question('1')], 'ada');
    expect(approved).toEqual({ events: [{ type: 'question.upserted', question: question('1') }], notices: [] });
    const edited = publishQuestionChanges([question('1', { state: 'pending' })], [question('1', { state: 'pending', text: 'New' })], 'ada');
    expect(edited).toEqual({ events: [], notices: [{ type: 'question.hidden', question: question('1', { state: 'pending', text: 'New' }), authorId: 'ada' }] });
    expect(publishQuestionChanges([question('1')], [question('1', { state: 'dismissed' })], null).events).toHaveLength(1);
  });
});
