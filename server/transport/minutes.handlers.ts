import type { CommandHandlers } from './command-handler';
import type { RoundtableSocket } from './context';

function callIdOf(socket: RoundtableSocket): string {
  return socket.data.callId!;
}

/** Minutes travel as Yjs updates outside the call's sequence: Yjs makes them converge in any order. */
export const minutesHandlers: CommandHandlers<
  'minutes:sync' | 'minutes:update' | 'minutes:awareness' | 'minutes:history' | 'minutes:snapshot' | 'minutes:restore'
> = {
  'minutes:sync': ({ stateVector }, socket, context) =>
    context.minutes.sync(callIdOf(socket), stateVector, socket.data.role !== 'attendee'),
  'minutes:update': async ({ update }, socket, context) => {
    await context.minutes.applyUpdate(callIdOf(socket), update);
    return {};
  },
  'minutes:awareness': async ({ update }, socket, context) => {
    await context.minutes.applyAwareness(socket, callIdOf(socket), update);
    return {};
  },
  'minutes:history': async (_payload, socket, context) => ({ snapshots: await context.minutes.history(callIdOf(socket)) }),
  'minutes:snapshot': ({ snapshotId }, socket, context) => context.minutes.snapshotText(callIdOf(socket), snapshotId),
  'minutes:restore': async ({ snapshotId }, socket, context) => {
    await context.minutes.restore(callIdOf(socket), snapshotId);
    return {};
  },
};
