import { expect, test, type Browser, type Locator, type Page } from '@playwright/test';
import { ask, checkIn, createCall } from './support/calls';
import { closeOtherContextsAfterEach } from './support/close-contexts';
import { isPhoneLayout, openTab, phoneTab, tabBar } from './support/tabs';

closeOtherContextsAfterEach(test);

/** The host runs the call from a laptop, whichever device the project gives the attendee. */
const LAPTOP = { viewport: { width: 1280, height: 800 }, isMobile: false, hasTouch: false, deviceScaleFactor: 1 };
const pollQuestion = 'Which day suits the sprint?';
const mine = 'Can we get a recording of the demo?';
const theirs = 'Is the release on track?';

async function openHostPage(browser: Browser) {
  const host = await (await browser.newContext(LAPTOP)).newPage();
  const call = await createCall(host, {
    title: 'Attendee community call',
    startsAt: '2031-03-04T17:30',
    timezone: 'Europe/Berlin',
    sections: [{ title: 'Updates', items: [{ title: 'Welcome', plannedMinutes: 5 }, { title: 'Release update', plannedMinutes: 10 }] }],
  });
  await host.goto(call.hostPath);
  await checkIn(host, 'Kai');
  return { host, ...call };
}

/** Asks through the phone's Ask sheet where there is one (from whatever tab is shown), else through the Q&A panel's form. */
async function askFromAnyTab(page: Page, text: string) {
  if (!isPhoneLayout(page)) return ask(page, text);
  const opener = page.getByRole('button', { name: 'Ask a question' });
  await opener.click();
  const sheet = page.getByRole('dialog', { name: 'Ask a question' });
  await expect(sheet.getByLabel('Your question')).toBeFocused();
  await sheet.getByLabel('Your question').fill(text);
  await sheet.getByRole('button', { name: 'Ask', exact: true }).click();
  await expect(sheet.getByRole('status')).toHaveText('Your question is in the queue.');
  // Escape closes the sheet and gives focus back to the button that opened it.
  await page.keyboard.press('Escape');
  await expect(sheet).toBeHidden();
  await expect(opener).toBeFocused();
}

/** WCAG's 44 × 44 CSS pixels for everything an attendee taps on a phone. */
async function expectTouchTargets(targets: Locator) {
  const sizes = await targets.evaluateAll((elements) => elements.map((element) => element.getBoundingClientRect()).map(({ width, height }) => ({ width, height })));
  expect(sizes.length).toBeGreaterThan(0);
  for (const size of sizes) {
    expect(size.width).toBeGreaterThanOrEqual(44);
    expect(size.height).toBeGreaterThanOrEqual(44);
  }
}

