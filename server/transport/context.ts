import type { Server, Socket } from 'socket.io';
import { CommandError, type ClientToServerEvents, type Role, type ServerToClientEvents } from '@/lib/protocol';
import type { Database } from '../persistence/database';
import type { Broadcaster } from './broadcaster';
import type { DatabaseHealth } from './database-health';
import type { MinutesRooms } from './minutes-rooms';
import type { JoinReader } from './join-reader';
import type { SnapshotCache } from './snapshot-cache';
import type { VoteBatcher } from './vote-batcher';
import type { PresenceTracker } from './presence';
import type { RateLimiter } from '../domain/rate-limiter';
import type { NetworkLimits } from './network-limits';

export type SocketData = {
  callId?: string;
  role: Role;
  participantId?: string;
};

export type RoundtableServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
export type RoundtableSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

/** What every handler may use. Built once per server. */
export type ServerContext = {
  io: RoundtableServer;
  database: Database;
  tokenSecret: string;
  broadcaster: Broadcaster;
  snapshots: SnapshotCache;
  joins: JoinReader;
  votes: VoteBatcher;
  minutes: MinutesRooms;
  presence: PresenceTracker;
  health: DatabaseHealth;
  limits: { questions: RateLimiter; votes: RateLimiter; network: NetworkLimits };
};

export const callRoom = (callId: string) => `call:${callId}`;
/** Hosts and scribes: they also receive questions waiting for approval. */
export const moderatorRoom = (callId: string) => `call:${callId}:moderators`;
/** Sockets showing the participants list: only they get its live changes (a big call has many quiet attendees). */
export const participantsRoom = (callId: string) => `call:${callId}:participants`;

/** The call a socket joined. The command gate refuses every command but `call:join` before a join. */
export function joinedCallId(socket: RoundtableSocket): string {
  const { callId } = socket.data;
  if (!callId) throw new CommandError('not_joined', 'Join a call first.');
  return callId;
}
