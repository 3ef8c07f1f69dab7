import { CommandError, type CallEvent, type CallStatus, type TimerState } from '@/lib/protocol';

export type TimerCommand = { type: 'pause' } | { type: 'resume' } | { type: 'reset' } | { type: 'extend'; minutes: number };

export type TimerContext = TimerState & { status: CallStatus; currentItemId: string | null; plannedMinutes: number | null };

/** Decides how a host's timer command changes the current item's timer. */
export function decideTimerCommand(state: TimerContext, command: TimerCommand, now: Date): CallEvent[] {
  if (state.status !== 'live' || !state.currentItemId || !state.itemStartedAt) {
    throw new CommandError('invalid_state', 'There is no running item to time.');
  }
  const at = now.toISOString();
  const timer = (patch: Partial<TimerState>): CallEvent[] => [
    {
      type: 'timer.changed',
      itemStartedAt: state.itemStartedAt,
      timerPausedAt: state.timerPausedAt,
      timerExtraSeconds: state.timerExtraSeconds,
      ...patch,
    },
  ];

  switch (command.type) {
    case 'pause':
      if (state.timerPausedAt) throw new CommandError('invalid_state', 'The timer is already paused.');
      return timer({ timerPausedAt: at });
    case 'resume': {
      if (!state.timerPausedAt) throw new CommandError('invalid_state', 'The timer is not paused.');
      // Shift the start by the pause so the elapsed time continues where it stopped.
      const pausedFor = now.getTime() - Date.parse(state.timerPausedAt);
      return timer({ itemStartedAt: new Date(Date.parse(state.itemStartedAt) + pausedFor).toISOString(), timerPausedAt: null });
    }
    case 'reset':
      return timer({ itemStartedAt: at, timerPausedAt: state.timerPausedAt ? at : null, timerExtraSeconds: 0 });
    case 'extend': {
      const extra = state.timerExtraSeconds + command.minutes * 60;
      const plannedSeconds = (state.plannedMinutes ?? 0) * 60 + extra;
      if (extra < 0 && plannedSeconds < 60) throw new CommandError('invalid_state', 'The item cannot be planned shorter than a minute.');
      return timer({ timerExtraSeconds: extra });
    }
  }
}
