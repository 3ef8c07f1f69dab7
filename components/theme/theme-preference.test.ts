import { describe, expect, it } from 'vitest';
import { scriptNonceOf } from './theme-preference';

describe('scriptNonceOf', () => {
  it('reads the nonce of a policy like the one every response carries', () => {
    expect(scriptNonceOf("default-src 'self'; script-src 'self' 'nonce-abc+/12=='; style-src 'self' 'unsafe-inline'")).toBe('abc+/12==');
  });

  it('falls back to default-src and ignores malformed or missing nonces', () => {
    expect(scriptNonceOf("default-src 'self' 'nonce-xyz'")).toBe('xyz');
    expect(scriptNonceOf("script-src 'self' 'nonce-a\"b'")).toBeUndefined();
    expect(scriptNonceOf("script-src 'self'")).toBeUndefined();
    expect(scriptNonceOf(null)).toBeUndefined();
  });
});
