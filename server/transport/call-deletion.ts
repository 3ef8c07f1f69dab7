import { CALL_DELETED_MESSAGE } from '@/lib/protocol';
import type { CallAccess } from '../persistence/calls.repository';
import { deleteCall } from '../persistence/privacy.repository';
import { callRoom } from '../realtime/rooms';
import type { ServerContext } from './context';

/**
 * Deletes a call with everything of it, forgets this node's copies (cached state, the minutes doc) and tells
 * everyone in the call, on every node, before disconnecting them. Writes still on their way (a vote batch, a
 * minutes change, a compaction on another node) fail on the missing call, so nothing brings it back. Returns
 * false when the call was already gone.
 */
export async function deleteCallEverywhere(context: ServerContext, access: CallAccess): Promise<boolean> {
  if (!(await deleteCall(context.database, access.id))) return false;
  context.snapshots.forget(access);
  context.minutes.discard(access.id);
  const room = callRoom(access.id);
  context.io.to(room).emit('call:deleted', { message: CALL_DELETED_MESSAGE });
  context.io.in(room).disconnectSockets(true);
  return true;
}
