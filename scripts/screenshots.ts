// Takes the README's screenshots of a live call: `npm run build && npm run screenshots`. It starts the production
// build on a fresh database (as the browser tests do), plays a short call with a host and two attendees, and
// writes docs/screenshot-*.png.
import { spawn } from 'node:child_process';
import { chromium, type Browser, type Page } from '@playwright/test';
import { createdCallSchema } from '../lib/protocol/schedule';

const port = 3190;
const baseURL = `http://127.0.0.1:${port}`;
const PHONE = { viewport: { width: 412, height: 915 }, isMobile: true, hasTouch: true };
const LAPTOP = { viewport: { width: 1280, height: 900 } };

const server = spawn(process.execPath, ['--import', 'tsx', 'scripts/e2e-server.ts'], { env: { ...process.env, E2E_PORT: String(port) }, stdio: 'inherit' });

async function waitForServer() {
  for (let attempt = 0; attempt < 120; attempt += 1) {
    const response = await fetch(`${baseURL}/api/health`).catch(() => null);
    if (response?.ok) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error('The server did not start');
}

async function open(browser: Browser, path: string, options: object, colorScheme: 'light' | 'dark' = 'light'): Promise<Page> {
  const page = await (await browser.newContext({ baseURL, colorScheme, ...options })).newPage();
  await page.goto(path);
  return page;
}

async function checkIn(page: Page, name: string, affiliation?: string) {
  await page.getByLabel('Display name').fill(name);
  // A phone's check-in asks for the name only.
  if (affiliation) await page.getByLabel('Affiliation or project (optional)').fill(affiliation);
  await page.getByRole('button', { name: 'Check in', exact: true }).click();
  await page.getByTestId('checked-in-as').first().waitFor({ state: 'attached' });
}

async function ask(page: Page, text: string) {
  const form = page.getByRole('form', { name: 'Ask a question' }).first();
  await form.getByLabel('Your question').fill(text);
  await form.getByRole('button', { name: 'Ask' }).click();
  await form.getByText('Your question is in the queue.').waitFor();
}

async function main(browser: Browser) {
  const response = await fetch(`${baseURL}/api/calls`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      title: 'Flatcar Container Linux community call',
      startsAt: '2031-03-04T17:30',
      timezone: 'Europe/Berlin',
      links: [
        { label: 'Slide deck', url: 'https://example.org/2031-03-04-slides.pdf' },
        { label: 'Live stream', url: 'https://example.org/live' },
      ],
      sections: [
        { title: 'Welcome', items: [{ title: 'Introductions', plannedMinutes: 5 }] },
        { title: 'Releases review & planning', items: [{ title: 'Review of the last releases', presenter: 'Thilo', plannedMinutes: 10 }, { title: 'ARM64 promotion to Stable', plannedMinutes: 10 }] },
        { title: 'Q&A', items: [{ title: 'Open floor', plannedMinutes: 15 }] },
      ],
    }),
  });
  const { hostUrl, publicUrl } = createdCallSchema.parse(await response.json());
  const pathOf = (url: string) => new URL(url).pathname + new URL(url).hash;

  const host = await open(browser, pathOf(hostUrl), LAPTOP);
  await checkIn(host, 'Thilo', 'Microsoft');
  const ada = await open(browser, pathOf(publicUrl), PHONE);
  await checkIn(ada, 'Ada');
  const bo = await open(browser, pathOf(publicUrl), LAPTOP);
  await checkIn(bo, 'Bo', 'Kinvolk');
  await host.getByRole('button', { name: 'Start the call' }).click();
  await host.getByRole('button', { name: 'Next →' }).click();
  await ask(bo, 'Will ARM64 images be promoted to Stable this year?');
  await ask(host, 'Which kernel goes into the next Beta?');
  await bo.getByRole('button', { name: /^Upvote: “Which kernel/ }).click();
  await host.getByRole('button', { name: 'New poll' }).click();
  const poll = host.getByRole('form', { name: 'Create a poll' });
  await poll.getByRole('textbox', { name: 'Question', exact: true }).fill('Move the call to every other week?');
  await poll.getByRole('textbox', { name: 'Option 1', exact: true }).fill('Yes');
  await poll.getByRole('textbox', { name: 'Option 2', exact: true }).fill('No');
  await poll.getByRole('button', { name: 'Save and open' }).click();
  await host.waitForTimeout(1500);
  await host.evaluate(() => window.scrollTo(0, 0));
  await host.screenshot({ path: 'docs/screenshot-host.png' });
  await ada.screenshot({ path: 'docs/screenshot-phone.png' });
  const adaInTheDark = await open(browser, pathOf(publicUrl), PHONE, 'dark');
  await adaInTheDark.getByRole('navigation', { name: 'Call sections' }).getByRole('button', { name: /^Q&A/ }).click();
  await adaInTheDark.waitForTimeout(800);
  await adaInTheDark.screenshot({ path: 'docs/screenshot-phone-dark.png' });
  const hostInTheDark = await open(browser, pathOf(hostUrl), LAPTOP, 'dark');
  await hostInTheDark.waitForTimeout(1500);
  await hostInTheDark.screenshot({ path: 'docs/screenshot-host-dark.png' });
}

try {
  await waitForServer();
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
  try {
    await main(browser);
  } finally {
    await browser.close();
  }
} finally {
  server.kill();
}
