/**
 * Where a call's link points: absolute URLs as they are; relative ones (`2021-07-13-slides.pdf`) against the
 * series' documents base URL, or null when there is none (the UI then shows the path as text).
 */
export function resolveLinkUrl(url: string, documentsBaseUrl: string): string | null {
  if (/^[a-z][a-z0-9+.-]*:/i.test(url)) return url;
  if (!documentsBaseUrl) return null;
  try {
    const base = documentsBaseUrl.endsWith('/') ? documentsBaseUrl : `${documentsBaseUrl}/`;
    return new URL(url, base).toString();
  } catch {
    return null;
  }
}
