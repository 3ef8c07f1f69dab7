import { createHmac, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';

const SLUG_ALPHABET = 'abcdefghijkmnpqrstuvwxyz23456789';

/** A short, unambiguous public identifier for a call (10 characters, ~50 bits). */
export function createSlug(): string {
  let slug = '';
  for (let index = 0; index < 10; index += 1) slug += SLUG_ALPHABET[randomInt(SLUG_ALPHABET.length)];
  return slug;
}

/** A secret for host and scribe links: 256 random bits. */
export function createSecretKey(): string {
  return randomBytes(32).toString('base64url');
}

export function createId(): string {
  return randomBytes(12).toString('base64url');
}

export function secretsMatch(given: string, expected: string): boolean {
  const givenBytes = Buffer.from(given);
  const expectedBytes = Buffer.from(expected);
  // Compare equal-length buffers so the time taken never reveals how much matched.
  if (givenBytes.length !== expectedBytes.length) {
    timingSafeEqual(expectedBytes, expectedBytes);
    return false;
  }
  return timingSafeEqual(givenBytes, expectedBytes);
}

/** A participant token: `<callId>.<participantId>.<hmac>`. Proves who the participant is without a lookup table. */
export function signParticipantToken(secret: string, callId: string, participantId: string): string {
  const body = `${callId}.${participantId}`;
  return `${body}.${createHmac('sha256', secret).update(body).digest('base64url')}`;
}

export function verifyParticipantToken(secret: string, token: string): { callId: string; participantId: string } | null {
  const parts = token.split('.');
  if (parts.length !== 3) return null;
  const [callId, participantId, signature] = parts;
  if (!callId || !participantId || !signature) return null;
  const expected = createHmac('sha256', secret).update(`${callId}.${participantId}`).digest('base64url');
  return secretsMatch(signature, expected) ? { callId, participantId } : null;
}
