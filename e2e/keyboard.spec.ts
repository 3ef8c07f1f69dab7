import { expect, test, type Locator, type Page } from '@playwright/test';
import { ask, attendee, createCall } from './support/calls';
import { closeOtherContextsAfterEach } from './support/close-contexts';

closeOtherContextsAfterEach(test);

/**
 * Moves the focus with Tab until `target` has it, and checks that the focus is
 * visible there: the element matches :focus-visible and draws an outline.
 */
async function tabTo(page: Page, target: Locator) {
  await expect(target).toBeVisible();
  const handle = await target.elementHandle();
  for (let press = 0; press < 300; press += 1) {
    const focus = await page.evaluate((element) => {
      const active = document.activeElement;
      const style = element ? getComputedStyle(element) : null;
      return {
        isFocused: element === active,
        isVisible: element?.matches(':focus-visible') ?? false,
        outline: `${style?.outlineStyle} ${style?.outlineWidth}`,
        isInEditor: active?.classList.contains('cm-content') ?? false,
      };
    }, handle);
    if (focus.isFocused) {
      expect(focus.isVisible, 'focus is visible').toBe(true);
      expect(focus.outline).not.toMatch(/^none|\s0px$/);
      return;
    }
    // The minutes editor indents with Tab; Escape then Tab leaves it (CodeMirror's way out, said in its help text).
    if (focus.isInEditor) await page.keyboard.press('Escape');
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${target.toString()}`);
}

async function press(page: Page, target: Locator, key = 'Enter') {
  await tabTo(page, target);
  await page.keyboard.press(key);
}

async function type(page: Page, field: Locator, text: string) {
  await tabTo(page, field);
  await page.keyboard.type(text);
}

test('a host runs a whole call with the keyboard alone: check in, start, advance, pin and answer a question, open a poll, end', async ({ browser, page: host }) => {
  test.setTimeout(180_000);
  const { hostPath, publicPath } = await createCall(host, {
    title: 'Keyboard community call',
    startsAt: '2031-03-04T17:30',
    timezone: 'Europe/Berlin',
    sections: [{ title: 'Agenda', items: [{ title: 'Welcome', plannedMinutes: 5 }, { title: 'Open floor', plannedMinutes: 20 }] }],
  });
  await host.goto(hostPath);
  // Nothing below clicks on the host's page: every step is Tab, Enter, Space or typing.
  await type(host, host.getByLabel('Display name'), 'Kai');
  await host.keyboard.press('Enter');
  await expect(host.getByTestId('checked-in-as')).toHaveText('Kai');

  const ada = await attendee(browser, publicPath, 'Ada');
  await press(host, host.getByRole('button', { name: 'Start the call' }));
  await expect(ada.getByTestId('call-status')).toHaveText('Live');
  await expect(ada.getByTestId('current-item-title')).toContainText('Welcome');
  await press(host, host.getByRole('button', { name: 'Next →' }));
  await expect(ada.getByTestId('current-item-title')).toContainText('Open floor');

  const question = 'Is there a keyboard shortcut for the next item?';
  await ask(ada, question);
  await press(host, host.getByRole('button', { name: 'Pin as answering now' }));
  await expect(host.getByRole('region', { name: 'Answering now' })).toContainText(question);
  await expect(ada.getByRole('region', { name: 'Answering now' })).toContainText(question);
  await press(host, host.getByRole('region', { name: 'Answering now' }).getByRole('button', { name: 'Answer' }));
  const answer = host.getByRole('form', { name: 'Answer the question' });
  await type(host, answer.getByLabel('Answer', { exact: true }), 'Yes: n for next, p for previous.');
  await press(host, answer.getByRole('button', { name: 'Save answer' }));
  await expect(ada.getByText('Yes: n for next, p for previous.')).toBeVisible();

  await press(host, host.getByRole('button', { name: 'New poll' }));
  const poll = host.getByRole('form', { name: 'Create a poll' });
  await type(host, poll.getByLabel('Question'), 'Was this call useful?');
  await type(host, poll.getByRole('textbox', { name: 'Option 1', exact: true }), 'Yes');
  await type(host, poll.getByRole('textbox', { name: 'Option 2', exact: true }), 'No');
  await press(host, poll.getByRole('button', { name: 'Save and open' }), 'Space');
  await expect(ada.getByTestId('poll')).toContainText('Was this call useful?');

  await press(host, host.getByRole('button', { name: 'End the call' }));
  for (const page of [host, ada]) await expect(page.getByTestId('call-status')).toHaveText('Ended');
});
