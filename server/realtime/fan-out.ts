import { callRoom, hostRoom, moderatorRoom, participantsRoom } from './rooms';
import type { RoundtableSocket } from './sockets';

/**
 * A call's sockets are also split into slices (by socket id), so the per-tick figures (tallies, presence,
 * minutes for readers) reach thousands of sockets one slice per turn of the event loop: writing to every
 * socket at once held the loop for tens of milliseconds, and scribes' keystrokes and acks waited behind it.
 */
const SLICES = 8;

const sliceRoom = (callId: string, slice: number) => `call:${callId}:slice:${slice}`;

function sliceOf(socketId: string): number {
  let hash = 0;
  for (let index = 0; index < socketId.length; index += 1) hash = (hash * 31 + socketId.charCodeAt(index)) | 0;
  return Math.abs(hash) % SLICES;
}

/** The rooms every socket of the call is in. */
export function callRoomsOf(socket: RoundtableSocket, callId: string): string[] {
  return [callRoom(callId), sliceRoom(callId, sliceOf(socket.id))];
}

/** Takes a socket out of all of a call's rooms (when it joins another call or is removed). */
export async function leaveCallRooms(socket: Pick<RoundtableSocket, 'id' | 'leave'>, callId: string): Promise<void> {
  for (const room of [callRoom(callId), sliceRoom(callId, sliceOf(socket.id)), moderatorRoom(callId), hostRoom(callId), participantsRoom(callId)]) {
    await socket.leave(room);
  }
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Calls `emit` with each slice room of the call, one per turn of the event loop. Every spread takes the same
 * number of turns, so two spreads reach each socket in the order they started.
 */
export async function spreadOverCall(callId: string, emit: (room: string) => void): Promise<void> {
  for (let slice = 0; slice < SLICES; slice += 1) {
    if (slice > 0) await nextTurn();
    emit(sliceRoom(callId, slice));
  }
}
