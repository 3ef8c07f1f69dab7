import { expect, test, type Browser, type Page } from '@playwright/test';
import { closeOtherContextsAfterEach } from './support/close-contexts';

closeOtherContextsAfterEach(test);

async function createCallThroughForm(page: Page) {
  await page.goto('/new');
  await page.getByLabel('Title', { exact: true }).fill('Jenkins community call');
  await page.getByLabel('Section 1 item 1 title').fill('Intro round');
  await page.getByLabel('Section 1 item 1 planned minutes').fill('5');
  await page.getByRole('button', { name: '+ Add item' }).first().click();
  await page.getByLabel('Section 1 item 2 title').fill('Release update');
  await page.getByLabel('Section 1 item 2 presenter').fill('Kai');
  await page.getByLabel('Section 2 item 1 title').fill('Open floor');
  await page.getByLabel('Link 1 label').fill('Slides');
  await page.getByLabel('Link 1 URL').fill('https://example.org/slides');
  await page.getByRole('button', { name: 'Create call' }).click();
  await expect(page.getByTestId('public-link')).toBeVisible();
  return page.getByTestId('public-link').inputValue();
}

async function attendee(browser: Browser, publicUrl: string, name: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(publicUrl);
  await page.getByLabel('Display name').fill(name);
  await page.getByRole('button', { name: 'Check in', exact: true }).click();
  await expect(page.getByTestId('checked-in-as')).toHaveText(name);
  return page;
}

const currentItem = (page: Page) => page.locator('[data-testid="agenda-item"][data-current]');

test('a host runs the agenda and two attendees follow it live', async ({ browser, page: host }) => {
  const publicUrl = await createCallThroughForm(host);
  await expect(host.getByTestId('host-link')).toHaveValue(/#key=[\w-]{43}$/);
  await expect(host.getByTestId('scribe-link')).toHaveValue(/#key=[\w-]{43}$/);

  const ada = await attendee(browser, publicUrl, 'Ada');
  const grace = await attendee(browser, publicUrl, 'Grace');
  for (const page of [ada, grace]) {
    await expect(page.getByTestId('call-status')).toHaveText('Scheduled');
    await expect(page.getByRole('link', { name: 'Slides' })).toHaveAttribute('href', 'https://example.org/slides');
    await expect(page.getByRole('button', { name: 'Start the call' })).toHaveCount(0);
  }

  await host.getByRole('button', { name: 'Start the call' }).click();
  for (const page of [ada, grace]) {
    await expect(page.getByTestId('call-status')).toHaveText('Live');
    await expect(currentItem(page)).toContainText('Intro round');
  }

  await host.getByRole('button', { name: 'Next →' }).click();
  for (const page of [ada, grace]) {
    await expect(currentItem(page)).toContainText('Release update');
    await expect(page.getByTestId('current-item-title')).toHaveText('Release update');
  }

  await host.getByRole('button', { name: 'Make “Open floor” the current item' }).click();
  for (const page of [ada, grace]) await expect(currentItem(page)).toContainText('Open floor');

  // Keyboard: the host goes back with "p".
  await host.keyboard.press('p');
  for (const page of [ada, grace]) await expect(currentItem(page)).toContainText('Release update');

  // A reload keeps the check-in and the live state.
  await ada.reload();
  await expect(ada.getByTestId('checked-in-as')).toHaveText('Ada');
  await expect(currentItem(ada)).toContainText('Release update');
});

test('an invalid call form shows what to fix and keeps what was typed', async ({ page }) => {
  await page.goto('/new');
  await page.getByLabel('Description (optional)').fill('Kept after the error');
  await page.getByLabel('Link 1 URL').fill('not a url');
  await page.getByRole('button', { name: 'Create call' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Fix the problems listed' })).toBeVisible();
  await expect(page.getByText('Required').first()).toBeVisible();
  await expect(page.getByLabel('Description (optional)')).toHaveValue('Kept after the error');
});

test('an unknown call says so', async ({ page }) => {
  await page.goto('/c/nosuchcall');
  await expect(page.getByRole('alert').filter({ hasText: 'There is no call at this address' })).toBeVisible();
});
