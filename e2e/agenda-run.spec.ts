import { expect, test, type Page } from '@playwright/test';
import { closeOtherContextsAfterEach } from './support/close-contexts';

closeOtherContextsAfterEach(test);

// The agenda arrives as the Markdown community calls publish.
const agendaMarkdown = `# Agenda for the Release community call on Thursday, December 3, 2026, 17:30 CET

## Welcome
- Intro round (10 min)

## Spotlight: release process
- Release cadence (15 min) @Kai
- Demo (10 min)

## Q&A
- Open floor (5 min)
`;

async function importCall(page: Page): Promise<{ hostUrl: string; publicUrl: string }> {
  const response = await page.request.post('/api/calls', { headers: { 'content-type': 'text/markdown' }, data: agendaMarkdown });
  expect(response.status()).toBe(201);
  return response.json();
}

const titles = (page: Page) => page.getByTestId('item-title');
const current = (page: Page) => page.locator('[data-testid="agenda-item"][data-current]');
const forecastOf = (page: Page, title: string) => page.getByTestId('agenda-item').filter({ hasText: title }).getByTestId('item-forecast');

test('the host imports a Markdown agenda, runs every item, reorders live, and an attendee’s forecast and timer follow', async ({ page: host, browser }) => {
  const { hostUrl, publicUrl } = await importCall(host);
  await host.goto(hostUrl);
  const attendee = await (await browser.newContext({ timezoneId: 'America/New_York' })).newPage();
  await attendee.goto(publicUrl);

  await host.getByRole('button', { name: 'Start the call' }).click();
  await expect(current(attendee)).toContainText('Intro round');
  await expect(attendee.getByTestId('item-timer')).toContainText('/ 10:00');

  // The host extends the item: the attendee's planned time and the forecast of the next item move by 5 minutes.
  const before = await forecastOf(attendee, 'Release cadence').textContent();
  await host.getByRole('button', { name: 'Extend the item by 5 minutes' }).click();
  await expect(attendee.getByTestId('item-timer')).toContainText('/ 15:00');
  await expect(forecastOf(attendee, 'Release cadence')).not.toHaveText(before ?? '');
  await expect(attendee.getByTestId('forecast-end')).toContainText(/Expected to end at/);

  // Pause shows for everyone.
  await host.getByRole('button', { name: 'Pause timer' }).click();
  await expect(attendee.getByTestId('item-timer')).toContainText('Paused');
  await host.getByRole('button', { name: 'Resume timer' }).click();
  await expect(attendee.getByTestId('item-timer')).not.toContainText('Paused');

  // Reorder live with the keyboard controls: "Demo" moves above "Release cadence".
  await host.getByRole('button', { name: 'Edit agenda' }).click();
  await host.getByRole('button', { name: 'Move “Demo” up' }).click();
  await expect(titles(attendee)).toHaveText(['Intro round', 'Demo', 'Release cadence', 'Open floor']);

  // And by drag and drop: "Open floor" onto "Demo".
  await host.getByTestId('agenda-item').filter({ hasText: 'Open floor' }).dragTo(host.getByTestId('agenda-item').filter({ hasText: 'Demo' }));
  await expect(titles(attendee)).toHaveText(['Intro round', 'Open floor', 'Demo', 'Release cadence']);
  await host.getByRole('button', { name: 'Done editing' }).click();

  // Run through every item to the end.
  for (const title of ['Open floor', 'Demo', 'Release cadence']) {
    await host.getByRole('button', { name: 'Next →' }).click();
    await expect(current(attendee)).toContainText(title);
    await expect(attendee.getByTestId('current-item-title')).toHaveText(title);
  }
  await expect(host.getByRole('button', { name: 'Next →' })).toBeDisabled();
  await host.getByRole('button', { name: 'End the call' }).click();
  await expect(attendee.getByTestId('call-status')).toHaveText('Ended');
});

test('the projector view follows the current item in large type', async ({ page, browser }) => {
  const { hostUrl, publicUrl } = await importCall(page);
  await page.goto(hostUrl);
  const projector = await (await browser.newContext()).newPage();
  await projector.goto(`${publicUrl}/present`);
  await expect(projector.getByText('Next: Intro round')).toBeVisible();
  await page.getByRole('button', { name: 'Start the call' }).click();
  await expect(projector.getByTestId('present-current')).toHaveText('Intro round');
  await expect(projector.getByText('Next: Release cadence · Kai')).toBeVisible();
  await page.keyboard.press('n');
  await expect(projector.getByTestId('present-current')).toHaveText('Release cadence');
});
