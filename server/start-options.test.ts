import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Writable } from 'node:stream';
import { createLogger } from './observability/logger';
import { shutDown } from './start-options';

describe('shutDown', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  function fakeServer(close: () => Promise<void>) {
    const steps: string[] = [];
    const logged: string[] = [];
    const destination = new Writable({ write: (chunk, _encoding, done) => {
        logged.push(String(chunk));
        done();
      }, });
    return {
      steps,
      logged,
      logger: createLogger({ level: 'info', destination }),
      markShuttingDown: () => steps.push('not ready'),
      close: () => {
        steps.push('close');
        return close();
      },
    };
  }

  it('reports not ready at once, closes after the delay and exits 0', async () => {
    const server = fakeServer(async () => undefined);
    const exit = vi.fn();
    const done = shutDown(server, { delaySeconds: 5, timeoutSeconds: 10 }, exit);
    expect(server.steps).toEqual(['not ready']);
    await vi.advanceTimersByTimeAsync(4_999);
    expect(server.steps).toEqual(['not ready']);
    await vi.advanceTimersByTimeAsync(1);
    await done;
    expect(server.steps).toEqual(['not ready', 'close']);
    expect(exit).toHaveBeenCalledExactlyOnceWith(0);
  });

  it('exits 1 with a message when closing hangs past the timeout', async () => {
    const server = fakeServer(() => new Promise(() => undefined));
    const exit = vi.fn();
    void shutDown(server, { delaySeconds: 0, timeoutSeconds: 3 }, exit);
    await vi.advanceTimersByTimeAsync(2_999);
    expect(exit).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(exit).toHaveBeenCalledExactlyOnceWith(1);
    expect(server.logged.join('')).toContain('shutdown took longer than the bound; exiting anyway');
  });
});
