import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';

// The seed-shaped Flatcar document (agenda, then `# Call Minutes` and `## Q&A`); its title date has no year, its file name has one.
const seedPath = new URL('../lib/markdown/import/fixtures/seed-flatcar.md', import.meta.url);

test('a host uploads an agenda with its minutes and Q&A, reads the import report, creates the past call, and its record holds what was uploaded', async ({ page }) => {
  const markdown = await readFile(seedPath, 'utf8');
  await page.goto('/new');
  await page.getByLabel('Upload a Markdown document').setInputFiles({ name: '2021-07-13.md', mimeType: 'text/markdown', buffer: Buffer.from(markdown) });
  await expect(page.getByLabel('Markdown document', { exact: true })).toHaveValue(markdown);
  // An uploaded file is read at once; the report is there without pressing "Read the document".

  const report = page.getByTestId('import-report');
  await expect(report.getByRole('heading', { name: 'How “2021-07-13.md” was read' })).toBeVisible();
  await expect(report.getByTestId('report-title')).toHaveText('Flatcar Container Linux community call');
  await expect(report.getByTestId('report-start')).toContainText('2021-07-13 17:30 Europe/Berlin');
  const links = report.getByTestId('report-links');
  const slides = links.getByRole('listitem').filter({ hasText: 'Slide deck' });
  await expect(slides).toContainText('line 4');
  await expect(slides).toContainText('2021-07-13-slides.pdf');
  await expect(slides).toContainText('relative');
  await expect(links.getByRole('listitem').filter({ hasText: 'Youtube live stream link (for passively watching)' })).toContainText('http://www.youtube.com/watch?v=Fgw1Y3k3mhc');
  await expect(report.getByTestId('report-sections')).toContainText('Releases review & planning');
  const review = report.getByTestId('report-item').filter({ hasText: 'Review of the last releases' });
  await expect(review).toContainText('thilo-fromm');
  await expect(review).toContainText('(10 min)');
  await expect(review).toContainText('line 18');
  await expect(report.getByTestId('report-item').filter({ hasText: 'Andy gives an introduction' })).toContainText('Provisioning with Ignition');
  await expect(report.getByTestId('report-minutes')).toContainText('The call started with a short round of introductions');
  const questions = report.getByTestId('report-question');
  await expect(questions).toHaveCount(2);
  await expect(questions.nth(0)).toContainText('Q (Mathieu): Will ARM64 images be promoted to Stable this year?');
  await expect(questions.nth(0)).toContainText('A (Thilo): Yes, the plan is to promote ARM64 to Stable');
  await expect(questions.nth(1)).toContainText('A (Kai): Not directly');
  await expect(report.getByTestId('report-record')).toContainText('past call');
  // The yearless date took its year from the file name, and the report says so with its line.
  await expect(report.getByTestId('import-notices')).toContainText('Line 1:');

  // The form was filled from the same reading; the host adds the documents base URL the relative link needs.
  await expect(page.getByLabel('Title', { exact: true })).toHaveValue('Flatcar Container Linux community call');
  await expect(page.getByLabel('Date')).toHaveValue('2021-07-13');
  await expect(page.getByLabel('Start time')).toHaveValue('17:30');
  await expect(page.getByLabel('Link 1 URL')).toHaveValue('2021-07-13-slides.pdf');
  await page.getByLabel('Documents base URL (optional)').fill('https://github.com/flatcar/Flatcar/raw/main/community-meetings/');
  await expect(slides).toContainText('https://github.com/flatcar/Flatcar/raw/main/community-meetings/2021-07-13-slides.pdf');
  await page.getByRole('button', { name: 'Create the past call' }).click();

  const hostLink = page.getByRole('link', { name: 'Open the call’s host page' });
  await expect(page.getByTestId('public-link').or(hostLink)).toBeVisible();
  if (await hostLink.isVisible()) await hostLink.click();
  const slug = new URL(await page.getByTestId('public-link').inputValue()).pathname.split('/').pop();

  const record = await (await page.request.get(`/api/calls/${slug}/minutes.md`)).text();
  expect(record).toContain('# Agenda for the Flatcar Container Linux community call on Tuesday, July 13, 2021');
  expect(record).toContain('[Slide deck](2021-07-13-slides.pdf)');
  expect(record).toContain('- Review of the last releases (10 min) @thilo-fromm');
  for (const paragraph of markdown.split('# Call Minutes')[1]!.split('## Q&A')[0]!.split('\n\n').map((each) => each.trim()).filter(Boolean)) {
    expect(record).toContain(paragraph);
  }
  expect(record).toContain('Mathieu');
  expect(record).toContain('Will ARM64 images be promoted to Stable this year?');
  expect(record).toContain('Thilo');
  expect(record).toContain('Yes, the plan is to promote ARM64 to Stable with the next major release once the remaining test failures are fixed.');
  expect(record).toContain('Is there a way to pin a specific kernel version?');
  expect(record).toContain('Kai');
  expect(record).toContain('Not directly; you can hold back updates with the update strategy and test new releases in a canary group first.');
});

