import type { Locator, Page } from '@playwright/test';

/** The call page's tabs when it shows them (below the `md` breakpoint); none on a wider screen or another page. */
export async function visibleTabs(page: Page): Promise<Locator[]> {
  const bar = page.getByRole('tablist', { name: 'Call sections' });
  if (!(await bar.isVisible())) return [];
  return bar.getByRole('tab').all();
}
