import { expect, type Page } from '@playwright/test';

/** Below Tailwind's `md` the call page is a tabbed app; from `md` up every panel is on screen. */
export const isPhoneLayout = (page: Page) => (page.viewportSize()?.width ?? 1280) < 768;

export const tabBar = (page: Page) => page.getByRole('navigation', { name: 'Call sections' });

/** A tab of the phone's tab bar by its name; its accessible name may go on with what is new (`Q&A, 2 new`). */
export const phoneTab = (page: Page, name: string) => tabBar(page).getByRole('button', { name: new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(,|$)`) });

/** Shows a section of the call page: a tap on its tab on a phone, nothing to do on a larger screen. */
export async function openTab(page: Page, name: 'Now' | 'Q&A' | 'Polls' | 'Agenda' | 'Minutes' | 'People') {
  if (!isPhoneLayout(page)) return;
  const tab = phoneTab(page, name);
  await tab.click();
  await expect(tab).toHaveAttribute('aria-current', 'page');
}
