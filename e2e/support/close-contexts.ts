import type { PlaywrightTestArgs, PlaywrightTestOptions, PlaywrightWorkerArgs, PlaywrightWorkerOptions, TestType } from '@playwright/test';

/**
 * Closes the browser contexts a test opened for its other participants once it ends: left open, their pages stay in
 * the call (sockets, timers, live minutes) for the rest of the suite and slow every later test down.
 */
export function closeOtherContextsAfterEach(test: TestType<PlaywrightTestArgs & PlaywrightTestOptions, PlaywrightWorkerArgs & PlaywrightWorkerOptions>): void {
  test.afterEach(async ({ browser, context }) => {
    await Promise.all(browser.contexts().filter((other) => other !== context).map((other) => other.close()));
  });
}
