import { describe, expect, it } from 'vitest';
import { createLogger, requestIdFrom, scrubUrl } from './logger';

describe('createLogger', () => {
  it('redacts headers, keys, tokens and secrets passed as fields or one level down', () => {
    const lines: string[] = [];
    const logger = createLogger({ level: 'info', destination: { write: (line: string) => void lines.push(line) } });
    logger.info(
      {
        headers: { authorization: 'Bearer secret-1', cookie: 'session=secret-2' },
        response: { headers: { 'set-cookie': 'session=secret-3' } },
        key: 'secret-4',
        payload: { key: 'secret-5', token: 'secret-6', accessToken: 'secret-7', hostKey: 'secret-8' },
        ROUNDTABLE_SECRET_KEY: 'secret-9',
        webhook: { secret: 'secret-10' },
        kept: 'visible',
      },
      'a line',
    );
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('visible');
    expect(lines[0]).not.toMatch(/secret-\d/);
  });
});

describe('scrubUrl', () => {
  it('replaces secret query values and credentials, keeping the rest', () => {
    expect(scrubUrl('/api/calls/abc/attendees.csv?key=k3y&format=csv')).toBe('/api/calls/abc/attendees.csv?key=%5Bredacted%5D&format=csv');
    expect(scrubUrl('/api/x?Token=t&accessToken=a')).toBe('/api/x?Token=%5Bredacted%5D&accessToken=%5Bredacted%5D');
    expect(scrubUrl('https://user:ghp_secret@example.org/repo.git')).toBe('https://example.org/repo.git');
  });
});

describe('requestIdFrom', () => {
  it('keeps a short plain id and replaces anything else with a new one', () => {
    expect(requestIdFrom('abc-123.x:y_z')).toBe('abc-123.x:y_z');
    for (const unusable of [undefined, '', 'a b', 'x'.repeat(65), ['a', 'b'], 'id\nforged line']) {
      expect(requestIdFrom(unusable)).toMatch(/^[0-9a-f-]{36}$/);
    }
  });
});
