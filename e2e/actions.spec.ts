import { expect, test, type Browser, type Page } from '@playwright/test';
import { createdCallSchema } from '../lib/protocol/schedule';
import { closeOtherContextsAfterEach } from './support/close-contexts';

closeOtherContextsAfterEach(test);

/** The first join of the minutes loads the editor's code: it can take a while on a slow machine. */
const FIRST_LOAD_MS = 30_000;
const pathOf = (url: string) => new URL(url).pathname + new URL(url).hash;

async function scribe(browser: Browser, path: string, name: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await page.goto(path);
  await page.getByLabel('Display name').fill(name);
  await page.getByRole('button', { name: 'Check in', exact: true }).click();
  await expect(page.getByTestId('checked-in-as')).toHaveText(name);
  return page;
}

const actionsPanel = (page: Page) => page.locator('section').filter({ has: page.getByRole('heading', { name: 'Action items', exact: true }) });

test('a scribe writes an action item with an owner; the host plans the next call, which opens by reviewing it', async ({ browser, page: host }) => {
  test.setTimeout(120_000);
  const response = await host.request.post('/api/calls', {
    data: {
      title: 'Release team call',
      startsAt: '2031-03-04T17:30',
      timezone: 'Europe/Berlin',
      sections: [{ title: 'Release', items: [{ title: 'Release notes', plannedMinutes: 20 }] }],
    },
  });
  const created = createdCallSchema.parse(await response.json());
  await host.goto(pathOf(created.hostUrl));
  await host.getByLabel('Display name').fill('Kai');
  await host.getByRole('button', { name: 'Check in', exact: true }).click();
  await host.getByRole('button', { name: 'Start the call' }).click();

  const ada = await scribe(browser, pathOf(created.scribeUrl), 'Ada');
  await expect(ada.getByTestId('minutes-status')).toHaveText('Saved live', { timeout: FIRST_LOAD_MS });
  const editor = ada.getByRole('textbox', { name: 'Minutes (Markdown)' });
  await editor.click();
  await ada.keyboard.press('Control+Alt+h');

  // The owner comes from the checked-in participants.
  await ada.getByRole('button', { name: 'Action item' }).click();
  await ada.getByRole('menu', { name: 'Owner of the action item' }).getByRole('menuitem', { name: 'Ada' }).click();
  await ada.keyboard.type('publish the release notes');
  await ada.keyboard.insertText('\n');
  await ada.getByRole('button', { name: 'Decision' }).click();
  await ada.keyboard.type('releases every six weeks');

  // Everyone sees it in the panel within a blink, under the agenda item it was written under.
  const item = actionsPanel(host).getByTestId('action-item').filter({ hasText: 'publish the release notes' });
  await expect(item).toBeVisible();
  await expect(item).toContainText('Ada');
  await expect(item).toContainText('Release notes');
  await expect(actionsPanel(host).getByTestId('decision')).toContainText('releases every six weeks');

  // The host gives it a due date from the panel; the scribe's minutes line changes with it.
  await item.getByLabel('Due: publish the release notes').fill('2031-03-11');
  await item.getByLabel('Due: publish the release notes').press('Enter');
  await expect(ada.locator('[data-testid="minutes-editor"] .cm-line', { hasText: '(due 2031-03-11)' })).toBeVisible();

  const record = await (await host.request.get(`/api/calls/${created.slug}/minutes.md`)).text();
  expect(record).toContain('## Action items');
  expect(record).toContain('publish the release notes');
  expect(record).toContain('## Decisions');

  await host.getByRole('button', { name: 'End the call' }).click();
  await host.getByRole('button', { name: 'Plan the next call' }).click();
  await expect(host).toHaveURL(/\/c\/[a-z2-9]{10}#key=[\w-]{43}$/);
  await expect(host).not.toHaveURL(new RegExp(`/c/${created.slug}`));

  // The next call opens with reviewing the open action items, and lists the carried-over one to close.
  const review = host.getByTestId('item-title').first();
  await expect(review).toHaveText('Review action items');
  await expect(host.getByText(/@Ada publish the release notes \(from Release team call/)).toBeVisible();
  const carried = actionsPanel(host).getByTestId('action-item').filter({ hasText: 'publish the release notes' });
  await expect(carried).toContainText('from Release team call');
  // Ticked, it moves to the folded "Done" list (so the box is clicked rather than checked and watched).
  await carried.getByRole('checkbox', { name: 'Done: publish the release notes' }).click();
  await expect(actionsPanel(host).getByText('Done (1)')).toBeVisible();
  await expect(actionsPanel(host).getByText('All done.')).toBeVisible();

  // The series page shows it done, and the decision with its call.
  await actionsPanel(host).getByRole('link', { name: 'All action items of the series' }).click();
  await expect(host.getByRole('heading', { name: 'Decisions' })).toBeVisible();
  await expect(host.getByTestId('decision')).toContainText('releases every six weeks');
  await host.getByRole('button', { name: 'Done' }).click();
  await expect(host.getByTestId('action-item').filter({ hasText: 'publish the release notes' })).toBeVisible();
});
