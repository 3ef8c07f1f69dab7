import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { z } from 'zod';
import { closeOtherContextsAfterEach } from './support/close-contexts';
import { openTab } from './support/tabs';

closeOtherContextsAfterEach(test);

// Times read in UTC, 24-hour clock, so the header's wording can be written down; the host edits at phone width.
test.use({ timezoneId: 'UTC', locale: 'en-GB' });

const createdSchema = z.object({ slug: z.string(), hostUrl: z.string(), scribeUrl: z.string() });

async function createCall(request: APIRequestContext, body: Record<string, unknown>) {
  const response = await request.post('/api/calls', { data: body });
  expect(response.status()).toBe(201);
  return createdSchema.parse(await response.json());
}

const editorToggle = (page: Page) => page.getByRole('button', { name: /^(Set the date|Edit date and time)$/ });
const scheduleForm = (page: Page) => page.getByRole('form', { name: 'Date and time' });

test('the host dates a call to be announced, fixes it and clears it again; everyone sees it live', async ({ page, browser }) => {
  const suffix = Date.now().toString(36);
  const title = `Call to be dated ${suffix}`;
  const created = await createCall(page.request, {
    title,
    timezone: 'Europe/Berlin',
    plannedMinutes: 60,
    links: [{ label: 'Slide deck', url: 'slides.pdf' }],
    sections: [{ title: 'Topics', items: [{ title: 'Release plan' }, { title: 'Docs sprint' }] }],
  });

  const attendeeContext = await browser.newContext({ timezoneId: 'UTC', locale: 'en-GB' });
  const attendee = await attendeeContext.newPage();
  await attendee.goto(`/c/${created.slug}`);
  await expect(attendee.getByTestId('call-start')).toHaveText('Date to be announced');
  await expect(attendee.getByTestId('forecast-pending')).toContainText('once the date is announced');
  // Attendees and scribes get no editor.
  await expect(editorToggle(attendee)).toHaveCount(0);
  const scribe = await attendeeContext.newPage();
  await scribe.goto(created.scribeUrl);
  await expect(scribe.getByText('You are the scribe of this call.')).toBeVisible();
  await expect(editorToggle(scribe)).toHaveCount(0);
  await scribe.close();

  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(created.hostUrl);
  // At phone width the host's panels for the call itself are under People.
  await openTab(page, 'People');
  const setDate = page.getByRole('button', { name: 'Set the date' });
  await expect(setDate).toHaveAttribute('aria-expanded', 'false');
  await setDate.click();
  const form = scheduleForm(page);
  await expect(setDate).toHaveAttribute('aria-expanded', 'true');
  await expect(form.getByLabel(/^Date/)).toBeFocused();
  // The call's own zone is the default; the viewer's is one click away.
  await expect(form.getByLabel(/^Timezone/)).toHaveValue('Europe/Berlin');
  await expect(form.getByRole('button', { name: 'Use my timezone (UTC)' })).toBeVisible();

  // A date without a start time is refused before anything is sent, and the form stays open.
  await form.getByLabel(/^Date/).fill('2031-03-04');
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(form.getByRole('alert')).toHaveText('The date and time were not saved. Fix the problems marked above.');
  await expect(form).toContainText('Add a start time, or clear the date to leave it to be announced.');
  await expect(form.getByLabel(/^Start time/)).toBeFocused();
  await expect(attendee.getByTestId('call-start')).toHaveText('Date to be announced');

  // A documents base URL the server refuses: its message shows beside the field, the form stays open.
  await form.getByLabel(/^Start time/).fill('17:30');
  await form.getByLabel(/^Documents base URL/).fill('ftp://example.org/calls/');
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(form).toContainText('Must start with http:// or https://');
  await expect(form.getByLabel(/^Documents base URL/)).toHaveAttribute('aria-invalid', 'true');
  await expect(attendee.getByTestId('call-start')).toHaveText('Date to be announced');

  await form.getByLabel(/^Documents base URL/).fill('https://example.org/calls/');
  await form.getByLabel(/^Planned length/).fill('45');
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(form).toHaveCount(0);
  const edit = page.getByRole('button', { name: 'Edit date and time' });
  await expect(edit).toBeFocused();
  await expect(page.getByTestId('schedule-status')).toContainText('Saved. The call starts');
  // 17:30 in Berlin in March is 16:30 UTC; the attendee's page follows without a reload.
  for (const viewer of [page, attendee]) {
    await expect(viewer.getByTestId('call-start')).toContainText('16:30');
    await expect(viewer.getByTestId('call-start')).toContainText('(Europe/Berlin)');
    await expect(viewer.getByRole('banner')).toContainText('45 min');
  }
  await expect(attendee.getByTestId('calendar-link')).toHaveAttribute('href', /calendar\.ics$/);
  await expect(attendee.getByTestId('item-forecast')).toHaveCount(2);
  await expect(attendee.getByTestId('item-forecast').first()).toHaveText('~16:30 UTC');
  await expect(attendee.getByRole('link', { name: 'Slide deck' })).toHaveAttribute('href', 'https://example.org/calls/slides.pdf');
  expect((await page.request.get(`/api/calls/${created.slug}/calendar.ics`)).status()).toBe(200);

  // Fixing a wrong timezone keeps the wall-clock time: 17:30 in the viewer's own zone.
  await edit.click();
  await expect(form.getByLabel(/^Date/)).toHaveValue('2031-03-04');
  await expect(form.getByLabel(/^Start time/)).toHaveValue('17:30');
  await form.getByRole('button', { name: 'Use my timezone (UTC)' }).click();
  await expect(form.getByLabel(/^Timezone/)).toHaveValue('UTC');
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(attendee.getByTestId('call-start')).toContainText('17:30');
  await expect(attendee.getByTestId('call-start')).not.toContainText('Europe/Berlin');

  // Escape closes the form without saving; focus goes back to the button that opened it.
  await edit.click();
  await form.getByLabel(/^Planned length/).fill('90');
  await page.keyboard.press('Escape');
  await expect(form).toHaveCount(0);
  await expect(edit).toBeFocused();
  await expect(page.getByRole('banner')).toContainText('45 min');

  // Nothing of the page runs off a phone's screen.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

  await edit.click();
  await form.getByRole('button', { name: 'Clear date' }).click();
  await expect(page.getByRole('button', { name: 'Set the date' })).toBeFocused();
  await expect(page.getByTestId('schedule-status')).toHaveText('Saved. The date is to be announced.');
  await expect(attendee.getByTestId('call-start')).toHaveText('Date to be announced');
  await expect(attendee.getByTestId('calendar-link')).toContainText('Available once the date is announced');
  await expect(attendee.getByRole('banner')).toContainText('45 min');
  expect((await page.request.get(`/api/calls/${created.slug}/calendar.ics`)).status()).toBe(409);
  await attendeeContext.close();
});

test('a call that has ended offers no date editor', async ({ page }) => {
  const created = await createCall(page.request, {
    title: `Past call ${Date.now().toString(36)}`,
    startsAt: '2021-07-13T17:30:00Z',
    minutes: '## Release plan\n\nShipped.\n',
    sections: [{ title: 'Topics', items: [{ title: 'Release plan' }] }],
  });
  await page.goto(created.hostUrl);
  await expect(page.getByText('This call has ended.')).toBeVisible();
  await expect(editorToggle(page)).toHaveCount(0);
});
