import type { DatabaseHealthListener } from '../persistence/database-health';
import { callRoom } from './rooms';
import type { RoundtableServer } from './sockets';

/** Tells a call's room when its commands cannot be saved, and again when the database is back. */
export function healthNotices(io: RoundtableServer): DatabaseHealthListener {
  return {
    unavailable: (callId) => io.to(callRoom(callId)).emit('call:health', { database: 'unavailable' }),
    recovered: (callIds) => {
      for (const callId of callIds) io.to(callRoom(callId)).emit('call:health', { database: 'ok' });
    },
  };
}
