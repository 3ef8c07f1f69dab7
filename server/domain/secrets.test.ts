import { describe, expect, it } from 'vitest';
import { createSecretKey, createSlug, openSecret, sealingKey, sealSecret, secretsMatch, signParticipantToken, verifyParticipantToken } from './secrets';

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

describe('sealed secrets', () => {
  const key = sealingKey('k'.repeat(40));

  it('opens what it sealed, and never shows the plain text in the sealed form', () => {
    const sealed = sealSecret(key, 'github_pat_11ABCDEF');
    expect(sealed).not.toContain('github_pat');
    expect(sealed).not.toBe(sealSecret(key, 'github_pat_11ABCDEF'));
    expect(openSecret(key, sealed)).toBe('github_pat_11ABCDEF');
  });

  it('refuses a changed byte, another key, junk, and a short secret key', () => {
    const sealed = sealSecret(key, 'token');
    const body = sealed.split('.');
    body[3] = Buffer.from('tokem').toString('base64url');
    expect(openSecret(key, body.join('.'))).toBeNull();
    expect(openSecret(sealingKey('o'.repeat(40)), sealed)).toBeNull();
    expect(openSecret(key, 'junk')).toBeNull();
    expect(() => sealingKey('short')).toThrow('ROUNDTABLE_SECRET_KEY must be at least 32 characters long.');
  });
});
