import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveDatabaseProvider } from './database-url';

describe('resolveDatabaseProvider', () => {
  it('resolves relative SQLite paths against the working directory and drops query parameters', () => {
    expect(resolveDatabaseProvider('file:./data/roundtable.db?connection_limit=1')).toEqual({
      provider: 'sqlite',
      filePath: path.resolve(process.cwd(), 'data/roundtable.db'),
    });
  });

  it('accepts absolute and file:// SQLite URLs', () => {
    expect(resolveDatabaseProvider('file:/var/lib/rt.db')).toEqual({ provider: 'sqlite', filePath: '/var/lib/rt.db' });
    expect(resolveDatabaseProvider('file:///var/lib/rt.db')).toEqual({ provider: 'sqlite', filePath: '/var/lib/rt.db' });
  });

  it('recognises both PostgreSQL schemes', () => {
    for (const url of ['postgres://u@db:5432/rt', 'postgresql://u:p@db/rt?schema=app']) {
      expect(resolveDatabaseProvider(url)).toEqual({ provider: 'postgresql', url });
    }
  });

  it('rejects other URLs without echoing the password', () => {
    expect(() => resolveDatabaseProvider('mysql://root:secret@db/rt')).toThrow(/mysql:\/\/root:\*\*\*@db\/rt/);
    expect(() => resolveDatabaseProvider('file:')).toThrow(/no file path/);
  });
});
