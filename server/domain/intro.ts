import { CommandError, type IntroState } from '@/lib/protocol';

function requireRunning(state: IntroState | null): IntroState {
  if (!state || state.status !== 'running') throw new CommandError('invalid_state', 'The intro round is not running.');
  return state;
}

function requireQueued(state: IntroState, participantId: string): number {
  const index = state.order.indexOf(participantId);
  if (index < state.currentIndex) throw new CommandError('invalid_state', 'That participant is not waiting in the intro round.');
  return index;
}

/** Shuffles with the given random source (Fisher–Yates) so tests can fix it. */
export function shuffle<T>(list: T[], random: () => number): T[] {
  const copy = [...list];
  for (let index = copy.length - 1; index > 0; index -= 1) {
    const other = Math.floor(random() * (index + 1));
    [copy[index], copy[other]] = [copy[other]!, copy[index]!];
  }
  return copy;
}

export function startIntro(participantIds: string[], order: 'checkIn' | 'shuffle', random: () => number): IntroState {
  if (participantIds.length === 0) throw new CommandError('invalid_state', 'Nobody has checked in yet.');
  return { status: 'running', order: order === 'shuffle' ? shuffle(participantIds, random) : participantIds, currentIndex: 0 };
}

export function nextSpeaker(state: IntroState | null): IntroState {
  const running = requireRunning(state);
  const currentIndex = running.currentIndex + 1;
  return currentIndex >= running.order.length ? { ...running, currentIndex, status: 'done' } : { ...running, currentIndex };
}

/** The host drags the waiting speakers into a new order; who already spoke stays as is. */
export function reorderIntro(state: IntroState | null, participantIds: string[]): IntroState {
  const running = requireRunning(state);
  const waiting = running.order.slice(running.currentIndex + 1);
  const isSameSet = participantIds.length === waiting.length && new Set(participantIds).size === waiting.length && participantIds.every((id) => waiting.includes(id));
  if (!isSameSet) throw new CommandError('invalid_state', 'The queue changed meanwhile. Try again.');
  return { ...running, order: [...running.order.slice(0, running.currentIndex + 1), ...participantIds] };
}

/** A participant leaves the queue; if they were speaking, the next one is up. */
export function skipSpeaker(state: IntroState | null, participantId: string): IntroState {
  const running = requireRunning(state);
  const index = requireQueued(running, participantId);
  const order = running.order.filter((_, at) => at !== index);
  return { ...running, order, status: running.currentIndex >= order.length ? 'done' : 'running' };
}

/** A participant will speak later: they move to the end of the queue. */
export function moveSpeakerToEnd(state: IntroState | null, participantId: string): IntroState {
  const running = requireRunning(state);
  const index = requireQueued(running, participantId);
  return { ...running, order: [...running.order.filter((_, at) => at !== index), participantId] };
}

/** Someone who checks in during the round joins the end of the queue. */
export function addLateArrival(state: IntroState | null, participantId: string): IntroState | null {
  if (!state || state.status !== 'running' || state.order.includes(participantId)) return null;
  return { ...state, order: [...state.order, participantId] };
}

/** The host ends the round early: everyone has spoken. */
export function endIntro(state: IntroState | null): IntroState {
  if (!state) throw new CommandError('invalid_state', 'The intro round has not started.');
  return { ...state, status: 'done', currentIndex: state.order.length };
}

/** Whether the participant is speaking or still waiting in a running round. */
export function isWaitingToSpeak(state: IntroState | null, participantId: string): boolean {
  return state?.status === 'running' && state.order.indexOf(participantId) >= state.currentIndex;
}
