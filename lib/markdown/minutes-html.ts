import MarkdownIt from 'markdown-it';

/**
 * Minutes as safe HTML: raw HTML in the Markdown is shown as text, link schemes like `javascript:` are refused
 * by markdown-it's link check, and links open in a new tab without access to this page.
 */
const renderer = new MarkdownIt({ html: false, linkify: true, breaks: false });

renderer.renderer.rules.link_open = (tokens, index, options, _env, self) => {
  const token = tokens[index]!;
  token.attrSet('target', '_blank');
  token.attrSet('rel', 'noopener noreferrer');
  return self.renderToken(tokens, index, options);
};

export function renderMinutes(markdown: string): string {
  return renderer.render(markdown);
}
