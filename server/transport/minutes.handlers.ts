import type { CommandHandlers } from './command-handler';
import { joinedCallId } from './context';


/** Minutes travel as Yjs updates outside the call's sequence: Yjs makes them converge in any order. */
export const minutesHandlers: CommandHandlers<
  'minutes:sync' | 'minutes:update' | 'minutes:awareness' | 'minutes:history' | 'minutes:snapshot' | 'minutes:restore'
> = {
  'minutes:sync': ({ stateVector }, socket, context) =>
    context.minutes.sync(joinedCallId(socket), stateVector, socket.data.role !== 'attendee'),
  'minutes:update': async ({ update }, socket, context) => {
    await context.minutes.applyUpdate(joinedCallId(socket), update);
    return {};
  },
  'minutes:awareness': async ({ update }, socket, context) => {
    await context.minutes.applyAwareness(socket, joinedCallId(socket), update);
    return {};
  },
  'minutes:history': async (_payload, socket, context) => ({ snapshots: await context.minutes.history(joinedCallId(socket)) }),
  'minutes:snapshot': ({ snapshotId }, socket, context) => context.minutes.snapshotText(joinedCallId(socket), snapshotId),
  'minutes:restore': async ({ snapshotId }, socket, context) => {
    await context.minutes.restore(joinedCallId(socket), snapshotId);
    return {};
  },
};