// A pasted agenda whose title line has no year: the year is inferred from the weekday, with a notice; a link without a URL is kept as a notice.
const agenda = `# Agenda for the Jenkins 🎩 community call on Thursday, December 3, 17:30 CET

Monthly call, everyone welcome.

## Links for participants
- [Slides](https://example.org/slides)
- Recording: TBD

## 👋 Welcome
- Intro round (5 min)
  - new faces first
- NEW: contributor summit (10 min) @Kai

## Spotlight: release process

## Q&A
- Open floor @ada
`;

test('a host pastes a Markdown agenda, checks the notices, creates the call and exports it again', async ({ page }) => {
  await page.goto('/new');
  await page.getByLabel('Markdown document', { exact: true }).fill(agenda);
  await page.getByRole('button', { name: 'Read the document' }).click();

  const notices = page.getByTestId('import-notices');
  await expect(notices).toContainText('Line 1:');
  await expect(notices).toContainText('Line 7:');
  await expect(page.getByRole('alert').filter({ hasText: 'could not be read' })).toHaveCount(0);
  await expect(page.getByLabel('Title', { exact: true })).toHaveValue('Jenkins 🎩 community call');
  await expect(page.getByLabel('Description (optional)')).toHaveValue(/^Monthly call, everyone welcome\./);
  await expect(page.getByLabel('Timezone')).toHaveValue('Europe/Berlin');
  await expect(page.getByLabel('Start time')).toHaveValue('17:30');
  const date = await page.getByLabel('Date').inputValue();
  expect(date).toMatch(/^\d{4}-12-03$/);
  expect(new Date(`${date}T12:00:00Z`).getUTCDay()).toBe(4); // the inferred year makes December 3 a Thursday
  await expect(page.getByLabel('Link 1 URL')).toHaveValue('https://example.org/slides');
  await expect(page.getByLabel('Section 1 title')).toHaveValue('👋 Welcome');
  await expect(page.getByLabel('Section 1 item 1 title')).toHaveValue('Intro round');
  await expect(page.getByLabel('Section 1 item 1 planned minutes')).toHaveValue('5');
  await expect(page.getByLabel('Section 1 item 1 notes')).toHaveValue('- new faces first'); // nested lines are kept as Markdown
  await expect(page.getByLabel('Section 1 item 2 presenter')).toHaveValue('Kai');
  await expect(page.getByLabel('Section 2 title')).toHaveValue('Spotlight: release process');

  await page.getByLabel('Date').fill('2026-12-03');
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
  // The link without a URL was kept as text, not refused and not lost.
  expect(markdown).toContain('Recording: TBD');
  expect(markdown).toContain('## 👋 Welcome\n\n- Intro round (5 min)\n\n  - new faces first\n- NEW: contributor summit (10 min) @Kai');
  expect(markdown).toContain('## Spotlight: release process\n\n## Q&A\n\n- Open floor @ada');
});

test('a document without a date creates a call whose date is to be announced', async ({ page }) => {
  await page.goto('/new');
  await page.getByLabel('Markdown document', { exact: true }).fill('# Kubernetes SIG Docs planning\n\n## Topics\n- Localization roadmap\n');
  await page.getByRole('button', { name: 'Read the document' }).click();
  await expect(page.getByTestId('report-start')).toContainText('Date to be announced');
  await expect(page.getByLabel('Date')).toHaveValue('');
  await page.getByRole('button', { name: 'Create call' }).click();
  await expect(page.getByTestId('public-link')).toBeVisible();
  const slug = new URL(await page.getByTestId('public-link').inputValue()).pathname.split('/').pop();
  const { call } = (await (await page.request.get(`/api/calls/${slug}`)).json()) as { call: { startsAt: string | null } };
  expect(call.startsAt).toBeNull();
});

test('a binary file is refused with a clear message before anything is read', async ({ page }) => {
  await page.goto('/new');
  await page.getByLabel('Upload a Markdown document').setInputFiles({ name: 'slides.md', mimeType: 'text/markdown', buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x0d, 0x0a, 0xff]) });
  await expect(page.getByRole('alert').filter({ hasText: 'could not be read' })).toContainText('“slides.md”: The file is binary');
  await expect(page.getByLabel('Markdown document', { exact: true })).toHaveValue('');
});
