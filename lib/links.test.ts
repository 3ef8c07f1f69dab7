import { describe, expect, it } from 'vitest';
import { resolveLinkUrl } from './links';

describe('resolveLinkUrl', () => {
  it('keeps absolute links and resolves relative ones against the documents base URL', () => {
    expect(resolveLinkUrl('https://example.org/a', 'https://docs.example.org/')).toBe('https://example.org/a');
    expect(resolveLinkUrl('2021-07-13-slides.pdf', 'https://github.com/flatcar/Flatcar/blob/main/community-meetings')).toBe(
      'https://github.com/flatcar/Flatcar/blob/main/community-meetings/2021-07-13-slides.pdf',
    );
    expect(resolveLinkUrl('../slides/deck.pdf', 'https://example.org/calls/2021/')).toBe('https://example.org/calls/slides/deck.pdf');
  });

  it('has nothing to point at for a relative link without a base URL', () => {
    expect(resolveLinkUrl('2021-07-13-slides.pdf', '')).toBeNull();
  });
});
