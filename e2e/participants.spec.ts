import { expect, test, type Browser, type Page } from '@playwright/test';
import { closeOtherContextsAfterEach } from './support/close-contexts';

closeOtherContextsAfterEach(test);

async function checkIn(browser: Browser, url: string, name: string, affiliation: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await page.goto(url);
  await page.getByLabel('Display name').fill(name);
  await page.getByLabel('Affiliation or project (optional)').fill(affiliation);
  await page.getByRole('button', { name: 'Check in', exact: true }).click();
  await expect(page.getByTestId('checked-in-as')).toContainText(name);
  return page;
}

test('three participants check in, the host runs the intro round and everyone sees the speaker move', async ({ page: host, browser }) => {
  const { hostUrl, publicUrl } = await (await host.request.post('/api/calls', { data: { title: 'Intro call', startsAt: '2026-12-03T17:30', timezone: 'UTC' } })).json();
  await host.goto(hostUrl);
  const ada = await checkIn(browser, publicUrl, 'Ada', 'Jenkins');
  const bo = await checkIn(browser, publicUrl, 'Bo', 'CDF');
  const cy = await checkIn(browser, publicUrl, 'Cy', 'Independent');

  await expect(host.getByTestId('participant-counts')).toContainText('3 here now · 3 checked in');
  // Attendees see the counts; the list (and its live changes) once they open it.
  await expect(ada.getByTestId('participant-counts')).toContainText('3 here now · 3 checked in');
  await expect(ada.getByTestId('participant')).toHaveCount(0);
  await ada.getByRole('button', { name: 'Show list' }).click();
  await expect(ada.getByTestId('participant').filter({ hasText: 'Cy' })).toContainText('Independent');

  await host.getByRole('button', { name: 'Start intro round' }).click();
  for (const page of [ada, bo, cy]) {
    await expect(page.getByTestId('intro-current')).toContainText('Ada');
    await expect(page.getByTestId('intro-next')).toHaveText('Up next: Bo');
  }
  await expect(ada.getByTestId('intro-current')).toContainText('that’s you');

  // Bo asks to go later: Cy is next.
  await bo.getByRole('button', { name: 'Later, please' }).click();
  await expect(ada.getByTestId('intro-next')).toHaveText('Up next: Cy');

  await host.getByRole('button', { name: 'Next speaker' }).click();
  for (const page of [ada, bo, cy]) await expect(page.getByTestId('intro-current')).toContainText('Cy');
  await host.getByRole('button', { name: 'Next speaker' }).click();
  for (const page of [ada, bo, cy]) await expect(page.getByTestId('intro-current')).toContainText('Bo');
  await host.getByRole('button', { name: 'Next speaker' }).click();
  await expect(host.getByText('The intro round is over.')).toBeVisible();

  // Raised hands reach the host in order, and the host lowers one.
  await cy.getByRole('button', { name: /Raise your hand/ }).click();
  await ada.getByRole('button', { name: /Raise your hand/ }).click();
  await expect(host.getByTestId('raised-hands').locator('li')).toHaveText([/Cy/, /Ada/]);
  await host.getByTestId('raised-hands').locator('li').first().getByRole('button', { name: 'Lower' }).click();
  await expect(cy.getByRole('button', { name: /Raise your hand/ })).toBeVisible();

  // Leaving shows up for everyone.
  await bo.context().close();
  await expect(host.getByTestId('participant-counts')).toContainText('2 here now · 3 checked in · 1 left');
});
