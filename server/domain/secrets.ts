import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';

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

/** A key for sealing secrets at rest, derived from ROUNDTABLE_SECRET_KEY (any length; at least 32 characters). */
export function sealingKey(secret: string): Buffer {
  if (secret.length < 32) throw new Error('ROUNDTABLE_SECRET_KEY must be at least 32 characters long.');
  return createHash('sha256').update(`roundtable-seal:${secret}`).digest();
}

/** AES-256-GCM: `v1.<iv>.<tag>.<ciphertext>`, base64url; a changed byte or another key fails to open. */
export function sealSecret(key: Buffer, plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const sealed = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return ['v1', iv, cipher.getAuthTag(), sealed].map((part) => (typeof part === 'string' ? part : part.toString('base64url'))).join('.');
}

/** The plain secret, or null when the sealed text was changed or sealed with another key. */
export function openSecret(key: Buffer, sealed: string): string | null {
  const [version, iv, tag, body] = sealed.split('.');
  if (version !== 'v1' || !iv || !tag || body === undefined) return null;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
  } catch {
    return null;
  }
}
