import { z } from 'zod';

export const MINUTES_LIMITS = {
  /** One Yjs update; the socket's message limit (256 KB) leaves room for framing. */
  updateBytes: 240 * 1024,
  awarenessBytes: 16 * 1024,
  stateVectorBytes: 64 * 1024,
} as const;

/** The name of the shared Y.Text inside each call's Y.Doc. */
export const MINUTES_TEXT = 'minutes';

const bytes = (max: number) =>
  z
    .custom<Uint8Array>((value) => value instanceof Uint8Array, 'Must be binary')
    .refine((value) => value.byteLength <= max, `Must be at most ${max} bytes`);

const snapshotId = z.number().int().min(1);

export const minutesCommandSchemas = {
  /** The client's state vector; the server answers with what the client lacks and its own state vector. */
  'minutes:sync': z.object({ stateVector: bytes(MINUTES_LIMITS.stateVectorBytes) }),
  'minutes:update': z.object({ update: bytes(MINUTES_LIMITS.updateBytes).refine((value) => value.byteLength > 0, 'Must not be empty') }),
  'minutes:awareness': z.object({ update: bytes(MINUTES_LIMITS.awarenessBytes) }),
  'minutes:history': z.object({}),
  'minutes:snapshot': z.object({ snapshotId }),
  'minutes:restore': z.object({ snapshotId }),
} as const;

export type MinutesSnapshotSummary = { id: number; createdAt: string };

export type MinutesCommandResults = {
  /** `awareness` (who edits where) only for scribes and hosts. */
  'minutes:sync': { update: MinutesBinary; stateVector: MinutesBinary; awareness: MinutesBinary | null };
  'minutes:update': Record<string, never>;
  'minutes:awareness': Record<string, never>;
  'minutes:history': { snapshots: MinutesSnapshotSummary[] };
  'minutes:snapshot': { id: number; createdAt: string; text: string };
  'minutes:restore': Record<string, never>;
};

/** Binary arrives as a Buffer in Node and an ArrayBuffer in browsers. */
export type MinutesBinary = Uint8Array | ArrayBuffer;

export type MinutesServerEvents = {
  'minutes:update': (update: MinutesBinary) => void;
  'minutes:awareness': (update: MinutesBinary) => void;
};

export function toBytes(value: MinutesBinary): Uint8Array {
  return value instanceof Uint8Array ? value : new Uint8Array(value);
}
