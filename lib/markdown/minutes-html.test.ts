import { describe, expect, it } from 'vitest';
import { renderMinutes } from './minutes-html';

describe('renderMinutes', () => {
  it('renders numbered lists with nested bullets', () => {
    const html = renderMinutes('## Release\n\n1. Cadence\n   - monthly\n   - LTS yearly\n2. Demo\n');
    expect(html).toContain('<h2>Release</h2>');
    expect(html).toMatch(/<ol>\s*<li>Cadence\s*<ul>\s*<li>monthly<\/li>\s*<li>LTS yearly<\/li>\s*<\/ul>\s*<\/li>\s*<li>Demo<\/li>\s*<\/ol>/);
  });

  it('never passes raw HTML or script links through', () => {
    const html = renderMinutes('<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n\n[click](javascript:alert(1))');
    expect(html).not.toContain('<script');
    expect(html).not.toContain('<img');
    expect(html).not.toContain('href="javascript:');
    expect(html).toContain('&lt;script&gt;');
  });

  it('opens links in a new tab without an opener', () => {
    expect(renderMinutes('[Slides](https://example.org/slides) and https://example.org/board')).toBe(
      '<p><a href="https://example.org/slides" target="_blank" rel="noopener noreferrer">Slides</a> and ' +
        '<a href="https://example.org/board" target="_blank" rel="noopener noreferrer">https://example.org/board</a></p>\n',
    );
  });
});
