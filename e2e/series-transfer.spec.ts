import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { createCall } from './support/calls';
import { closeOtherContextsAfterEach } from './support/close-contexts';

closeOtherContextsAfterEach(test);

const pastCall = {
  title: 'Grüße SIG call',
  startsAt: '2024-03-12T17:00',
  timezone: 'Europe/Berlin',
  sections: [{ title: 'Welcome', items: [{ title: 'Intro round' }] }],
  minutes: '## Release\n\nWe agreed on a monthly cadence.\n\n- [ ] @lin Write the release notes\n',
  questions: [{ text: 'Who reviews the docs?', authorName: 'Ada', answer: 'Lin does.', answeredBy: 'Lin', isAnswered: true }],
  attendees: [{ displayName: 'Lin', affiliation: 'Zürich Uni' }, { displayName: 'Ada' }],
};

test('a host downloads the series archive and imports it back as a new series, keyboard only', async ({ page }) => {
  const first = await createCall(page, pastCall);
  const hostKey = first.hostPath.split('#key=')[1]!;
  const next = await page.request.post(`/api/calls?seriesOf=${first.slug}`, {
    headers: { authorization: `Bearer ${hostKey}` },
    data: { ...pastCall, title: 'Grüße SIG call, April', startsAt: '2024-04-09T17:00' },
  });
  expect(next.status()).toBe(201);

  await page.goto(first.hostPath);
  const downloadButton = page.getByRole('button', { name: /^Download archive/ });
  await downloadButton.focus();
  const downloading = page.waitForEvent('download');
  await page.keyboard.press('Enter');
  const download = await downloading;
  expect(download.suggestedFilename()).toBe('Grüße SIG call-roundtable.zip');
  await expect(page.getByRole('status').filter({ hasText: 'Archive downloaded' })).toBeVisible();
  const archive = await readFile((await download.path())!);

  await page.goto('/new/archive');
  await page.getByLabel('Roundtable archive (.zip)').setInputFiles({ name: download.suggestedFilename(), mimeType: 'application/zip', buffer: archive });
  await page.getByRole('button', { name: 'Import the series' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: 'Imported' })).toHaveText('Imported 2 calls as a new series.', { timeout: 30_000 });
  const calls = page.getByTestId('imported-call');
  await expect(calls).toHaveCount(2);
  const hostLink = calls.nth(0).getByRole('link', { name: /Grüße SIG call/ });
  const importedHostPath = await hostLink.getAttribute('href');
  expect(importedHostPath).toMatch(/^\/c\/[a-z0-9]+#key=/);
  const importedSlug = importedHostPath!.split('#')[0]!.split('/').pop();
  expect(importedSlug).not.toBe(first.slug);
  const [before, after] = await Promise.all([page.request.get(`/api/calls/${first.slug}/minutes.md`), page.request.get(`/api/calls/${importedSlug}/minutes.md`)]);
  expect(await after.text()).toBe(await before.text());

  // A broken archive is refused with the reason shown.
  await page.getByLabel('Roundtable archive (.zip)').setInputFiles({ name: 'broken.zip', mimeType: 'application/zip', buffer: Buffer.from('not a zip') });
  await page.getByRole('button', { name: 'Import the series' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'could not be imported' })).toContainText('Not a .zip file');
});
