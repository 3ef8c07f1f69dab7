import { decideSchedule } from '../domain/call-schedule';
import { runCallCommand } from './call-command';
import type { CommandHandlers } from './command-handler';
import { joinedCallId } from './context';

export const callScheduleHandlers: CommandHandlers<'call:schedule'> = {
  'call:schedule': (payload, socket, context) => runCallCommand(context, joinedCallId(socket), (call) => decideSchedule(call, payload)),
};
