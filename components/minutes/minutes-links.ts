import { resolveLinkUrl } from '@/lib/links';

export const UNRESOLVED_LINK_TITLE = 'This link is relative to the call’s documents, and no documents base URL is set.';

const relativeHref = /<a href="(?![a-z][a-z0-9+.-]*:|#)/i;

/**
 * Points the rendered minutes' relative links (`2021-07-13-slides.pdf`) at the call's documents base URL; without
 * one they become text showing their path, not links into this page that lead nowhere. Browser only.
 */
export function resolveMinutesLinks(html: string, documentsBaseUrl: string): string {
  if (typeof document === 'undefined' || !relativeHref.test(html)) return html;
  const template = document.createElement('template');
  template.innerHTML = html;
  for (const anchor of template.content.querySelectorAll('a[href]')) {
    const url = anchor.getAttribute('href') ?? '';
    if (url.startsWith('#')) continue;
    const resolved = resolveLinkUrl(url, documentsBaseUrl);
    if (resolved === url) continue;
    if (resolved !== null) {
      anchor.setAttribute('href', resolved);
      continue;
    }
    const text = document.createElement('span');
    text.title = UNRESOLVED_LINK_TITLE;
    text.dataset.testid = 'unresolved-link';
    text.textContent = `${anchor.textContent} (${url})`;
    anchor.replaceWith(text);
  }
  return template.innerHTML;
}
