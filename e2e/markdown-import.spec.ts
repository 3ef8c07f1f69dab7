import { expect, test } from '@playwright/test';

// A pasted agenda whose title line has no year: the date must stay empty and be asked for, not guessed.
const agenda = `# Agenda for the Jenkins 🎩 community call on Thursday, December 3, 17:30 CET

Monthly call, everyone welcome.

## Links for participants
- [Slides](https://example.org/slides)

## 👋 Welcome
- Intro round (5 min)
  - new faces first
- NEW: contributor summit (10 min) @Kai

## Spotlight: release process

## Q&A
- Open floor @ada
`;

test('a host pastes a Markdown agenda, fills what it lacks, creates the call and exports it again', async ({ page }) => {
  await page.goto('/new');
  await page.getByLabel('Markdown agenda').fill(agenda);
  await page.getByRole('button', { name: 'Fill the form' }).click();

  await expect(page.getByRole('status').filter({ hasText: 'has no year' })).toContainText('Line 1:');
  await expect(page.getByLabel('Title', { exact: true })).toHaveValue('Jenkins 🎩 community call');
  await expect(page.getByLabel('Description (optional)')).toHaveValue('Monthly call, everyone welcome.');
  await expect(page.getByLabel('Timezone')).toHaveValue('Europe/Berlin');
  await expect(page.getByLabel('Start time')).toHaveValue('');
  await expect(page.getByLabel('Date')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByLabel('Link 1 URL')).toHaveValue('https://example.org/slides');
  await expect(page.getByLabel('Section 1 title')).toHaveValue('👋 Welcome');
  await expect(page.getByLabel('Section 1 item 1 title')).toHaveValue('Intro round');
  await expect(page.getByLabel('Section 1 item 1 planned minutes')).toHaveValue('5');
  await expect(page.getByLabel('Section 1 item 1 notes')).toHaveValue('new faces first');
  await expect(page.getByLabel('Section 1 item 2 presenter')).toHaveValue('Kai');
  await expect(page.getByLabel('Section 2 title')).toHaveValue('Spotlight: release process');

  await page.getByLabel('Date').fill('2026-12-03');
  await page.getByLabel('Start time').fill('17:30');
  await expect(page.getByLabel('Date')).not.toHaveAttribute('aria-invalid', 'true');
  await page.getByRole('button', { name: 'Create call' }).click();

  await expect(page.getByTestId('public-link')).toBeVisible();
  const titles = page.getByTestId('agenda-item');
  await expect(titles).toHaveCount(3);
  await expect(titles.nth(0)).toContainText('Intro round');
  await expect(titles.nth(1)).toContainText('NEW: contributor summit');
  await expect(titles.nth(2)).toContainText('Open floor');
  await expect(page.getByRole('heading', { name: 'Spotlight: release process' })).toBeVisible();

  const slug = new URL(await page.getByTestId('public-link').inputValue()).pathname.split('/').pop();
  const exported = await page.request.get(`/api/calls/${slug}/agenda.md`);
  expect(exported.headers()['content-type']).toBe('text/markdown; charset=utf-8');
  const markdown = await exported.text();
  expect(markdown).toContain('# Agenda for the Jenkins 🎩 community call on Thursday, December 3, 2026, 17:30–18:30 CET');
  expect(markdown).toContain('- [Slides](https://example.org/slides)');
  expect(markdown).toContain('## 👋 Welcome\n\n- Intro round (5 min)\n  - new faces first\n- NEW: contributor summit (10 min) @Kai');
  expect(markdown).toContain('## Spotlight: release process\n\n## Q&A\n\n- Open floor @ada');
});

test('an agenda that cannot be read says which line is wrong', async ({ page }) => {
  await page.goto('/new');
  await page.getByLabel('Markdown agenda').fill('# Call on 2026-12-03 17:30 UTC\n## Links for participants\n- Slides: TBD\n');
  await page.getByRole('button', { name: 'Fill the form' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'could not be read' })).toContainText('Line 3: The link “Slides: TBD” has no URL');
  await expect(page.getByLabel('Title', { exact: true })).toHaveValue('');
});
