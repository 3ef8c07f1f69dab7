import type { Nodes, Root, RootContent } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { frontmatterFromMarkdown } from 'mdast-util-frontmatter';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { toString } from 'mdast-util-to-string';
import { frontmatter } from 'micromark-extension-frontmatter';
import { gfm } from 'micromark-extension-gfm';

/** The document as the parser sees it: its syntax tree and the (normalized) source the positions point into. */
export type Source = { text: string; root: Root };

/** Parses CommonMark + GFM + YAML front matter. CRLF and a BOM are normalized first, so offsets index `text`. */
export function readTree(markdown: string): Source {
  const text = markdown.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const root = fromMarkdown(text, {
    extensions: [gfm(), frontmatter(['yaml', 'toml'])],
    mdastExtensions: [gfmFromMarkdown(), frontmatterFromMarkdown(['yaml', 'toml'])],
  });
  return { text, root };
}

export const lineOf = (node: Nodes): number => node.position?.start.line ?? 1;
export const endLineOf = (node: Nodes): number => node.position?.end.line ?? lineOf(node);

/** The node's Markdown exactly as written. */
export function sourceOf(source: Source, node: Nodes): string {
  return source.text.slice(node.position?.start.offset ?? 0, node.position?.end.offset ?? 0);
}

/** The Markdown of whole lines `from`..`to` (1-based, inclusive). */
export function linesOf(source: Source, from: number, to: number): string {
  return source.text.split('\n').slice(from - 1, to).join('\n');
}

/** Whole lines of nodes inside a container, dedented by the first node's indentation (deeper nesting is kept). */
export function dedentedSourceOf(source: Source, nodes: readonly Nodes[]): string {
  if (nodes.length === 0) return '';
  const text = linesOf(source, lineOf(nodes[0]!), endLineOf(nodes[nodes.length - 1]!));
  return dedent(text, (nodes[0]!.position?.start.column ?? 1) - 1).replace(/^\n+|\s+$/g, '');
}

export function dedent(text: string, indent: number): string {
  return text
    .split('\n')
    .map((line) => {
      let removed = 0;
      let at = 0;
      while (at < line.length && removed < indent && (line[at] === ' ' || line[at] === '\t')) {
        removed += line[at] === '\t' ? 4 - (removed % 4) : 1;
        at += 1;
      }
      return line.slice(at).replace(/\s+$/, '');
    })
    .join('\n');
}

/** The plain text a reader sees (emphasis and link syntax gone), whitespace collapsed. */
export function textOf(node: Nodes | Nodes[]): string {
  return (Array.isArray(node) ? node.map((each) => toString(each)).join('') : toString(node)).replace(/\s+/g, ' ').trim();
}

export type Block = RootContent;

/** Whether a paragraph is only strong text (a "lone bold line" heading such as `**Agenda**`). */
export function isBoldLine(node: Block): boolean {
  if (node.type !== 'paragraph') return false;
  const parts = node.children.filter((child) => !(child.type === 'text' && !child.value.trim()));
  const text = textOf(node);
  const hasLink = parts[0]?.type === 'strong' && parts[0].children.some((child) => child.type === 'link' || child.type === 'linkReference');
  // A short bold line is a heading; a bold sentence ("**See the instructions …**"), a field ("**Leads:**") or a link is not.
  return parts.length === 1 && parts[0]!.type === 'strong' && !hasLink && text.length > 0 && text.length <= 80 && !/[:.]$/.test(text);
}
