import type { Nodes, Root, RootContent } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { frontmatterFromMarkdown } from 'mdast-util-frontmatter';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { toString } from 'mdast-util-to-string';
import { frontmatter } from 'micromark-extension-frontmatter';
import { gfm } from 'micromark-extension-gfm';

/** The document as the parser sees it: its syntax tree and the (normalized) source the positions point into. */
export type Source = { text: string; root: Root; lines: string[] };

const parse = (text: string) =>
  fromMarkdown(text, {
    extensions: [gfm(), frontmatter(['yaml', 'toml'])],
    mdastExtensions: [gfmFromMarkdown(), frontmatterFromMarkdown(['yaml', 'toml'])],
  });

/** Above this size a document is parsed in parts (micromark's time grows faster than the length). */
const CHUNK_FROM = 40_000;

/**
 * Lines where a long document can be cut without changing how it reads: an ATX heading at the line start, or, after a
 * blank line, a paragraph at the line start (it ends any list or quote), or a top-level list item (the list then reads
 * as two, the second marked `continuesList`). Never inside a fenced code block or an HTML comment.
 */
function chunkStarts(lines: string[]): number[] {
  const starts = [0];
  let fence: string | null = null;
  let isInComment = false;
  let size = 0;
  lines.forEach((line, index) => {
    const isAfterBlank = index > 0 && !lines[index - 1]!.trim();
    const isSafe = /^#{1,6}(?:\s|$)/.test(line) || (isAfterBlank && /^[^\s>|*+\-\d<`~]/.test(line));
    // A top-level bullet always starts an item (so does a numbered one after a blank line): the list reads as two.
    const isListStart = /^[-*+]\s+\S/.test(line) || (isAfterBlank && /^\d{1,9}[.)]\s/.test(line));
    if (!fence && !isInComment && (isSafe || isListStart) && size > CHUNK_FROM / 4) {
      starts.push(index);
      size = 0;
    }
    const marker = /^ {0,3}(`{3,}|~{3,})/.exec(line)?.[1];
    if (!isInComment && marker && (!fence || (marker[0] === fence[0] && marker.length >= fence.length))) fence = fence ? null : marker;
    if (!fence) isInComment = isInComment ? !line.includes('-->') : line.includes('<!--') && !line.slice(line.indexOf('<!--')).includes('-->');
    size += line.length + 1;
  });
  return starts;
}

function shift(node: Nodes, lines: number, offset: number): void {
  if (node.position) {
    node.position.start = { ...node.position.start, line: node.position.start.line + lines, offset: (node.position.start.offset ?? 0) + offset };
    node.position.end = { ...node.position.end, line: node.position.end.line + lines, offset: (node.position.end.offset ?? 0) + offset };
  }
  if ('children' in node) for (const child of node.children) shift(child as Nodes, lines, offset);
}

/** Parses a long document part by part at its top headings, each part given the document's link definitions. */
function parseInParts(lines: string[]): Root {
  const definitions = lines.filter((line) => /^ {0,3}\[[^\]]+\]:\s*\S/.test(line)).join('\n');
  const starts = chunkStarts(lines);
  const root: Root = { type: 'root', children: [] };
  let offset = 0;
  starts.forEach((start, index) => {
    const end = starts[index + 1] ?? lines.length;
    const chunk = lines.slice(start, end).join('\n');
    const children = parse(`${chunk}\n\n${definitions}`).children.filter((child) => (child.position?.start.offset ?? 0) < chunk.length);
    const [first] = children;
    const previous = root.children[root.children.length - 1];
    if (first?.type === 'list' && previous?.type === 'list') first.data = Object.assign(first.data ?? {}, { continuesList: true });
    for (const child of children) {
      shift(child, start, offset);
      root.children.push(child);
    }
    offset += chunk.length + 1;
  });
  return root;
}

/** Parses CommonMark + GFM + YAML front matter. CRLF and a BOM are normalized first, so offsets index `text`. */
export function readTree(markdown: string, partsFrom: number = CHUNK_FROM): Source {
  const text = markdown.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const lines = text.split('\n');
  return { text, root: text.length > partsFrom ? parseInParts(lines) : parse(text), lines };
}

/** A list that goes on from the list before it (a long document was parsed in parts between its items). */
export const continuesList = (node: Nodes): boolean => Boolean((node.data as { continuesList?: boolean } | undefined)?.continuesList);

export const lineOf = (node: Nodes): number => node.position?.start.line ?? 1;
export const endLineOf = (node: Nodes): number => node.position?.end.line ?? lineOf(node);

/** The node's Markdown exactly as written. */
export function sourceOf(source: Source, node: Nodes): string {
  return source.text.slice(node.position?.start.offset ?? 0, node.position?.end.offset ?? 0);
}

/** The Markdown of whole lines `from`..`to` (1-based, inclusive). */
export function linesOf(source: Source, from: number, to: number): string {
  return source.lines.slice(from - 1, to).join('\n');
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
