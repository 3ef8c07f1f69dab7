import { describe, expect, it } from 'vitest';
import { NOTHING_OPEN, REVIEW_ITEM_TITLE, reviewLine, withReviewItem } from './action-review';

const call = { slug: 'abc', title: 'December call', startsAt: '2026-12-03T23:30:00.000Z' };
const actions = [
  { owner: 'Hugo', text: 'Write the release notes', call },
  { owner: null, text: 'Ask the infra team', call: { ...call, startsAt: null } },
];
const intro = { title: 'Intro', notes: '', presenter: 'Kai', plannedMinutes: 5 };

describe('withReviewItem', () => {
  it('puts the review item first in the first section, listing each open item with its call and day', () => {
    const [first, second] = withReviewItem([{ title: 'Welcome', notes: '', items: [intro] }, { title: 'Q&A', notes: '', items: [] }], actions, 'Europe/Berlin');
    expect(first!.items.map((item) => item.title)).toEqual([REVIEW_ITEM_TITLE, 'Intro']);
    expect(first!.items[0]!.notes).toBe('- @Hugo Write the release notes (from December call, 2026-12-04)\n- Ask the infra team (from December call)');
    expect(second!.items).toEqual([]);
  });

  it('adds a Review section to a call without sections, and nothing when nothing is open', () => {
    expect(withReviewItem([], actions, 'UTC')).toEqual([{ title: 'Review', notes: '', items: [expect.objectContaining({ title: REVIEW_ITEM_TITLE })] }]);
    const sections = [{ title: 'Welcome', notes: '', items: [intro] }];
    expect(withReviewItem(sections, [], 'UTC')).toBe(sections);
  });

  it('gives a review item copied from the call before the current list instead of adding a second one', () => {
    const copied = [{ title: 'Welcome', notes: '', items: [intro, { ...intro, title: ' review action items ', notes: '- @Old item (from November call)' }] }];
    expect(withReviewItem(copied, actions.slice(0, 1), 'UTC')[0]!.items.map((item) => [item.title, item.notes])).toEqual([
      ['Intro', ''],
      [' review action items ', '- @Hugo Write the release notes (from December call, 2026-12-03)'],
    ]);
    expect(withReviewItem(copied, [], 'UTC')[0]!.items[1]!.notes).toBe(NOTHING_OPEN);
  });

  it('ends a list too long for an item’s notes with a count', () => {
    const many = Array.from({ length: 500 }, (_, index) => ({ owner: 'Ada', text: `Item ${index} ${'x'.repeat(60)}`, call }));
    const notes = withReviewItem([], many, 'UTC')[0]!.items[0]!.notes;
    expect(notes.length).toBeLessThanOrEqual(20_000);
    expect(notes).toMatch(/- … and \d+ more$/);
    expect(reviewLine(many[0]!, 'UTC')).toContain('(from December call, 2026-12-03)');
  });
});
