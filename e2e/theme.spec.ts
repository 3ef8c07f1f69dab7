import { expect, test, type Browser, type Locator, type Page } from '@playwright/test';
import { z } from 'zod';
import { checkIn, createCall } from './support/calls';
import { closeOtherContextsAfterEach } from './support/close-contexts';

closeOtherContextsAfterEach(test);

const newCall = (page: Page) =>
  createCall(page, {
    title: 'Theme check',
    startsAt: '2031-03-04T17:30',
    timezone: 'Europe/Berlin',
    sections: [{ title: 'Welcome', items: [{ title: 'Intro round' }, { title: 'Demo' }] }],
  });

/** Every console error and uncaught exception of a page (CSP violations are console errors). */
function watchForErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  return errors;
}

async function pageIn(browser: Browser, colorScheme: 'light' | 'dark') {
  const page = await (await browser.newContext({ colorScheme })).newPage();
  return { page, errors: watchForErrors(page) };
}

/** How light a colour of an element is as painted (0 black … 1 white), whatever syntax the style uses. */
function lightnessOf(locator: Locator, property: 'backgroundColor' | 'color'): Promise<number> {
  return locator.evaluate((element, name) => {
    const canvas = document.createElement('canvas');
    canvas.width = canvas.height = 1;
    const context = canvas.getContext('2d');
    if (!context) throw new Error('no 2d canvas');
    context.fillStyle = getComputedStyle(element)[name];
    context.fillRect(0, 0, 1, 1);
    const [red = 0, green = 0, blue = 0] = context.getImageData(0, 0, 1, 1).data;
    return (red + green + blue) / 3 / 255;
  }, property);
}

const themeButton = (page: Page, name: 'System' | 'Light' | 'Dark') => page.getByRole('group', { name: 'Color theme' }).getByRole('button', { name, exact: true });
const html = (page: Page) => page.locator('html');

test('pages follow a dark system preference, with readable surfaces and no console errors', async ({ browser, page: setup }) => {
  const { hostPath, publicPath } = await newCall(setup);
  const { page: dark, errors } = await pageIn(browser, 'dark');

  for (const path of ['/', '/new', '/calls']) {
    await dark.goto(path);
    await expect(html(dark)).toHaveClass(/\bdark\b/);
    await expect(themeButton(dark, 'System')).toHaveAttribute('aria-pressed', 'true');
    expect(await lightnessOf(dark.locator('body'), 'backgroundColor')).toBeLessThan(0.2);
    expect(await lightnessOf(dark.locator('body'), 'color')).toBeGreaterThan(0.8);
    expect(await html(dark).evaluate((element) => getComputedStyle(element).colorScheme)).toBe('dark');
  }

  await dark.goto(hostPath);
  await expect(dark.getByTestId('call-status')).toHaveText('Scheduled');
  const panel = dark.locator('section').filter({ has: dark.getByRole('heading', { name: 'Agenda' }) }).first();
  expect(await lightnessOf(panel, 'backgroundColor')).toBeLessThan(0.2);
  const primary = dark.getByRole('button', { name: 'Start the call' });
  // A primary button keeps its contrast: its text is dark on the lighter indigo of the dark theme.
  expect((await lightnessOf(primary, 'backgroundColor')) - (await lightnessOf(primary, 'color'))).toBeGreaterThan(0.3);

  await dark.goto(publicPath);
  await checkIn(dark, 'Ada');
  await dark.waitForTimeout(300);
  expect(errors).toEqual([]);
});

test('the theme toggle switches at once and is remembered across reloads and pages', async ({ browser }) => {
  const { page, errors } = await pageIn(browser, 'light');
  await page.goto('/calls');
  await expect(html(page)).not.toHaveClass(/\bdark\b/);
  await expect(themeButton(page, 'System')).toHaveAttribute('aria-pressed', 'true');

  await themeButton(page, 'Dark').click();
  await expect(html(page)).toHaveClass(/\bdark\b/);
  await expect(themeButton(page, 'Dark')).toHaveAttribute('aria-pressed', 'true');
  await expect(themeButton(page, 'System')).toHaveAttribute('aria-pressed', 'false');

  await page.reload();
  await expect(html(page)).toHaveClass(/\bdark\b/);
  await expect(themeButton(page, 'Dark')).toHaveAttribute('aria-pressed', 'true');
  await page.goto('/new');
  await expect(html(page)).toHaveClass(/\bdark\b/);

  await themeButton(page, 'System').click();
  await expect(html(page)).not.toHaveClass(/\bdark\b/);
  expect(await page.evaluate(() => localStorage.getItem('roundtable:theme'))).toBeNull();

  // A light choice holds against a dark system too.
  const { page: darkSystem } = await pageIn(browser, 'dark');
  await darkSystem.goto('/');
  await themeButton(darkSystem, 'Light').click();
  await expect(html(darkSystem)).not.toHaveClass(/\bdark\b/);
  await darkSystem.reload();
  await expect(html(darkSystem)).not.toHaveClass(/\bdark\b/);
  await expect(themeButton(darkSystem, 'Light')).toHaveAttribute('aria-pressed', 'true');
  expect(errors).toEqual([]);
});

