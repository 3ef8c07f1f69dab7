import { participantRoom } from '../realtime/rooms';
import type { ServerContext } from './context';
import type { RoundtableSocket } from '../realtime/sockets';

/** Forgets the socket's participant for presence (on leaving, rejoining or disconnecting). */
export function detachParticipant(socket: RoundtableSocket, context: ServerContext): void {
  const { callId, participantId } = socket.data;
  if (!callId || !participantId) return;
  if (context.presence.disconnect(callId, participantId)) context.broadcaster.markParticipantChanged(callId, participantId);
  context.broadcaster.markPresenceChanged(callId);
  socket.data.participantId = undefined;
}

/** Counts the socket as the participant's, and joins the participant's own room (for removal notices). */
export async function attachParticipant(socket: RoundtableSocket, context: ServerContext, callId: string, participantId: string) {
  socket.data.participantId = participantId;
  await socket.join(participantRoom(participantId));
  if (context.presence.connect(callId, participantId)) context.broadcaster.markParticipantChanged(callId, participantId);
  context.broadcaster.markPresenceChanged(callId);
}


