import { describe, expect, it } from 'vitest';
import { addMissedReactions, isBackedUp, type Missed } from './laggards';

const withBuffer = (packets: number) => ({ conn: { writeBuffer: Array.from({ length: packets }, () => ({ type: 'message' })) } });

describe('isBackedUp', () => {
  it('is true once Engine.IO holds the bound or more packets for the socket', () => {
    expect(isBackedUp(withBuffer(0), 64)).toBe(false);
    expect(isBackedUp(withBuffer(63), 64)).toBe(false);
    expect(isBackedUp(withBuffer(64), 64)).toBe(true);
  });
});

describe('addMissedReactions', () => {
  it('sums the counts per agenda item', () => {
    const missed: Missed = { questionIds: new Set(), pollIds: new Set(), presence: false, reactions: new Map() };
    addMissedReactions(missed, 'item', { '👍': 2 });
    addMissedReactions(missed, 'item', { '👍': 1, '🎉': 1 });
    addMissedReactions(missed, '', { '🎉': 3 });
    expect(Object.fromEntries(missed.reactions)).toEqual({ item: { '👍': 3, '🎉': 1 }, '': { '🎉': 3 } });
  });
});
