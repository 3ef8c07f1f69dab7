import { readFile } from 'node:fs/promises';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { ask, checkIn, createCall, openPoll } from './support/calls';
import { closeOtherContextsAfterEach } from './support/close-contexts';
import { tabBar } from './support/tabs';

closeOtherContextsAfterEach(test);

/**
 * axe-core on every page and state that matters, in light and dark mode, at phone and laptop sizes: no violation
 * of impact serious or critical. On a phone the call page shows one tab at a time, so each of its tabs is checked.
 */
const SIZES = { phone: { width: 412, height: 915 }, laptop: { width: 1280, height: 800 } } as const;
const THEMES = ['light', 'dark'] as const;
type Theme = (typeof THEMES)[number];
type Size = keyof typeof SIZES;

const agendaPath = new URL('../../shared/corpus/flatcar-2.md', import.meta.url);

async function violationsOf(page: Page, label: string): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${label}: ${violation.id} (${violation.impact}): ${violation.help} — ${violation.nodes
      .slice(0, 3)
      .map((node) => `${node.target.join(' ')} ${node.failureSummary?.split('\n')[1]?.trim() ?? ''}`)
      .join(' | ')}`);
}

/** Checks the page as it is, and on a phone-sized call page each of its tabs in turn. */
async function audit(page: Page, label: string, found: string[]) {
  const bar = tabBar(page);
  if (!(await bar.isVisible())) return void found.push(...(await violationsOf(page, label)));
  for (const tab of await bar.getByRole('button').all()) {
    const name = (await tab.getAttribute('aria-label')) ?? (await tab.innerText());
    await tab.click();
    await expect(tab).toHaveAttribute('aria-current', 'page');
    found.push(...(await violationsOf(page, `${label} [${name}]`)));
  }
}

async function open(browser: Browser, size: Size, theme: Theme, path: string) {
  const context = await browser.newContext({ viewport: SIZES[size], colorScheme: theme });
  const page = await context.newPage();
  await page.goto(path);
  return page;
}

for (const size of Object.keys(SIZES) as Size[]) {
  for (const theme of THEMES) {
    test(`${size}, ${theme}: home, plan form with its import report, calls list`, async ({ browser }) => {
      const found: string[] = [];
      const page = await open(browser, size, theme, '/');
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      await audit(page, 'home', found);

      await page.goto('/new');
      const markdown = await readFile(agendaPath, 'utf8');
      await page.getByLabel('Upload a Markdown document').setInputFiles({ name: 'flatcar-2.md', mimeType: 'text/markdown', buffer: Buffer.from(markdown) });
      await expect(page.getByTestId('import-report')).toBeVisible();
      await audit(page, 'plan form with import report', found);

      await page.goto('/calls');
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      await audit(page, 'calls list', found);
      expect(found).toEqual([]);
    });

    test(`${size}, ${theme}: past calls and a series archive imported with their results, and the series page`, async ({ browser }) => {
      const found: string[] = [];
      const page = await open(browser, size, theme, '/new/archive');
      const markdown = await readFile(agendaPath);
      await page.getByLabel('Files or a .zip archive').setInputFiles([
        { name: 'flatcar-2.md', mimeType: 'text/markdown', buffer: markdown },
        { name: 'notes.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4') },
      ]);
      await page.getByRole('button', { name: 'Import past calls' }).click();
      await expect(page.getByRole('status').filter({ hasText: 'Import finished' })).toContainText('1 failed', { timeout: 30_000 });

      // A call's own archive (its host downloads it), imported back as a new series.
      const { slug, hostPath } = await createCall(page, { title: 'Archived SIG call', startsAt: '2024-03-12T17:00', timezone: 'Europe/Berlin', sections: [{ title: 'Welcome', items: [{ title: 'Intro' }] }] });
      const archive = await page.request.get(`/api/calls/${slug}/export`, { headers: { authorization: `Bearer ${hostPath.split('#key=')[1]}` } });
      expect(archive.status()).toBe(200);
      await page.getByLabel('Roundtable archive (.zip)').setInputFiles({ name: 'archived-sig-call.zip', mimeType: 'application/zip', buffer: await archive.body() });
      await page.getByRole('button', { name: 'Import the series' }).click();
      await expect(page.getByRole('status').filter({ hasText: 'Imported' })).toHaveText('Imported 1 call as a new series.', { timeout: 30_000 });
      await audit(page, 'past-call import and series import with their results', found);

      await page.getByRole('link', { name: 'series page' }).click();
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Archived SIG call');
      await audit(page, 'series page', found);
      expect(found).toEqual([]);
    });

    test(`${size}, ${theme}: the call page before and during the call as attendee, scribe and host, and the projector`, async ({ browser }) => {
      // On a phone every tab of six pages is checked: three to four minutes on a 2-core machine.
      test.setTimeout(600_000);
      const found: string[] = [];
      // The host drives the call from a laptop of their own; the pages under test only watch (and the attendee asks).
      const driver = await (await browser.newContext({ viewport: SIZES.laptop })).newPage();
      const { slug, hostPath, publicPath, scribePath } = await createCall(driver, {
        title: 'Accessibility community call',
        startsAt: '2031-03-04T17:30',
        timezone: 'Europe/Berlin',
        links: [{ label: 'Slides', url: 'https://example.org/slides' }],
        sections: [
          { title: 'Welcome', items: [{ title: 'Introductions', plannedMinutes: 5 }] },
          { title: 'Q&A', items: [{ title: 'Open floor', plannedMinutes: 20 }] },
        ],
      });
      await driver.goto(hostPath);
      await checkIn(driver, 'Kai');

      const attendee = await open(browser, size, theme, publicPath);
      await expect(attendee.getByRole('heading', { level: 1 })).toHaveText('Accessibility community call');
      await audit(attendee, 'attendee before check-in', found);
      await checkIn(attendee, 'Ada');
      const scribe = await open(browser, size, theme, scribePath);
      await checkIn(scribe, 'Grace');
      const host = await open(browser, size, theme, hostPath);
      for (const [page, role] of [[attendee, 'attendee'], [scribe, 'scribe'], [host, 'host']] as const) await audit(page, `${role} before the call`, found);

      await driver.getByRole('button', { name: 'Start the call' }).click();
      await expect(attendee.getByTestId('call-status')).toHaveText('Live');
      await driver.getByRole('button', { name: 'Start intro round' }).click();
      await expect(attendee.getByTestId('intro-current')).toHaveCount(1);
      // A question (asked through the driver so the page under test keeps its state), pinned; a poll, open.
      await ask(driver, 'When does the ARM64 image go stable?');
      await driver.getByRole('button', { name: 'Pin as answering now' }).click();
      await openPoll(driver, 'Next call in two weeks?', ['Yes', 'No']);
      await expect(attendee.getByTestId('poll')).toHaveCount(1);
      await expect(scribe.getByTestId('minutes-status')).toHaveText('Saved live', { timeout: 20_000 });
      for (const [page, role] of [[attendee, 'attendee'], [scribe, 'scribe'], [host, 'host']] as const) await audit(page, `${role} during the call`, found);

      const projector = await open(browser, size, theme, `/c/${slug}/present`);
      await expect(projector.getByText('Next call in two weeks?')).toBeVisible();
      await audit(projector, 'projector', found);
      await projector.goto('/calls');
      await expect(projector.getByText('Accessibility community call').first()).toBeVisible();
      await audit(projector, 'calls list with a live call', found);
      expect(found).toEqual([]);
    });
  }
}

