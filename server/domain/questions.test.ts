import { describe, expect, it } from 'vitest';
import { sortQuestions } from '@/lib/questions';
import type { PublicQuestion } from '@/lib/protocol';
import { checkMerge, decideModeration } from './questions';

const question = (id: string, patch: Partial<PublicQuestion> = {}): PublicQuestion => ({
  id,
  text: `Question ${id}`,
  authorName: 'Ada',
  isAnonymous: false,
  itemId: null,
  state: 'open',
  answer: '',
  answeredBy: '',
  voteCount: 0,
  createdAt: `2026-11-26T17:0${id}:00.000Z`,
  ...patch,
});

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
