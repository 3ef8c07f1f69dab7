import { expect, test, type Page } from '@playwright/test';
import { ask, attendee, checkIn, createCall } from './support/calls';
import { closeOtherContextsAfterEach } from './support/close-contexts';

closeOtherContextsAfterEach(test);

const newCall = (page: Page) =>
  createCall(page, {
    title: 'Q&A community call',
    startsAt: '2031-03-04T17:30',
    timezone: 'Europe/Berlin',
    sections: [{ title: 'Q&A', items: [{ title: 'Open floor', plannedMinutes: 20 }] }],
  });


const openQuestions = (page: Page) => page.getByRole('region', { name: /^Open questions/ }).getByTestId('question');
const lts = 'When is the next LTS?';
const arm = 'Will ARM64 agents be GA?';

test('two attendees ask and upvote, the host answers, everyone sees the order and the answer, and the export has the Q&A', async ({ browser, page: host }) => {
  const { slug, hostPath, publicPath } = await newCall(host);
  await host.goto(hostPath);
  await checkIn(host, 'Kai');

  const ada = await attendee(browser, publicPath, 'Ada');
  const bo = await attendee(browser, publicPath, 'Bo');
  // The form counts characters as they are typed.
  await ada.getByRole('form', { name: 'Ask a question' }).getByLabel('Your question').fill(lts);
  await expect(ada.getByText(`${lts.length}/500 characters`)).toBeVisible();
  await ask(ada, lts);
  await ask(bo, arm, { anonymously: true });

  for (const page of [ada, bo, host]) {
    await expect(openQuestions(page)).toHaveCount(2);
    await expect(openQuestions(page).nth(0)).toContainText(lts);
    await expect(openQuestions(page).nth(1)).toContainText(arm);
  }
  await expect(openQuestions(ada).nth(0)).toContainText('You asked');
  await expect(openQuestions(bo).nth(1)).toContainText('You asked');
  await expect(openQuestions(bo).nth(1)).toContainText('Anonymous');

  // Both upvote the ARM64 question; it climbs above the older one for everyone.
  for (const page of [ada, bo]) {
    const vote = page.getByRole('button', { name: /^Upvote: “Will ARM64/ });
    await expect(vote).toHaveAttribute('aria-pressed', 'false');
    await vote.click();
    await expect(page.getByRole('button', { name: /^Remove your vote: “Will ARM64/ })).toHaveAttribute('aria-pressed', 'true');
  }
  for (const page of [ada, bo, host]) {
    await expect(openQuestions(page).nth(0)).toContainText(arm);
    await expect(openQuestions(page).nth(0).getByTestId('vote-count')).toHaveText('2');
    await expect(openQuestions(page).nth(1)).toContainText(lts);
  }
  // Bo takes the vote back and gives it again: counted once.
  await bo.getByRole('button', { name: /^Remove your vote: “Will ARM64/ }).click();
  await expect(openQuestions(ada).nth(0).getByTestId('vote-count')).toHaveText('1');
  await bo.getByRole('button', { name: /^Upvote: “Will ARM64/ }).click();
  await expect(openQuestions(ada).nth(0).getByTestId('vote-count')).toHaveText('2');

  // The host pins the LTS question, then answers it.
  const ltsOnHost = openQuestions(host).filter({ hasText: lts });
  await ltsOnHost.getByRole('button', { name: 'Pin as answering now' }).click();
  for (const page of [ada, bo]) {
    const pinned = page.getByRole('region', { name: 'Answering now' });
    await expect(pinned).toContainText(lts);
    await expect(openQuestions(page)).toHaveCount(1);
  }
  const pinnedOnHost = host.getByRole('region', { name: 'Answering now' });
  await pinnedOnHost.getByRole('button', { name: 'Answer' }).click();
  const answerForm = host.getByRole('form', { name: 'Answer the question' });
  await expect(answerForm.getByLabel('Answered by')).toHaveValue('Kai');
  await answerForm.getByLabel('Answer', { exact: true }).fill('In the next release.');
  await answerForm.getByRole('button', { name: 'Save answer' }).click();

  for (const page of [ada, bo]) {
    await expect(page.getByRole('region', { name: 'Answering now' })).toHaveCount(0);
    const answered = page.getByRole('region', { name: /^Answered/ }).getByTestId('question');
    await expect(answered).toHaveCount(1);
    await expect(answered).toContainText(lts);
    await expect(answered.getByTestId('answer')).toContainText('Answered by Kai');
    await expect(answered.getByTestId('answer')).toContainText('In the next release.');
    await expect(openQuestions(page)).toHaveCount(1);
    await expect(openQuestions(page).nth(0)).toContainText(arm);
  }

  const minutes = await host.request.get(`/api/calls/${slug}/minutes.md`);
  expect(minutes.status()).toBe(200);
  expect(await minutes.text()).toContain(
    ['## Q&A', '', `* Q (Ada): ${lts}`, '  * A (Kai): In the next release.', `* Q (Anonymous): ${arm}`].join('\n'),
  );
  await expect(host.getByRole('link', { name: /Download Markdown/ })).toHaveAttribute('href', `/api/calls/${slug}/minutes.md`);
});

test('with pre-moderation an attendee sees their question wait, even after a reload, until the host approves it', async ({ browser, page: host }) => {
  const { hostPath, publicPath } = await newCall(host);
  await host.goto(hostPath);
  await checkIn(host, 'Kai');
  // The switch shows the call's setting, so it turns on once the server has applied it.
  await host.getByLabel(/^Pre-moderation/).click();
  await expect(host.getByLabel(/^Pre-moderation/)).toBeChecked();

  const ada = await attendee(browser, publicPath, 'Ada');
  const bo = await attendee(browser, publicPath, 'Bo');
  const form = ada.getByRole('form', { name: 'Ask a question' });
  await form.getByLabel('Your question').fill(lts);
  await form.getByRole('button', { name: 'Ask' }).click();
  await expect(form.getByRole('status')).toHaveText('Thanks! Your question waits for the host’s approval.');

  const waiting = (page: Page) => page.getByRole('region', { name: /waiting for approval/ }).getByTestId('question');
  await expect(waiting(ada)).toHaveText([new RegExp(lts)]);
  await ada.reload();
  await expect(waiting(ada)).toHaveText([new RegExp(lts)]);
  await expect(openQuestions(ada)).toHaveCount(0);
  await expect(bo.getByText(lts)).toHaveCount(0);

  const queue = host.getByRole('region', { name: /^Approval queue/ }).getByTestId('question');
  await expect(queue).toHaveCount(1);
  await queue.getByRole('button', { name: 'Approve' }).click();
  for (const page of [ada, bo, host]) await expect(openQuestions(page)).toHaveText([new RegExp(lts)]);
  await expect(waiting(ada)).toHaveCount(0);
});
