import type { Definition, ListItem, Nodes, Paragraph, PhrasingContent } from 'mdast';
import type { DraftLink, ImportNotice } from '../call-draft';
import { dedentedSourceOf, lineOf, sourceOf, textOf, type Source } from './tree';

/** What one link line gave: the link, or text kept for the description when it has no usable URL. */
export type LinkReading = { link?: DraftLink; nested?: DraftLink[]; kept: string[]; notices: ImportNotice[] };

export const linksHeading = /^(?:useful\s+|participant\s+|meeting\s+|call\s+|important\s+)?(?:links?|resources)(?:\s+for\s+(?:participants|attendees|the\s+call))?\s*:?$/i;
const placeholder = /\b(?:todo|tbd|tba|will be (?:added|published|posted|shared)|to be (?:added|announced|published)|no longer available|archived|link on (?:the )?calendar)\b/i;

type LinkNode = { url: string; text: string; index: number };

/** The definitions of reference-style links (`[label]: url`), by identifier. */
export function definitionsOf(source: Source): Map<string, string> {
  const found = new Map<string, string>();
  const visit = (node: Nodes) => {
    if (node.type === 'definition') found.set((node as Definition).identifier, (node as Definition).url);
    if ('children' in node) for (const child of node.children) visit(child as Nodes);
  };
  visit(source.root);
  return found;
}

function firstLink(children: PhrasingContent[], definitions: Map<string, string>): LinkNode | null {
  for (const [index, child] of children.entries()) {
    if (child.type === 'link') return { url: child.url, text: textOf(child), index };
    if (child.type === 'linkReference') return { url: definitions.get(child.identifier) ?? '', text: textOf(child), index };
    if ((child.type === 'strong' || child.type === 'emphasis') && child.children.some((inner) => inner.type === 'link')) {
      const inner = firstLink(child.children, definitions);
      if (inner) return { ...inner, index };
    }
  }
  return null;
}

/** Whether a list item or paragraph reads as a link line: it holds a link, or says its link is missing. */
export function isLinkLike(paragraph: Paragraph | undefined, definitions: Map<string, string>): boolean {
  if (!paragraph) return false;
  const text = textOf(paragraph);
  return firstLink(paragraph.children, definitions) !== null || /\blink\b/i.test(text) || (placeholder.test(text) && text.includes(':'));
}

/** A paragraph that is only a link (`[Video Conference Link](https://…)`). */
export function isLoneLink(paragraph: Paragraph, definitions: Map<string, string>): boolean {
  const link = firstLink(paragraph.children, definitions);
  return link !== null && link.url !== '' && textOf(paragraph) === link.text;
}

const hostnameOf = (url: string) => {
  try {
    return new URL(url).hostname || url;
  } catch {
    return url;
  }
};
const cleanLabel = (text: string) => text.replace(/^[\s:：,;–—|-]+|[\s:：,;–—(|-]+$/g, '').trim();

/** Reads `- Label: [text](url)`, `- [Label](url)`, `- Label: <url>`, `- Label: https://…`; nested lines go to the description. */
export function readLinkParagraph(source: Source, paragraph: Paragraph, definitions: Map<string, string>, nested: Nodes[] = []): LinkReading {
  const line = lineOf(paragraph);
  const written = sourceOf(source, paragraph);
  const nestedText = dedentedSourceOf(source, nested);
  const link = firstLink(paragraph.children, definitions);
  if (!link || !link.url.trim()) {
    const kept = [written, ...(nestedText ? [nestedText] : [])].join('\n\n');
    const message = link ? `the link “${link.text}” has no URL; it was kept as text in the description` : `“${textOf(paragraph)}” has no link yet; it was kept as text in the description`;
    return { kept: [kept], notices: [{ line, message: `Line ${line}: ${message}.` }] };
  }
  const before = cleanLabel(textOf(paragraph.children.slice(0, link.index)));
  const after = cleanLabel(textOf(paragraph.children.slice(link.index + 1)));
  const isUrlText = link.text === link.url || /^(?:https?:\/\/|www\.)/i.test(link.text) || !link.text;
  const label = before || (isUrlText ? hostnameOf(link.url) : link.text);
  const kept: string[] = [];
  const notices: ImportNotice[] = [];
  if (before && !isUrlText && !/^(?:link|here|this|click here)$/i.test(link.text)) kept.push(`${label}: ${link.text}`);
  if (after) {
    kept.push(`${label}: ${after}`);
    notices.push({ line, message: `Line ${line}: the text after the link (“${after}”) was kept in the description.` });
  }
  if (nestedText) kept.push(`${label}:\n\n${nestedText}`);
  return { link: { label, url: link.url.trim(), line }, kept, notices };
}

/** The link of a list item, its nested lines kept. */
export function readLinkItem(source: Source, item: ListItem, definitions: Map<string, string>): LinkReading {
  const [first, ...rest] = item.children;
  if (first?.type !== 'paragraph') {
    const kept = dedentedSourceOf(source, item.children);
    return { kept: kept ? [kept] : [], notices: [] };
  }
  // Lines nested under a link that are links themselves ("iCal version: [link](…)") are links too.
  const nestedLinks = rest.flatMap((node) => (node.type === 'list' ? node.children.filter((entry) => entry.children[0]?.type === 'paragraph' && isLoneLinkLine(entry.children[0], definitions)) : []));
  const others = rest.flatMap((node): Nodes[] => {
    if (node.type !== 'list' || nestedLinks.length === 0) return [node];
    const left = node.children.filter((entry) => !nestedLinks.includes(entry));
    return left.length === 0 ? [] : left.length === node.children.length ? [node] : left;
  });
  const reading = readLinkParagraph(source, first, definitions, others);
  for (const entry of nestedLinks) {
    const nested = readLinkItem(source, entry, definitions);
    if (nested.link && reading.link) (reading.nested ??= []).push(nested.link);
    else if (nested.link) reading.link = nested.link;
    reading.kept.push(...nested.kept);
    reading.notices.push(...nested.notices);
  }
  return reading;
}

/** A line that holds a usable link (not a placeholder). */
function isLoneLinkLine(paragraph: Paragraph, definitions: Map<string, string>): boolean {
  const link = firstLink(paragraph.children, definitions);
  return link !== null && link.url.trim() !== '';
}
