import { describe, expect, it } from 'vitest';
import { readEnvironment } from './env';

describe('ROUNDTABLE_RETENTION_DAYS', () => {
  it('keeps names forever when unset, and takes a whole number of days', () => {
    expect(readEnvironment({ NODE_ENV: 'test' }).ROUNDTABLE_RETENTION_DAYS).toBeUndefined();
    expect(readEnvironment({ NODE_ENV: 'test', ROUNDTABLE_RETENTION_DAYS: '' }).ROUNDTABLE_RETENTION_DAYS).toBeUndefined();
    expect(readEnvironment({ NODE_ENV: 'test', ROUNDTABLE_RETENTION_DAYS: '30' }).ROUNDTABLE_RETENTION_DAYS).toBe(30);
  });

  it('refuses anything else with a message naming the variable', () => {
    for (const value of ['0', '-3', '1.5', 'thirty', '40000']) {
      expect(() => readEnvironment({ NODE_ENV: 'test', ROUNDTABLE_RETENTION_DAYS: value })).toThrow(/ROUNDTABLE_RETENTION_DAYS: ROUNDTABLE_RETENTION_DAYS must be a whole number of days/);
    }
  });
});
