import { describe, expect, it } from 'vitest';
import { isDatabaseUnavailableError } from './database-health';

describe('isDatabaseUnavailableError', () => {
  it('recognises what pg and the Prisma pg adapter throw when the database is cut off or refuses', () => {
    // A live connection cut (observed with adapter-pg 7.10 behind a proxy that closes sockets).
    expect(isDatabaseUnavailableError(new Error('Connection terminated unexpectedly'))).toBe(true);
    // A refused connection, as Prisma wraps it (observed shape).
    const refused = Object.assign(new Error("Raw query failed. Code: `N/A`. Message: `Can't reach database server at 127.0.0.1:1`"), {
      code: 'P2010',
      meta: { driverAdapterError: { name: 'DriverAdapterError', cause: { kind: 'DatabaseNotReachable', host: '127.0.0.1', port: 1 } } },
    });
    expect(isDatabaseUnavailableError(refused)).toBe(true);
    expect(isDatabaseUnavailableError(Object.assign(new Error('x'), { code: 'P1001' }))).toBe(true);
    expect(isDatabaseUnavailableError(Object.assign(new Error('pool timeout'), { code: 'P2024' }))).toBe(true);
    expect(isDatabaseUnavailableError(new Error('wrapped', { cause: Object.assign(new Error('connect'), { code: 'ECONNREFUSED' }) }))).toBe(true);
  });

  it('leaves other errors alone', () => {
    expect(isDatabaseUnavailableError(new Error('Unique constraint failed'))).toBe(false);
    expect(isDatabaseUnavailableError(Object.assign(new Error('x'), { code: 'P2002' }))).toBe(false);
    expect(isDatabaseUnavailableError('Connection terminated')).toBe(false);
    expect(isDatabaseUnavailableError(null)).toBe(false);
  });
});
