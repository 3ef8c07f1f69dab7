import type { Server as HttpServer } from 'node:http';
import { Server } from 'socket.io';
import { agendaEditHandlers } from './agenda-edit.handlers';
import { agendaHandlers } from './agenda.handlers';
import { callScheduleHandlers } from './call-schedule.handlers';
import { participantHandlers } from './participant.handlers';
import { questionHandlers } from './question.handlers';
import { voteIntegrityHandlers } from './vote-integrity.handlers';
import { minutesHandlers } from './minutes.handlers';
import { pollHandlers } from './poll.handlers';
import { actionHandlers } from './action.handlers';
import { detachParticipant } from './session';
import { checkIn, joinCall } from './call.handlers';
import { registerCommands } from './command-handler';
import type { ServerContext } from './context';
import type { RoundtableServer } from '../realtime/sockets';

export const MAX_MESSAGE_BYTES = 256 * 1024;

export function createSocketServer(httpServer: HttpServer): RoundtableServer {
  return new Server(httpServer, {
    maxHttpBufferSize: MAX_MESSAGE_BYTES,
    pingInterval: 10_000,
    pingTimeout: 8_000,
    serveClient: false,
  });
}

const HANDLERS = {
  'call:join': joinCall,
  'participant:checkIn': checkIn,
  ...agendaHandlers,
  ...callScheduleHandlers,
  ...agendaEditHandlers,
  ...questionHandlers,
  ...voteIntegrityHandlers,
  ...minutesHandlers,
  ...participantHandlers,
  ...pollHandlers,
  ...actionHandlers,
};

export function handleConnections(io: RoundtableServer, context: ServerContext): void {
  io.use((socket, next) => {
    if (context.limits.network.takeConnection(socket.handshake)) return next();
    const refusal = Object.assign(new Error('rate_limited'), {
      data: { code: 'rate_limited', message: 'Too many connections from your address. Wait a moment and reload.' },
    });
    next(refusal);
  });
  io.on('connection', (socket) => {
    socket.data = { role: 'attendee' };
    registerCommands(socket, context, HANDLERS);
    socket.on('disconnect', () => {
      context.minutes.handleDisconnect(socket);
      detachParticipant(socket, context);
      if (socket.data.callId) context.broadcaster.markPresenceChanged(socket.data.callId);
    });
  });
}