test('the projector view keeps its own high-contrast theme in dark mode', async ({ browser, page: setup }) => {
  const { slug } = await newCall(setup);
  const colorsIn = async (colorScheme: 'light' | 'dark') => {
    const { page, errors } = await pageIn(browser, colorScheme);
    await page.goto(`/c/${slug}/present`);
    await expect(page.getByRole('heading', { name: /^Starts at/ })).toBeVisible();
    await expect(page.getByRole('group', { name: 'Color theme' })).toBeHidden();
    const main = page.getByRole('main');
    const colors = { background: await lightnessOf(main, 'backgroundColor'), text: await lightnessOf(main, 'color') };
    expect(errors).toEqual([]);
    return colors;
  };
  const light = await colorsIn('light');
  expect(light.background).toBeLessThan(0.1);
  expect(light.text).toBeGreaterThan(0.95);
  expect(await colorsIn('dark')).toEqual(light);
});

const manifestSchema = z.object({
  name: z.string(),
  start_url: z.string(),
  display: z.string(),
  icons: z.array(z.object({ src: z.string(), sizes: z.string(), purpose: z.string().optional() })),
});

test('the favicon, the manifest and its icons are served and linked', async ({ page, request }) => {
  const favicon = await request.get('/favicon.ico');
  expect(favicon.status()).toBe(200);
  expect(favicon.headers()['content-type']).toMatch(/^image\/(x-icon|vnd\.microsoft\.icon)/);

  await page.goto('/');
  const manifestHref = await page.locator('link[rel="manifest"]').getAttribute('href');
  expect(manifestHref).toBeTruthy();
  const manifestResponse = await request.get(manifestHref ?? '');
  expect(manifestResponse.status()).toBe(200);
  expect(manifestResponse.headers()['content-type']).toMatch(/^application\/manifest\+json/);
  const manifest = manifestSchema.parse(await manifestResponse.json());
  expect(manifest).toMatchObject({ name: 'Roundtable', start_url: '/', display: 'standalone' });
  const { icons } = manifest;
  expect(icons.map(({ sizes, purpose }) => `${sizes} ${purpose}`)).toEqual(expect.arrayContaining(['192x192 any', '512x512 any', '512x512 maskable']));

  const pageIcons = await page.locator('link[rel="icon"], link[rel="apple-touch-icon"]').evaluateAll((links) => links.map((link) => link.getAttribute('href') ?? ''));
  expect(pageIcons.length).toBeGreaterThanOrEqual(3);
  for (const src of [...icons.map((icon) => icon.src), ...pageIcons]) {
    const response = await request.get(src);
    expect(response.status(), src).toBe(200);
    expect(response.headers()['content-type'], src).toMatch(/^image\/(png|svg\+xml|x-icon|vnd\.microsoft\.icon)/);
  }
});

test('a call page says when the network drops and catches up by itself when it is back', async ({ browser, page: host }) => {
  const { hostPath, publicPath } = await newCall(host);
  await host.goto(hostPath);
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(publicPath);
  await expect(page.getByTestId('call-status')).toHaveText('Scheduled');

  await context.setOffline(true);
  await expect(page.getByRole('status').filter({ hasText: 'You are offline' })).toHaveText('You are offline. The call will catch up when you are back.');
  await host.getByRole('button', { name: 'Start the call' }).click();
  await expect(host.getByTestId('call-status')).toHaveText('Live');

  await context.setOffline(false);
  await expect(page.getByRole('status').filter({ hasText: 'Back online' })).toHaveText('Back online — up to date');
  await expect(page.getByTestId('call-status')).toHaveText('Live');
  await expect(page.getByText('Back online — up to date')).toHaveCount(0, { timeout: 8000 });
});
