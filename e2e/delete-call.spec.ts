import { expect, test, type Browser, type Page } from '@playwright/test';
import { closeOtherContextsAfterEach } from './support/close-contexts';

closeOtherContextsAfterEach(test);

async function checkIn(browser: Browser, url: string, name: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await page.goto(url);
  await page.getByLabel('Display name').fill(name);
  await page.getByRole('button', { name: 'Check in', exact: true }).click();
  await expect(page.getByTestId('checked-in-as')).toContainText(name);
  return page;
}

test('the host deletes a call from the keyboard after typing its title; an attendee is told at once and its pages are gone', async ({ page: host, browser }) => {
  const created = await (await host.request.post('/api/calls', { data: { title: 'Call to delete', startsAt: '2026-12-03T17:30', timezone: 'UTC' } })).json();
  const { hostUrl, publicUrl, slug } = created as { hostUrl: string; publicUrl: string; slug: string };
  await host.goto(hostUrl);
  const ada = await checkIn(browser, publicUrl, 'Ada');

  const opener = host.getByRole('button', { name: 'Delete this call…' });
  await opener.click();
  const dialog = host.getByRole('dialog', { name: 'Delete “Call to delete”?' });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('copies already published to the series’ Git repository, webhooks already sent');
  const confirmation = dialog.getByLabel('Type the call’s title to confirm');
  await expect(confirmation).toBeFocused();
  // Escape closes it and gives focus back to the button.
  await host.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(opener).toBeFocused();

  await host.keyboard.press('Enter');
  await expect(confirmation).toBeFocused();
  await host.keyboard.type('Call to delet');
  await host.keyboard.press('Enter');
  await expect(dialog.getByRole('alert')).toHaveText('Type the call’s title exactly as shown to confirm.');
  await expect(confirmation).toHaveAttribute('aria-invalid', 'true');
  expect((await host.request.get(`/api/calls/${slug}`)).status()).toBe(200);

  await host.keyboard.type('e');
  await host.keyboard.press('Enter');
  await expect(host.getByRole('heading', { name: 'This call was deleted' })).toBeVisible();
  await expect(host.getByRole('main').getByRole('alert')).toContainText('You deleted “Call to delete”.');
  await expect(ada.getByRole('heading', { name: 'This call was deleted' })).toBeVisible();
  await expect(ada.getByRole('main').getByRole('alert')).toContainText('This call was deleted by its host.');

  for (const path of ['', '/minutes.md', '/agenda.md']) expect((await host.request.get(`/api/calls/${slug}${path}`)).status()).toBe(404);
  await ada.reload();
  await expect(ada.getByRole('heading', { name: 'Cannot open this call' })).toBeVisible();
});
