import { expect, test } from '@playwright/test';
import { checkIn, createCall } from './support/calls';
import { openTab, phoneTab, tabBar } from './support/tabs';

// Only the phone project runs this file (playwright.config.ts): the tab bar is the phone layout's.
test('on a phone the Ask sheet leads to the check-in put off, the shown tab survives a reload, and nothing covers the end of a tab', async ({ page }) => {
  const { publicPath } = await createCall(page, {
    title: 'Phone community call',
    startsAt: '2031-03-04T17:30',
    timezone: 'Europe/Berlin',
    sections: [{ title: 'Updates', items: [{ title: 'Welcome', plannedMinutes: 5 }, { title: 'Release update', plannedMinutes: 10 }] }],
  });
  await page.goto(publicPath);

  // Put off, the check-in is one tap away from the Ask sheet, which says why asking waits.
  await page.getByRole('button', { name: 'Not now' }).click();
  await openTab(page, 'Minutes');
  await page.getByRole('button', { name: 'Ask a question' }).click();
  const sheet = page.getByRole('dialog', { name: 'Ask a question' });
  await expect(sheet).toContainText('Check in to ask a question and to vote.');
  await expect(sheet.getByLabel('Your question')).toBeDisabled();
  await sheet.getByRole('button', { name: 'Check in now' }).click();
  await expect(sheet).toBeHidden();
  await expect(phoneTab(page, 'Now')).toHaveAttribute('aria-current', 'page');
  await expect(page.getByRole('form', { name: 'Check in' }).getByLabel('Display name')).toBeFocused();
  await checkIn(page, 'Ada');

  await openTab(page, 'Agenda');
  await page.reload();
  await expect(phoneTab(page, 'Agenda')).toHaveAttribute('aria-current', 'page');
  await expect(page.getByTestId('agenda-item')).toHaveCount(2);
  await expect(page.getByTestId('current-item-title')).toBeHidden();

  // Scrolled to the end, the tab's last panel ends above the bar.
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
  const bar = await tabBar(page).boundingBox();
  const lastPanelBottom = await page.getByRole('complementary', { name: 'Call details' }).evaluate((aside) => {
    const shown = [...aside.children].filter((child) => child.getBoundingClientRect().height > 0);
    return shown.at(-1)?.getBoundingClientRect().bottom ?? 0;
  });
  const askButton = await page.getByRole('button', { name: 'Ask a question' }).boundingBox();
  expect(bar).not.toBeNull();
  expect(askButton).not.toBeNull();
  expect(lastPanelBottom).toBeLessThanOrEqual(Math.min(bar?.y ?? 0, askButton?.y ?? 0));
});
