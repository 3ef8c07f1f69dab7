import { describe, expect, it } from 'vitest';
import { decideTimerCommand, type TimerContext } from './timer';

const running: TimerContext = {
  status: 'live',
  currentItemId: 'a',
  plannedMinutes: 10,
  itemStartedAt: '2026-11-26T17:00:00.000Z',
  timerPausedAt: null,
  timerExtraSeconds: 0,
};
const at = (time: string) => new Date(`2026-11-26T${time}.000Z`);

describe('decideTimerCommand', () => {
  it('pauses, then resumes where it stopped', () => {
    const [paused] = decideTimerCommand(running, { type: 'pause' }, at('17:04:00'));
    expect(paused).toMatchObject({ type: 'timer.changed', timerPausedAt: '2026-11-26T17:04:00.000Z' });
    const pausedState = { ...running, timerPausedAt: '2026-11-26T17:04:00.000Z' };
    const [resumed] = decideTimerCommand(pausedState, { type: 'resume' }, at('17:07:00'));
    // Paused for 3 minutes: the start moves 3 minutes later, so 4 minutes have elapsed, as at the pause.
    expect(resumed).toMatchObject({ itemStartedAt: '2026-11-26T17:03:00.000Z', timerPausedAt: null });
  });

  it('refuses to pause twice or resume a running timer', () => {
    expect(() => decideTimerCommand({ ...running, timerPausedAt: running.itemStartedAt }, { type: 'pause' }, at('17:01:00'))).toThrow(
      /already paused/,
    );
    expect(() => decideTimerCommand(running, { type: 'resume' }, at('17:01:00'))).toThrow(/not paused/);
  });

  it('extends and shortens the plan but never below a minute', () => {
    expect(decideTimerCommand(running, { type: 'extend', minutes: 5 }, at('17:01:00'))[0]).toMatchObject({ timerExtraSeconds: 300 });
    expect(decideTimerCommand(running, { type: 'extend', minutes: -9 }, at('17:01:00'))[0]).toMatchObject({ timerExtraSeconds: -540 });
    expect(() => decideTimerCommand(running, { type: 'extend', minutes: -10 }, at('17:01:00'))).toThrow(/shorter than a minute/);
  });

  it('resets to zero and drops the extension', () => {
    const extended = { ...running, timerExtraSeconds: 300 };
    expect(decideTimerCommand(extended, { type: 'reset' }, at('17:08:00'))[0]).toEqual({
      type: 'timer.changed',
      itemStartedAt: '2026-11-26T17:08:00.000Z',
      timerPausedAt: null,
      timerExtraSeconds: 0,
    });
  });

  it('needs a live call with a current item', () => {
    expect(() => decideTimerCommand({ ...running, status: 'scheduled' }, { type: 'pause' }, at('17:00:00'))).toThrow(
      expect.objectContaining({ code: 'invalid_state' }),
    );
  });
});
