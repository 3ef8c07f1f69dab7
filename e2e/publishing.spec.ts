import { expect, test } from '@playwright/test';
import { git, startGitHttpServer } from '../server/testing/git-http-server';
import { createCall } from './support/calls';
import { openTab } from './support/tabs';

const TOKEN = 'e2e-token-7c1d0a';
let gitServer: Awaited<ReturnType<typeof startGitHttpServer>>;

test.beforeAll(async () => {
  gitServer = await startGitHttpServer({ token: TOKEN });
});
test.afterAll(async () => {
  await gitServer?.close();
});

test('the host sets up publishing, ends the call, publishes, and sees the commit and the pull request link', async ({ page }) => {
  const repository = await gitServer.createRepository('flatcar/community');
  const { hostPath } = await createCall(page, {
    title: 'Flatcar community call',
    startsAt: '2031-07-13T17:30',
    timezone: 'Europe/Berlin',
    sections: [{ title: 'News', items: [{ title: 'Release 4012', plannedMinutes: 10 }] }],
  });
  await page.goto(hostPath);
  const panel = page.locator('section').filter({ has: page.getByRole('heading', { name: 'Publishing', exact: true }) });
  await expect(panel.getByRole('button', { name: 'Publish minutes' })).toBeDisabled();

  // A mistake is shown beside its field, and nothing is saved.
  const form = panel.getByRole('form', { name: 'Publishing settings' });
  await form.getByLabel('Repository URL').fill('ftp://example.org/community');
  await form.getByRole('button', { name: 'Save publishing settings' }).click();
  await expect(form.getByLabel('Repository URL')).toHaveAttribute('aria-invalid', 'true');
  await expect(form.getByLabel('Repository URL')).toBeFocused();

  await form.getByLabel('Repository URL').fill(repository);
  await form.getByLabel('Commit author name').fill('Flatcar bot');
  await form.getByLabel('Commit author e-mail').fill('bot@flatcar.org');
  // The test Git server on 127.0.0.1 stands for a self-hosted Gitea.
  await form.getByLabel('Pull request pages').selectOption('gitea');
  await form.getByLabel('Access token').fill(TOKEN);
  await form.getByRole('button', { name: 'Save publishing settings' }).click();
  await expect(panel.getByTestId('publishing-summary')).toContainText('community-meetings/2031-07-13.md');
  await expect(panel.getByText('No access token stored.')).toHaveCount(0);
  // The token never comes back to the page.
  expect(await page.content()).not.toContain(TOKEN);

  await page.getByRole('button', { name: 'Start the call' }).click();
  await page.getByRole('button', { name: 'End the call' }).click();
  await expect(page.getByText('This call has ended.')).toBeVisible();
  // A call that took place is filed under the day it started, in its own timezone.
  const heldOn = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin' }).format(new Date());
  await expect(panel.getByTestId('publishing-summary')).toContainText(`community-meetings/${heldOn}.md`);

  await panel.getByRole('button', { name: 'Publish minutes' }).click();
  const result = panel.getByTestId('publish-result');
  await expect(result).toContainText(`to roundtable/${heldOn}-`);
  const web = repository.replace(/\.git$/, '');
  const pullRequest = result.getByRole('link', { name: /Open a pull request/ });
  await expect(pullRequest).toHaveAttribute('href', new RegExp(`^${web}/compare/main\\.\\.\\.roundtable%2F${heldOn}-`));
  await expect(panel.getByTestId('last-publication')).toContainText(`community-meetings/${heldOn}.md`);

  // The commit is in the repository, on its branch: the page names it and links to it on the (Gitea-style) host.
  const branch = (await result.locator('code').nth(1).textContent())!;
  const { stdout } = await git(['ls-remote', repository.replace('http://', `http://x:${TOKEN}@`), branch]);
  const commit = stdout.split('\t')[0]!;
  const commitLink = result.getByRole('link', { name: /the commit/ });
  await expect(commitLink).toHaveAttribute('href', `${web}/commit/${commit}`);
  await expect(commitLink).toContainText(commit.slice(0, 7));

  // Publishing again changes nothing when the record did not change.
  await panel.getByRole('button', { name: 'Publish minutes' }).click();
  await expect(result).toContainText('Nothing new to publish');

  // On a phone the panel fits the screen.
  await page.setViewportSize({ width: 390, height: 844 });
  await openTab(page, 'People');
  await panel.scrollIntoViewIfNeeded();
  expect(await panel.evaluate((element) => element.scrollWidth <= element.clientWidth)).toBe(true);
});