test('an attendee checks in, follows the current item, asks from any tab, upvotes, answers a poll, reacts and sees a decision in the minutes', async ({ browser, page }) => {
  // A whole call in one walk: longer than the default on two shared cores.
  test.setTimeout(120_000);
  const { host, publicPath } = await openHostPage(browser);
  const isPhone = isPhoneLayout(page);
  await page.goto(publicPath);

  // Checking in comes first; on a phone it is a short step (just the name) that can wait.
  const checkInForm = page.getByRole('form', { name: 'Check in' });
  await expect(checkInForm).toBeVisible();
  if (isPhone) {
    await expect(tabBar(page)).toBeVisible();
    await expect(phoneTab(page, 'Now')).toHaveAttribute('aria-current', 'page');
    await expect(tabBar(page).getByRole('button')).toHaveText(['Now', 'Q&A', 'Agenda', 'Minutes', 'People']);
    const formTop = (await checkInForm.boundingBox())?.y ?? Infinity;
    const currentItemTop = (await page.getByText('The call has not started yet.').boundingBox())?.y ?? -Infinity;
    expect(formTop).toBeLessThan(currentItemTop);
    await expect(checkInForm.getByLabel('Pronouns (optional)')).toBeHidden();
    await page.getByRole('button', { name: 'Not now' }).click();
    await expect(checkInForm).toBeHidden();
    await expect(page.getByRole('button', { name: 'Check in now' })).toBeFocused();
    await page.getByRole('button', { name: 'Check in now' }).click();
    await expect(checkInForm.getByLabel('Display name')).toBeFocused();
  } else {
    await expect(tabBar(page)).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Ask a question' })).toHaveCount(0);
  }
  await checkIn(page, 'Ada');
  if (isPhone) {
    // Once checked in, the card steps aside into People, folded to a line.
    await expect(page.getByTestId('checked-in-as')).toBeHidden();
    await openTab(page, 'People');
    await expect(page.getByTestId('checked-in-as')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Edit check-in' })).toBeVisible();
    await openTab(page, 'Now');
    await expect(page.getByTestId('phone-current-item')).toHaveText('Not started yet');
    await expect(page.getByTestId('phone-call-status')).toHaveText('Scheduled');
  }

  // The host starts the call: the current item shows, and on a phone it stays in the top bar on every tab.
  await host.getByRole('button', { name: 'Start the call' }).click();
  await expect(page.getByTestId('current-item-title')).toHaveText('Welcome');
  await expect(page.getByTestId('call-status')).toHaveText('Live');
  if (isPhone) {
    await expect(page.getByTestId('phone-current-item')).toContainText('Welcome');
    await expect(page.getByTestId('phone-call-status')).toHaveText('Live');
    await expect(page.getByTestId('phone-item-timer')).toBeVisible();
  }
  await openTab(page, 'Agenda');
  await host.getByRole('button', { name: 'Next →' }).click();
  await expect(page.locator('[data-testid="agenda-item"][data-current]')).toContainText('Release update');
  if (isPhone) {
    await expect(page.getByTestId('current-item-title')).toBeHidden();
    await expect(page.getByTestId('phone-current-item')).toContainText('Release update');
  } else {
    await expect(page.getByTestId('current-item-title')).toHaveText('Release update');
  }

  // Asking from the Agenda tab; one's own question is no news for the Q&A badge, someone else's is.
  await askFromAnyTab(page, mine);
  if (isPhone) await expect(phoneTab(page, 'Q&A')).toHaveAccessibleName('Q&A');
  await askFromAnyTab(host, theirs);
  if (isPhone) {
    await expect(phoneTab(page, 'Q&A')).toHaveAccessibleName('Q&A, 1 new');
    await expect(page.getByTestId('tab-badge-qa')).toHaveText('1');
  }
  await openTab(page, 'Q&A');
  if (isPhone) {
    await expect(phoneTab(page, 'Q&A')).toHaveAccessibleName('Q&A');
    await expect(page.getByTestId('tab-badge-qa')).toHaveCount(0);
  }
  const openQuestions = page.getByRole('region', { name: /^Open questions/ }).getByTestId('question');
  await expect(openQuestions).toHaveCount(2);
  await page.getByRole('button', { name: /^Upvote: “Is the release/ }).click();
  await expect(page.getByRole('button', { name: /^Remove your vote: “Is the release/ })).toHaveAttribute('aria-pressed', 'true');
  await expect(host.getByTestId('question').filter({ hasText: theirs }).getByTestId('vote-count')).toHaveText('1');
  if (isPhone) await expectTouchTargets(page.getByRole('button', { name: /^(Upvote|Remove your vote):/ }));

  // The host opens a poll: the Polls tab appears with a badge that goes once the attendee looks.
  if (isPhone) await expect(phoneTab(page, 'Polls')).toHaveCount(0);
  await host.getByRole('button', { name: 'New poll' }).click();
  const create = host.getByRole('form', { name: 'Create a poll' });
  await create.getByRole('textbox', { name: 'Question', exact: true }).fill(pollQuestion);
  await create.getByRole('textbox', { name: 'Option 1', exact: true }).fill('Monday');
  await create.getByRole('textbox', { name: 'Option 2', exact: true }).fill('Tuesday');
  await create.getByRole('button', { name: 'Save draft' }).click();
  await host.getByRole('region', { name: /^Drafts/ }).getByRole('button', { name: 'Open poll' }).click();
  if (isPhone) {
    await expect(phoneTab(page, 'Polls')).toHaveAccessibleName('Polls, 1 new');
    await expect(page.getByTestId('tab-badge-polls')).toHaveText('1');
  }
  await openTab(page, 'Polls');
  if (isPhone) await expect(phoneTab(page, 'Polls')).toHaveAccessibleName('Polls');
  const answerForm = page.getByRole('form', { name: `Answer the poll: ${pollQuestion}` });
  await answerForm.getByRole('radio', { name: 'Tuesday' }).check();
  if (isPhone) await expectTouchTargets(answerForm.locator('label').filter({ has: page.getByRole('radio') }));
  await answerForm.getByRole('button', { name: 'Submit answer' }).click();
  await expect(answerForm.getByTestId('poll-my-answer')).toHaveText('You chose Tuesday.');
  await expect(host.getByTestId('poll-results').getByTestId('poll-answered')).toHaveText('1 answer');

  // Reacting, back on Now.
  await openTab(page, 'Now');
  const reactions = page.getByRole('group', { name: 'Reactions' });
  await reactions.getByRole('button', { name: 'React with applause' }).click();
  await expect(host.getByTestId('floating-reaction').filter({ hasText: '👏' }).first()).toBeAttached();

  // The host notes a decision in the minutes: the Minutes tab says so until the attendee looks.
  await expect(host.getByTestId('minutes-status')).toHaveText('Saved live', { timeout: 30_000 });
  await host.getByRole('textbox', { name: 'Minutes (Markdown)' }).click();
  await host.keyboard.type('Decision: release every six weeks');
  await host.keyboard.insertText('\n');
  if (isPhone) await expect(phoneTab(page, 'Minutes')).toHaveAccessibleName('Minutes, 1 new');
  await openTab(page, 'Minutes');
  if (isPhone) await expect(phoneTab(page, 'Minutes')).toHaveAccessibleName('Minutes');
  const outcomes = page.locator('section').filter({ has: page.getByRole('heading', { name: 'Action items', exact: true }) });
  await expect(outcomes).toContainText('release every six weeks');

  await openTab(page, 'Now');
  if (isPhone) {
    await expectTouchTargets(reactions.getByRole('button'));
    await expectTouchTargets(tabBar(page).getByRole('button'));
    await expectTouchTargets(page.getByRole('button', { name: 'Ask a question' }));
  }
  // Nothing runs off the screen.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(page.viewportSize()?.width ?? 0);
});
