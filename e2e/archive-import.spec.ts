import { expect, test, type Page } from '@playwright/test';
import { strToU8, zipSync } from 'fflate';
import { closeOtherContextsAfterEach } from './support/close-contexts';

closeOtherContextsAfterEach(test);

const call = (title: string, when: string, minutes: string) => `# ${title}

**Date:** ${when}

## Agenda
- Welcome and introductions (5m)
- Roadmap review (20m, @lin)

# Minutes

${minutes}
`;

const looseFiles = [
  { name: '2023-01-10.md', body: call('Archive SIG call January', 'Tuesday, January 10, 2023, 17:00 UTC', 'Lin presented the roadmap for the spring.') },
  { name: '2023-02-14.md', body: call('Archive SIG call February', 'Tuesday, February 14, 2023, 17:00 UTC', 'The group agreed on a new release checklist.') },
];

const zipped = zipSync({
  '2023/2023-03-14.md': strToU8(call('Archive SIG call March', 'Tuesday, March 14, 2023, 17:00 UTC', 'Two new maintainers were welcomed.')),
  // Latin-1 bytes: not UTF-8, so the browser lists it as failed and goes on with the rest.
  '2023/2023-04-11.md': Uint8Array.from([0x23, 0x20, 0x43, 0x61, 0x66, 0xe9, 0x20, 0x63, 0x61, 0x6c, 0x6c, 0x0a]),
  '2023/2023-05-09.md': strToU8(call('Archive SIG call May', 'Tuesday, May 9, 2023, 17:00 UTC', 'The spring release shipped on time.')),
  'README.png': Uint8Array.from([0x89, 0x50, 0x4e, 0x47]),
});

async function showAllPastCalls(page: Page) {
  const past = page.getByRole('region', { name: 'Past' });
  const more = past.getByRole('button', { name: /Load more/ });
  for (let attempt = 0; attempt < 10 && (await more.isVisible()); attempt += 1) await more.click();
  return past;
}

test('several Markdown files and a .zip import as the past calls of one series, with a progress bar and a result per file', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/new');
  await page.getByRole('link', { name: 'Import past calls' }).click();
  await expect(page).toHaveURL(/\/new\/archive$/);

  await page.getByLabel('Files or a .zip archive').setInputFiles([
    ...looseFiles.map((file) => ({ name: file.name, mimeType: 'text/markdown', buffer: Buffer.from(file.body) })),
    { name: 'archive-2023.zip', mimeType: 'application/zip', buffer: Buffer.from(zipped) },
  ]);
  await page.getByRole('button', { name: 'Import past calls' }).click();

  const progress = page.getByRole('progressbar', { name: 'Import progress' });
  await expect(progress).toHaveAttribute('aria-valuemax', '5');
  await expect(page.getByRole('status').filter({ hasText: 'Import finished' })).toHaveText('Import finished: 4 of 5 files created as past calls, 1 failed.', { timeout: 30_000 });
  await expect(progress).toHaveAttribute('aria-valuenow', '5');
  await expect(page.getByTestId('archive-progress-text')).toHaveText('5 of 5');

  const results = page.getByTestId('archive-result');
  await expect(results).toHaveCount(5);
  // In file-name order, paths inside the .zip kept as the file names.
  await expect(results.nth(0)).toContainText('2023-01-10.md');
  await expect(results.nth(2)).toContainText('2023/2023-03-14.md');
  await expect(results.nth(3)).toContainText('2023/2023-04-11.md');
  await expect(results.nth(3)).toHaveAttribute('data-status', 'failed');
  await expect(results.nth(3)).toContainText('not UTF-8');
  for (const [index, title] of [
    [0, 'Archive SIG call January'],
    [1, 'Archive SIG call February'],
    [2, 'Archive SIG call March'],
    [4, 'Archive SIG call May'],
  ] as const) {
    await expect(results.nth(index)).toHaveAttribute('data-status', 'created');
    await expect(results.nth(index).getByRole('link', { name: title })).toHaveAttribute('href', /^\/c\/[a-z0-9]+#key=/);
    await expect(results.nth(index)).not.toContainText(/to be announced/i);
  }

  const hostPath = await results.nth(2).getByRole('link', { name: 'Archive SIG call March' }).getAttribute('href');
  const slug = hostPath!.split('#')[0]!.split('/').pop();
  const record = await (await page.request.get(`/api/calls/${slug}/minutes.md`)).text();
  expect(record).toContain('Two new maintainers were welcomed.');

  await page.goto('/calls');
  const past = await showAllPastCalls(page);
  for (const title of ['Archive SIG call January', 'Archive SIG call February', 'Archive SIG call March', 'Archive SIG call May']) {
    await expect(past.getByTestId('call-summary').filter({ hasText: title })).toContainText('Ended');
  }
  await expect(page.getByRole('region', { name: 'Upcoming' }).getByText('Archive SIG call')).toHaveCount(0);
});

test('an archive import is keyboard-operable and announces its end', async ({ page }) => {
  await page.goto('/new/archive');
  const input = page.getByLabel('Files or a .zip archive');
  await input.setInputFiles({ name: 'notes.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4') });
  const button = page.getByRole('button', { name: 'Import past calls' });
  await button.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: 'Import finished' })).toHaveText('Import finished: 0 of 1 file created as past calls, 1 failed.');
  await expect(page.getByTestId('archive-result')).toContainText('Only .md, .markdown, .txt and .zip files can be imported.');
});
