import { expect, test, type Locator, type Page } from '@playwright/test';
import { attendee, createCall } from './support/calls';
import { closeOtherContextsAfterEach } from './support/close-contexts';
import { openTab } from './support/tabs';

closeOtherContextsAfterEach(test);

const PHONE = { width: 390, height: 844 };
const LAPTOP = { width: 1280, height: 800 };
const question = 'Which day suits the sprint?';

const newCall = (page: Page) =>
  createCall(page, {
    title: 'Polls community call',
    startsAt: '2031-03-04T17:30',
    timezone: 'Europe/Berlin',
    sections: [{ title: 'Planning', items: [{ title: 'Sprint dates', plannedMinutes: 20 }] }],
  });

const answerForm = (page: Page) => page.getByRole('form', { name: `Answer the poll: ${question}` });
const resultRow = (scope: Page | Locator, label: string) => scope.getByTestId('poll-result-option').filter({ hasText: label });

async function answer(page: Page, option: string, submit: 'Submit answer' | 'Change answer' = 'Submit answer') {
  const form = answerForm(page);
  await form.getByRole('group', { name: question }).getByRole('radio', { name: option }).check();
  await form.getByRole('button', { name: submit }).click();
  await expect(form.getByTestId('poll-my-answer')).toHaveText(`You chose ${option}.`);
}

test('the host runs a poll; attendees on a phone and a laptop answer and see the results, and so does the projector', async ({ browser, page: host }) => {
  const { slug, hostPath, publicPath } = await newCall(host);
  await host.goto(hostPath);

  // The create form shows the schema's refusals next to the fields.
  await host.getByRole('button', { name: 'New poll' }).click();
  const form = host.getByRole('form', { name: 'Create a poll' });
  await form.getByRole('button', { name: 'Save draft' }).click();
  await expect(form.getByText('Write the question')).toBeVisible();
  await expect(form.getByText('A choice poll needs at least two options')).toBeVisible();

  await form.getByLabel('Question').fill(question);
  await form.getByRole('textbox', { name: 'Option 1', exact: true }).fill('Monday');
  await form.getByRole('textbox', { name: 'Option 2', exact: true }).fill('Tuesday');
  await form.getByRole('button', { name: 'Add option' }).click();
  await form.getByRole('textbox', { name: 'Option 3', exact: true }).fill('Friday');
  await form.getByLabel('Agenda item (optional)').selectOption({ label: 'Planning: Sprint dates' });
  await form.getByRole('button', { name: 'Save draft' }).click();
  await expect(form).toHaveCount(0);

  const drafts = host.getByRole('region', { name: /^Drafts/ }).getByTestId('poll');
  await expect(drafts).toHaveCount(1);
  await expect(drafts).toContainText(question);

  const phone = await attendee(browser, publicPath, 'Ada', PHONE);
  const laptop = await attendee(browser, publicPath, 'Bo', LAPTOP);
  const projector = await (await browser.newContext({ viewport: LAPTOP })).newPage();
  await projector.goto(`/c/${slug}/present`);
  // A draft stays with those who run polls.
  await expect(phone.getByText(question)).toHaveCount(0);

  await drafts.getByRole('button', { name: 'Open poll' }).click();
  await expect(host.getByRole('region', { name: /^Open/ }).getByTestId('poll')).toHaveCount(1);
  // On the phone the poll is on its own tab, which appears with the first poll.
  await openTab(phone, 'Polls');
  for (const page of [phone, laptop]) await expect(answerForm(page)).toBeVisible();
  await expect(projector.getByTestId('present-poll')).toContainText(question);

  await answer(phone, 'Tuesday');
  await answer(laptop, 'Monday');
  // Bo changes his mind while the poll is open: counted once.
  await answer(laptop, 'Tuesday', 'Change answer');

  for (const page of [phone, laptop, host]) {
    const results = page.getByTestId('poll-results');
    await expect(results.getByTestId('poll-answered')).toHaveText('2 answers');
    await expect(resultRow(results, 'Tuesday').getByTestId('poll-result-count')).toHaveText('2 · 100%');
    await expect(resultRow(results, 'Monday').getByTestId('poll-result-count')).toHaveText('0 · 0%');
    await expect(resultRow(results, 'Friday').getByTestId('poll-result-count')).toHaveText('0 · 0%');
  }
  const big = projector.getByTestId('present-poll-results');
  await expect(big).toContainText('2 answers');
  await expect(resultRow(big, 'Tuesday').getByTestId('poll-result-count')).toHaveText('2 · 100%');

  // Nothing on the phone is wider than its screen.
  expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);

  await host.getByRole('region', { name: /^Open/ }).getByRole('button', { name: 'Close poll' }).click();
  for (const page of [phone, laptop]) {
    const closed = page.getByRole('region', { name: /^Closed/ }).getByTestId('poll');
    await expect(closed).toHaveCount(1);
    await expect(answerForm(page)).toHaveCount(0);
    await expect(resultRow(closed, 'Tuesday').getByTestId('poll-result-count')).toHaveText('2 · 100%');
  }
  await expect(phone.getByRole('region', { name: /^Closed/ })).toContainText('You chose Tuesday.');
  await expect(projector.getByTestId('present-poll')).toHaveCount(0);

  // The record has the poll with its counts, as anyone downloading minutes.md sees it.
  const record = await (await host.request.get(`/api/calls/${slug}/minutes.md`)).text();
  expect(record).toContain(`## Polls\n\n**1. ${question}**\n\n- Monday: 0 (0 %)\n- Tuesday: 2 (100 %)\n- Friday: 0 (0 %)\n\n2 answered.`);
});

test('a reaction floats on the other participants’ pages and the projector', async ({ browser, page: host }) => {
  const { slug, hostPath, publicPath } = await newCall(host);
  await host.goto(hostPath);
  await host.getByRole('button', { name: 'Start the call' }).click();
  await expect(host.getByTestId('current-item-title')).toHaveText('Sprint dates');

  const ada = await attendee(browser, publicPath, 'Ada', PHONE);
  const bo = await attendee(browser, publicPath, 'Bo', LAPTOP);
  const projector = await (await browser.newContext({ viewport: LAPTOP })).newPage();
  await projector.goto(`/c/${slug}/present`);
  await expect(projector.getByTestId('present-current')).toHaveText('Sprint dates');

  const reactions = ada.getByRole('group', { name: 'Reactions' });
  await expect(reactions.getByRole('button')).toHaveCount(7);
  await reactions.getByRole('button', { name: 'React with applause' }).click();

  for (const page of [bo, projector]) await expect(page.getByTestId('floating-reaction').filter({ hasText: '👏' }).first()).toBeAttached();
  // They float for a moment only.
  await expect(bo.getByTestId('floating-reaction')).toHaveCount(0, { timeout: 5000 });
  // Screen readers hear a summary within a few seconds.
  await expect(bo.getByTestId('reaction-announcer')).toHaveText('1 👏 in the last seconds', { timeout: 8000 });
});
