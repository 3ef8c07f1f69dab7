import { expect, test, type Browser, type Page } from '@playwright/test';
import { closeOtherContextsAfterEach } from './support/close-contexts';

closeOtherContextsAfterEach(test);

/** The editor and Yjs load as their own chunk after the page; on a busy machine that takes a while. */
const FIRST_LOAD_MS = 20_000;

type Links = { hostPath: string; scribePath: string; publicPath: string };

async function createCall(page: Page): Promise<Links> {
  const response = await page.request.post('/api/calls', {
    data: {
      title: 'Minutes community call',
      startsAt: '2031-05-06T17:30',
      timezone: 'Europe/Berlin',
      sections: [{ title: 'Status', items: [{ title: 'Release', plannedMinutes: 10 }, { title: 'Demo', plannedMinutes: 10 }] }],
    },
  });
  expect(response.status()).toBe(201);
  const body: unknown = await response.json();
  if (typeof body !== 'object' || body === null || !('hostUrl' in body) || !('scribeUrl' in body) || !('publicUrl' in body)) throw new Error('Not a created call');
  const { hostUrl, scribeUrl, publicUrl } = body;
  if (typeof hostUrl !== 'string' || typeof scribeUrl !== 'string' || typeof publicUrl !== 'string') throw new Error('Not a created call');
  const pathOf = (url: string) => new URL(url).pathname + new URL(url).hash;
  return { hostPath: pathOf(hostUrl), scribePath: pathOf(scribeUrl), publicPath: pathOf(publicUrl) };
}

async function open(browser: Browser, path: string, name?: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await page.goto(path);
  if (name) {
    await page.getByLabel('Display name').fill(name);
    await page.getByRole('button', { name: 'Check in', exact: true }).click();
    await expect(page.getByTestId('checked-in-as')).toHaveText(name);
  }
  return page;
}

const editor = (page: Page) => page.getByRole('textbox', { name: 'Minutes (Markdown)' });
/** The editor's lines without the other scribes' cursor labels. */
const lines = (page: Page) =>
  page.locator('[data-testid="minutes-editor"] .cm-line').evaluateAll((elements) =>
    elements.map((element) => {
      const copy = element.cloneNode(true);
      if (!(copy instanceof Element)) return '';
      for (const caret of copy.querySelectorAll('.cm-ySelectionCaret')) caret.remove();
      return copy.textContent ?? '';
    }),
  );

test('two scribes type into the same list at once and an attendee reads it rendered', async ({ browser, page: host }) => {
  test.setTimeout(120_000);
  const links = await createCall(host);
  await host.goto(links.hostPath);
  await host.getByRole('button', { name: 'Start the call' }).click();

  const ada = await open(browser, links.scribePath, 'Ada');
  const grace = await open(browser, links.scribePath, 'Grace');
  const attendee = await open(browser, links.publicPath);
  for (const page of [ada, grace]) await expect(page.getByTestId('minutes-status')).toHaveText('Saved live', { timeout: FIRST_LOAD_MS });
  await expect(attendee.getByTestId('minutes-status')).toHaveText('Live', { timeout: FIRST_LOAD_MS });
  await expect(attendee.getByRole('textbox', { name: 'Minutes (Markdown)' })).toHaveCount(0);

  // The current item's heading by keyboard, then the start of a numbered list.
  await editor(ada).click();
  await ada.keyboard.press('Control+Alt+h');
  await ada.keyboard.type('1. Cadence');
  await ada.keyboard.insertText('\n2. Demo');
  await expect.poll(() => lines(grace)).toEqual(['## Release', '', '1. Cadence', '2. Demo']);

  // Both scribes add nested bullets to the list at the same time.
  await editor(grace).click();
  await grace.keyboard.press('Control+End');
  await editor(ada).click();
  await ada.keyboard.press('Control+Home');
  await ada.keyboard.press('ArrowDown');
  await ada.keyboard.press('ArrowDown');
  await ada.keyboard.press('End');
  await Promise.all([
    (async () => {
      await ada.keyboard.insertText('\n   - ');
      await ada.keyboard.type('monthly releases', { delay: 25 });
    })(),
    (async () => {
      await grace.keyboard.insertText('\n   - ');
      await grace.keyboard.type('recorded demo', { delay: 25 });
    })(),
  ]);

  const expected = ['## Release', '', '1. Cadence', '   - monthly releases', '2. Demo', '   - recorded demo'];
  for (const page of [ada, grace]) await expect.poll(() => lines(page)).toEqual(expected);
  await expect(grace.locator('.cm-ySelectionInfo', { hasText: 'Ada' })).toBeVisible();

  const rendered = attendee.getByTestId('minutes-rendered');
  await expect(rendered.getByRole('heading', { name: 'Release' })).toBeVisible();
  await expect(rendered.locator('ol > li')).toHaveCount(2);
  await expect(rendered.locator('ol > li').first().locator('ul > li')).toHaveText('monthly releases');
  await expect(rendered.locator('ol > li').nth(1).locator('ul > li')).toHaveText('recorded demo');

  // When the host moves on, scribes are offered the next item's heading.
  await host.getByRole('button', { name: 'Next →' }).click();
  const prompt = grace.getByRole('status').filter({ hasText: 'Start notes for “Demo”?' });
  await expect(prompt).toBeVisible();
  await prompt.getByRole('button', { name: 'Insert heading' }).click();
  await expect(prompt).toHaveCount(0);
  await expect(rendered.getByRole('heading', { name: 'Demo' })).toBeVisible();
  await expect(ada.getByRole('status').filter({ hasText: 'Start notes for “Demo”?' })).toHaveCount(0);
});
