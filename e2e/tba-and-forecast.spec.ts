import { expect, test, type APIRequestContext } from '@playwright/test';

// Times read in UTC, 24-hour clock, so the expected forecast can be written down.
test.use({ timezoneId: 'UTC', locale: 'en-GB' });

async function createCall(request: APIRequestContext, body: Record<string, unknown>): Promise<{ slug: string; hostUrl: string; publicUrl: string }> {
  const response = await request.post('/api/calls', { data: body });
  expect(response.status()).toBe(201);
  const created: unknown = await response.json();
  if (typeof created !== 'object' || created === null || !('slug' in created) || !('hostUrl' in created) || !('publicUrl' in created)) {
    throw new Error('Not a created call');
  }
  const { slug, hostUrl, publicUrl } = created;
  if (typeof slug !== 'string' || typeof hostUrl !== 'string' || typeof publicUrl !== 'string') throw new Error('Not a created call');
  return { slug, hostUrl, publicUrl };
}

// An agenda as most communities write it: topics without durations.
const sections = [
  { title: 'Welcome', items: [{ title: 'Intro round' }, { title: 'Announcements' }] },
  { title: 'Topics', items: [{ title: 'Release plan' }, { title: 'Docs sprint' }, { title: 'CI costs' }, { title: 'Open floor' }] },
];

test('a call without a date says “to be announced” on its page and in the calls list, and forecasts once it starts', async ({ page }) => {
  const suffix = Date.now().toString(36);
  const title = `Undated call ${suffix}`;
  const { slug, hostUrl } = await createCall(page.request, {
    title,
    plannedMinutes: 60,
    links: [{ label: 'Slide deck', url: '2021-07-13-slides.pdf' }],
    sections,
  });

  await page.goto(`/c/${slug}`);
  await expect(page.getByRole('heading', { name: title })).toBeVisible();
  await expect(page.getByTestId('call-start')).toHaveText('Date to be announced');
  await expect(page.getByTestId('item-forecast')).toHaveCount(0);
  await expect(page.getByTestId('forecast-pending')).toContainText('once the date is announced');
  // No calendar file exists for an undated call: the link is disabled, not a download that fails.
  await expect(page.getByTestId('calendar-link')).toContainText('Available once the date is announced');
  await expect(page.getByRole('link', { name: /Add to calendar/ })).toHaveAttribute('aria-disabled', 'true');
  expect((await page.request.get(`/api/calls/${slug}/calendar.ics`)).status()).toBe(409);
  // The relative link has nothing to resolve against: its path shows as text, not as a broken link.
  const unresolved = page.getByTestId('unresolved-link');
  await expect(unresolved).toContainText('Slide deck');
  await expect(unresolved).toContainText('2021-07-13-slides.pdf');
  await expect(unresolved).toHaveAttribute('title', /documents base URL/);
  await expect(page.getByRole('link', { name: 'Slide deck' })).toHaveCount(0);

  await page.goto('/calls');
  const listed = page.getByRole('region', { name: 'Upcoming' }).getByTestId('call-summary').filter({ hasText: title });
  await expect(listed).toHaveCount(1);
  await expect(listed).toContainText('Date to be announced');

  await page.goto(`/c/${slug}/present`);
  await expect(page.getByRole('heading', { name: 'Date to be announced' })).toBeVisible();

  // Once the host starts it, the forecast counts from the real start: six items share the 60 minutes.
  await page.goto(hostUrl);
  await expect(page.getByText('Leave empty if the date is to be announced.')).toBeVisible();
  await page.getByRole('button', { name: 'Start the call' }).click();
  await expect(page.getByTestId('call-start')).toContainText('Started');
  await expect(page.getByTestId('item-forecast')).toHaveCount(5);
  await expect(page.getByTestId('forecast-end')).toContainText('Expected to end at');
});

test('items without durations are forecast evenly to the planned end, and relative links open from the documents base URL', async ({ page }) => {
  const suffix = Date.now().toString(36);
  const { publicUrl } = await createCall(page.request, {
    title: `Dated call ${suffix}`,
    startsAt: '2031-07-02T17:30:00Z',
    plannedMinutes: 60,
    documentsBaseUrl: 'https://example.org/calls/',
    links: [{ label: 'Slide deck', url: '2021-07-13-slides.pdf' }],
    sections,
  });

  await page.goto(new URL(publicUrl).pathname);
  await expect(page.getByTestId('call-start')).toContainText('17:30');
  await expect(page.getByTestId('item-forecast')).toHaveText(['~17:30 UTC', '~17:40 UTC', '~17:50 UTC', '~18:00 UTC', '~18:10 UTC', '~18:20 UTC']);
  await expect(page.getByTestId('forecast-end')).toContainText('Expected to end at 18:30 UTC');
  await expect(page.getByTestId('agenda-item').filter({ hasText: 'Release plan' })).toContainText('~10 min');
  await expect(page.getByRole('link', { name: 'Slide deck' })).toHaveAttribute('href', 'https://example.org/calls/2021-07-13-slides.pdf');
  await expect(page.getByTestId('calendar-link')).toHaveAttribute('href', /calendar\.ics$/);
});

test('relative links in a past call’s minutes open from the documents base URL, or show their path when there is none', async ({ page }) => {
  const suffix = Date.now().toString(36);
  const minutes = '## Release plan\n\nSee the [slide deck](2021-07-13-slides.pdf) and [the tracker](https://example.org/issues).\n';
  const withBase = await createCall(page.request, { title: `Past call ${suffix}`, startsAt: '2021-07-13T17:30:00+02:00', documentsBaseUrl: 'https://example.org/calls', minutes, sections });
  // A past call from a document without a date: nothing is to be announced any more, the date is just unknown.
  const withoutBase = await createCall(page.request, { title: `Past call without base ${suffix}`, minutes, sections });

  await page.goto(`/c/${withBase.slug}`);
  const rendered = page.getByTestId('minutes-rendered');
  await expect(rendered.getByRole('link', { name: 'slide deck' })).toHaveAttribute('href', 'https://example.org/calls/2021-07-13-slides.pdf');
  await expect(rendered.getByRole('link', { name: 'the tracker' })).toHaveAttribute('href', 'https://example.org/issues');

  await page.goto(`/c/${withoutBase.slug}`);
  await expect(page.getByTestId('call-start')).toHaveText('Date not recorded');
  await expect(rendered.getByRole('link', { name: 'the tracker' })).toBeVisible();
  await expect(rendered.getByRole('link', { name: 'slide deck' })).toHaveCount(0);
  await expect(rendered.getByTestId('unresolved-link')).toHaveText('slide deck (2021-07-13-slides.pdf)');
  await expect(rendered.getByTestId('unresolved-link')).toHaveAttribute('title', /documents base URL/);
});
