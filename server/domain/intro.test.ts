import { describe, expect, it } from 'vitest';
import { addLateArrival, endIntro, isWaitingToSpeak, moveSpeakerToEnd, nextSpeaker, reorderIntro, skipSpeaker, startIntro } from './intro';

const started = startIntro(['ada', 'bo', 'cy', 'di'], 'checkIn', Math.random);

describe('intro round', () => {
  it('starts in check-in order or shuffled, and moves on to the end', () => {
    expect(started).toEqual({ status: 'running', order: ['ada', 'bo', 'cy', 'di'], currentIndex: 0 });
    expect(startIntro(['ada', 'bo', 'cy'], 'shuffle', () => 0).order).toEqual(['bo', 'cy', 'ada']);
    let state = started;
    for (let step = 0; step < 3; step += 1) state = nextSpeaker(state);
    expect(state.order[state.currentIndex]).toBe('di');
    expect(nextSpeaker(state).status).toBe('done');
    expect(() => nextSpeaker(nextSpeaker(state))).toThrow(/not running/);
  });

  it('lets a speaker skip or go later; the next one is up at once', () => {
    expect(skipSpeaker(started, 'ada')).toMatchObject({ order: ['bo', 'cy', 'di'], currentIndex: 0 });
    expect(moveSpeakerToEnd(started, 'ada')).toMatchObject({ order: ['bo', 'cy', 'di', 'ada'], currentIndex: 0 });
    expect(() => skipSpeaker(nextSpeaker(started), 'ada')).toThrow(/not waiting/);
  });

  it('reorders only the waiting speakers and adds late arrivals at the end', () => {
    expect(reorderIntro(started, ['di', 'bo', 'cy']).order).toEqual(['ada', 'di', 'bo', 'cy']);
    expect(() => reorderIntro(started, ['di', 'bo'])).toThrow(/changed meanwhile/);
    expect(addLateArrival(started, 'ed')?.order).toEqual(['ada', 'bo', 'cy', 'di', 'ed']);
    expect(addLateArrival(started, 'bo')).toBeNull();
  });

  it('ends the round early once started, and knows who is still to speak', () => {
    expect(endIntro(started)).toEqual({ status: 'done', order: started.order, currentIndex: 4 });
    expect(() => endIntro(null)).toThrow(expect.objectContaining({ code: 'invalid_state', message: 'The intro round has not started.' }));
    const second = nextSpeaker(started);
    expect(['ada', 'bo', 'di', 'ed'].map((id) => isWaitingToSpeak(second, id))).toEqual([false, true, true, false]);
    expect(isWaitingToSpeak(endIntro(started), 'di')).toBe(false);
    expect(isWaitingToSpeak(null, 'di')).toBe(false);
  });
});
