import { describe, expect, it } from 'vitest';
import { decideHand, decideRemoval, introDecision, targetOf } from './participants';

const now = new Date('2026-11-26T17:00:00.000Z');
const running = { status: 'running' as const, order: ['ada', 'bo', 'cy'], currentIndex: 1 };

describe('participant decisions', () => {
  it('acts on the participant named, else on the actor, who must have checked in', () => {
    expect(targetOf('bo', 'ada')).toBe('bo');
    expect(targetOf(undefined, 'ada')).toBe('ada');
    expect(() => targetOf(undefined, undefined)).toThrow(expect.objectContaining({ code: 'not_checked_in', message: 'Check in first.' }));
  });

  it('raises a hand at the given time and lowers it', () => {
    expect(decideHand(true, () => now)).toEqual({ handRaisedAt: now });
    expect(decideHand(false, () => now)).toEqual({ handRaisedAt: null });
  });

  it('removes or blocks someone else, never the host themselves', () => {
    expect(() => decideRemoval('kai', 'kai', false, null, now)).toThrow(expect.objectContaining({ code: 'invalid_state', message: 'You cannot remove yourself.' }));
    expect(decideRemoval('kai', 'ada', false, null, now)).toEqual({
      flags: { removedAt: now, isBlocked: false, handRaisedAt: null },
      message: 'The host removed your check-in and withdrew your votes. You can check in again.',
      isBlocked: false,
      leavesIntro: false,
    });
    expect(decideRemoval('kai', 'ada', true, null, now)).toMatchObject({ isBlocked: true, message: 'The host removed you from this call; your votes were withdrawn.' });
  });

  it('takes a removed participant out of the intro round only while they are still to speak', () => {
    expect(decideRemoval('kai', 'ada', false, running, now).leavesIntro).toBe(false);
    expect(decideRemoval('kai', 'bo', false, running, now).leavesIntro).toBe(true);
    expect(decideRemoval('kai', 'cy', false, running, now).leavesIntro).toBe(true);
    expect(decideRemoval('kai', 'cy', false, { ...running, status: 'done' }, now).leavesIntro).toBe(false);
  });

  it('publishes an intro change to everyone', () => {
    expect(introDecision(running)).toEqual({ events: [{ type: 'intro.updated', intro: running }], notices: [] });
  });
});
