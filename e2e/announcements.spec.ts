import { expect, test, type Page } from '@playwright/test';
import { ask, attendee, checkIn, createCall, openPoll } from './support/calls';
import { closeOtherContextsAfterEach } from './support/close-contexts';

closeOtherContextsAfterEach(test);

/** Every text a live region of the page takes on from now on, in order (what a screen reader would be handed). */
async function recordAnnouncements(page: Page) {
  await page.evaluate(() => {
    const said: string[] = [];
    Object.assign(window, { said });
    const observer = new MutationObserver((mutations) => {
      for (const mutation of mutations) {
        const node = mutation.target instanceof Element ? mutation.target : mutation.target.parentElement;
        const region = node?.closest('[aria-live]:not([aria-live="off"])');
        const text = region?.textContent?.trim();
        if (text && said[said.length - 1] !== text) said.push(text);
      }
    });
    observer.observe(document.body, { subtree: true, childList: true, characterData: true });
  });
  return async () => page.evaluate(() => ('said' in window && Array.isArray(window.said) ? window.said.map(String) : []));
}

test('live changes reach a screen reader once each: the current item, the timer, a pinned question, an opened poll, an overrun; a vote storm says nothing', async ({ browser, page: host }) => {
  test.setTimeout(120_000);
  const { hostPath, publicPath } = await createCall(host, {
    title: 'Announcements community call',
    startsAt: '2031-03-04T17:30',
    timezone: 'Europe/Berlin',
    sections: [{ title: 'Agenda', items: [{ title: 'Welcome', plannedMinutes: 5 }, { title: 'Open floor', plannedMinutes: 20 }] }],
  });
  await host.goto(hostPath);
  await checkIn(host, 'Kai');
  const ada = await attendee(browser, publicPath, 'Ada');
  const bo = await attendee(browser, publicPath, 'Bo');
  const said = await recordAnnouncements(ada);

  await host.getByRole('button', { name: 'Start the call' }).click();
  await expect(ada.getByTestId('current-item-title')).toHaveText('Welcome');
  await host.getByRole('button', { name: 'Next →' }).click();
  await expect(ada.getByTestId('current-item-title')).toHaveText('Open floor');
  await host.getByRole('button', { name: 'Extend the item by 5 minutes' }).click();

  const question = 'Will the next release drop Node 18?';
  await ask(bo, question);
  // Votes come and go while Ada listens: the counts change on screen, never in her screen reader.
  for (let round = 0; round < 2; round += 1) {
    for (const page of [bo, host]) await page.getByRole('button', { name: /^Upvote: “Will the next release/ }).click();
    for (const page of [bo, host]) await page.getByRole('button', { name: /^Remove your vote: “Will the next release/ }).click();
  }
  await host.getByRole('button', { name: 'Pin as answering now' }).click();
  await expect(ada.getByRole('region', { name: 'Answering now' })).toContainText(question);

  await openPoll(host, 'Monthly or bi-weekly?', ['Monthly', 'Bi-weekly']);
  await expect(ada.getByTestId('poll')).toContainText('Monthly or bi-weekly?');
  // The poll announcer is throttled (4 s); give it time to speak, then nothing more may come.
  await expect.poll(async () => (await said()).some((text) => text.startsWith('Poll open')), { timeout: 10_000 }).toBe(true);
  await ada.waitForTimeout(2000);

  // Each change once, in order; no vote counts, no repeats.
  expect(await said()).toEqual([
    'Now: Welcome.',
    'Now: Open floor.',
    'Now: Open floor. Item extended by 5 minutes.',
    `Answering now: ${question}`,
    'Poll open: Monthly or bi-weekly?',
  ]);

  // Half an hour later (Ada's clock moves on; the page's timers keep running) the item is past its 20 + 5 minutes.
  await ada.clock.setFixedTime(Date.now() + 30 * 60_000);
  await expect.poll(async () => (await said()).at(-1), { timeout: 10_000 }).toBe('Now: Open floor. The current item is over its planned time.');
});
