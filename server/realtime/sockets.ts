import type { Server, Socket } from 'socket.io';
import type { ClientToServerEvents, Role, ServerToClientEvents } from '@/lib/protocol';

/** What the handshake and `call:join` fix on a socket. */
export type SocketData = {
  callId?: string;
  role: Role;
  participantId?: string;
};

export type RoundtableServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
export type RoundtableSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
