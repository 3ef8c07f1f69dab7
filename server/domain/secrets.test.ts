import { describe, expect, it } from 'vitest';
import { createSecretKey, createSlug, secretsMatch, signParticipantToken, verifyParticipantToken } from './secrets';

describe('participant tokens', () => {
  it('verifies a token it signed and names the participant', () => {
    const token = signParticipantToken('server-secret', 'call1', 'person1');
    expect(verifyParticipantToken('server-secret', token)).toEqual({ callId: 'call1', participantId: 'person1' });
  });

  it('rejects a token with a changed participant, a foreign secret or junk', () => {
    const token = signParticipantToken('server-secret', 'call1', 'person1');
    expect(verifyParticipantToken('server-secret', token.replace('person1', 'person2'))).toBeNull();
    expect(verifyParticipantToken('another-secret', token)).toBeNull();
    expect(verifyParticipantToken('server-secret', 'a.b')).toBeNull();
    expect(verifyParticipantToken('server-secret', '..')).toBeNull();
  });
});

describe('secrets', () => {
  it('makes long random keys and readable slugs', () => {
    expect(createSecretKey()).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(createSlug()).toMatch(/^[a-z2-9]{10}$/);
    expect(createSecretKey()).not.toBe(createSecretKey());
  });

  it('compares secrets exactly', () => {
    expect(secretsMatch('abc', 'abc')).toBe(true);
    expect(secretsMatch('abc', 'abd')).toBe(false);
    expect(secretsMatch('abc', 'abcd')).toBe(false);
  });
});
