import { expect, type Browser, type Page } from '@playwright/test';
import { createdCallSchema } from '../../lib/protocol/schedule';

const pathOf = (url: string) => new URL(url).pathname + new URL(url).hash;

/** Creates a call through the API; the paths open its public page and (with their keys) its host and scribe pages. */
export async function createCall(page: Page, body: Record<string, unknown>): Promise<{ slug: string; hostPath: string; scribePath: string; publicPath: string }> {
  const response = await page.request.post('/api/calls', { data: body });
  expect(response.status()).toBe(201);
  const { slug, hostUrl, scribeUrl, publicUrl } = createdCallSchema.parse(await response.json());
  return { slug, hostPath: pathOf(hostUrl), scribePath: pathOf(scribeUrl), publicPath: pathOf(publicUrl) };
}

export async function checkIn(page: Page, name: string) {
  await page.getByLabel('Display name').fill(name);
  await page.getByRole('button', { name: 'Check in', exact: true }).click();
  await expect(page.getByTestId('checked-in-as')).toHaveText(name);
}

/** Another participant in a browser context of their own, checked in on the call's public page. */
export async function attendee(browser: Browser, path: string, name: string, viewport?: { width: number; height: number }) {
  const page = await (await browser.newContext(viewport ? { viewport } : {})).newPage();
  await page.goto(path);
  await checkIn(page, name);
  return page;
}

/** Asks a question through the Q&A panel's form (the laptop layout) and waits until it is in the queue. */
export async function ask(page: Page, text: string, { anonymously = false } = {}) {
  const form = page.getByRole('form', { name: 'Ask a question' });
  await form.getByLabel('Your question').fill(text);
  if (anonymously) await form.getByLabel('Ask anonymously').check();
  await form.getByRole('button', { name: 'Ask', exact: true }).click();
  await expect(form.getByRole('status')).toHaveText('Your question is in the queue.');
}

/** The host creates a poll with these options and opens it at once. */
export async function openPoll(host: Page, question: string, options: string[]) {
  await host.getByRole('button', { name: 'New poll' }).click();
  const form = host.getByRole('form', { name: 'Create a poll' });
  await form.getByRole('textbox', { name: 'Question', exact: true }).fill(question);
  for (const [index, option] of options.entries()) await form.getByRole('textbox', { name: `Option ${index + 1}`, exact: true }).fill(option);
  await form.getByRole('button', { name: 'Save and open' }).click();
}
