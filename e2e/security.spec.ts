import { expect, test, type Page } from '@playwright/test';
import { closeOtherContextsAfterEach } from './support/close-contexts';

closeOtherContextsAfterEach(test);

/** Collects every console message and page error that mentions the Content Security Policy. */
function watchForCspViolations(page: Page): string[] {
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content.Security.Policy|CSP/i.test(message.text())) violations.push(message.text());
  });
  page.on('pageerror', (error) => {
    if (/Content.Security.Policy|CSP/i.test(error.message)) violations.push(error.message);
  });
  return violations;
}

test('every page runs under a nonce-based CSP without violations', async ({ browser, page: host, request }) => {
  const hostViolations = watchForCspViolations(host);
  const created = await request.post('/api/calls', {
    data: {
      title: 'CSP check',
      startsAt: '2026-12-03T17:30',
      timezone: 'Europe/Berlin',
      plannedMinutes: 30,
      sections: [{ title: 'Welcome', items: [{ title: 'Intro round' }, { title: 'Demo' }] }],
    },
  });
  expect(created.status()).toBe(201);
  const { publicUrl, hostUrl, scribeUrl } = (await created.json()) as { publicUrl: string; hostUrl: string; scribeUrl: string };

  const response = await host.goto(hostUrl);
  const policy = response?.headers()['content-security-policy'] ?? '';
  expect(policy).toMatch(/script-src 'self' 'nonce-[\w+/=-]+'/);
  expect(policy).toContain("frame-ancestors 'none'");
  expect(/script-src[^;]*/.exec(policy)?.[0]).not.toContain('unsafe-inline');
  await host.getByRole('button', { name: 'Start the call' }).click();
  await expect(host.getByTestId('call-status')).toHaveText('Live');

  const attendeeContext = await browser.newContext();
  const attendee = await attendeeContext.newPage();
  const attendeeViolations = watchForCspViolations(attendee);
  await attendee.goto(publicUrl);
  await attendee.getByLabel('Display name').fill('Ada');
  await attendee.getByRole('button', { name: 'Check in', exact: true }).click();
  await expect(attendee.getByTestId('checked-in-as')).toHaveText('Ada');
  await expect(attendee.getByTestId('call-status')).toHaveText('Live');

  const scribeContext = await browser.newContext();
  const scribe = await scribeContext.newPage();
  const scribeViolations = watchForCspViolations(scribe);
  await scribe.goto(scribeUrl);
  await expect(scribe.getByTestId('call-status')).toHaveText('Live');

  for (const path of ['/', '/new', '/calls', `${new URL(publicUrl).pathname}/present`]) {
    await attendee.goto(path);
    await expect(attendee.locator('body')).not.toBeEmpty();
  }
  await attendee.waitForTimeout(500);
  expect([...hostViolations, ...attendeeViolations, ...scribeViolations]).toEqual([]);
});

test('the nonce changes on every response', async ({ request }) => {
  const nonceOf = async () => /'nonce-([^']+)'/.exec((await request.get('/')).headers()['content-security-policy'] ?? '')?.[1];
  const [first, second] = [await nonceOf(), await nonceOf()];
  expect(first).toBeTruthy();
  expect(first).not.toBe(second);
});
