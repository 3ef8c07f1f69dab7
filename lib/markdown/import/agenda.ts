import type { Heading, List, Paragraph } from 'mdast';
import type { DraftLink, DraftSection, ImportNotice } from '../call-draft';
import { readList, readTable } from './items';
import { definitionsOf, isLinkLike, isLoneLink, linksHeading, readLinkItem, readLinkParagraph } from './links';
import { isBoldLine, lineOf, sourceOf, textOf, type Block, type Source } from './tree';

/** The agenda part of a document: what comes before its minutes. */
export type AgendaReading = { description: string[]; links: DraftLink[]; sections: DraftSection[]; notices: ImportNotice[] };

const agendaHeading = /^(?:call\s+|meeting\s+)?(?:agenda|topics)(?:\s+items)?\s*:?$/i;
const fieldHeading = /^(?:date|time|when|start(?:s|s at| time)?)\s*:/i;

const isHeadingLink = (heading: Heading) => heading.children.length === 1 && heading.children[0]!.type === 'link';

/** The deepest heading level that still starts a section: 2, or 3 in H3-only documents (deeper ones are notes). */
export function sectionLevelOf(blocks: Block[]): number {
  const levels = blocks.filter((block): block is Heading => block.type === 'heading' && !fieldHeading.test(textOf(block)) && !isHeadingLink(block)).map((block) => block.depth);
  return Math.max(2, Math.min(...levels, 6));
}

const isLinkList = (list: List, definitions: Map<string, string>) =>
  list.children.filter((entry) => isLinkLike(entry.children[0]?.type === 'paragraph' ? entry.children[0] : undefined, definitions)).length * 2 >= list.children.length;

/** Reads links, sections and items; whatever is none of these is kept as written in the description or the section notes. */
export function readAgenda(source: Source, blocks: Block[]): AgendaReading {
  const reading: AgendaReading = { description: [], links: [], sections: [], notices: [] };
  const definitions = definitionsOf(source);
  const level = sectionLevelOf(blocks);
  let section: (DraftSection & { kept: string[] }) | null = null;
  const sections: (DraftSection & { kept: string[] })[] = [];
  let isInLinks = false;
  // Under a heading that only says "Agenda", the next level of headings are the agenda's sections.
  let promoted = 0;

  const keep = (text: string) => {
    if (!text.trim()) return;
    if (section) section.kept.push(text);
    else reading.description.push(text);
  };
  const addLink = (read: ReturnType<typeof readLinkParagraph>) => {
    if (read.link) reading.links.push(read.link, ...(read.nested ?? []));
    reading.description.push(...read.kept);
    reading.notices.push(...read.notices);
  };
  const startSection = (title: string, line: number, extra: string[]) => {
    section = { title: title.replace(/\s*:$/, ''), notes: '', items: [], line, kept: [...extra] };
    sections.push(section);
    isInLinks = false;
  };

  for (const block of blocks) {
    if (block.type === 'heading') {
      const text = textOf(block);
      if (fieldHeading.test(text)) {
        keep(text);
      } else if (isHeadingLink(block)) {
        const paragraph: Paragraph = { type: 'paragraph', children: block.children, position: block.position };
        addLink(readLinkParagraph(source, paragraph, definitions));
      } else if (block.depth <= level && linksHeading.test(text)) {
        section = null;
        isInLinks = true;
      } else if (block.depth <= level && !text) {
        reading.notices.push({ line: lineOf(block), message: `Line ${lineOf(block)}: this heading has no text; what follows stays in the part before it.` });
      } else if (block.depth <= level || block.depth === promoted) {
        const links = block.children.filter((child) => child.type === 'link' && textOf(child) !== child.url).map((child) => sourceOf(source, child));
        startSection(text, lineOf(block), links.length > 0 ? [links.join(' ')] : []);
        if (block.depth <= level) promoted = agendaHeading.test(text) ? block.depth + 1 : 0;
      } else {
        keep(sourceOf(source, block));
      }
      continue;
    }
    if (block.type === 'paragraph' && isBoldLine(block)) {
      startSection(textOf(block), lineOf(block), []);
      continue;
    }
    if (block.type === 'thematicBreak' || block.type === 'definition') continue;
    const current = section as (DraftSection & { kept: string[] }) | null;
    if (block.type === 'list' && (isInLinks || (!current && isLinkList(block, definitions)))) {
      for (const entry of block.children) addLink(readLinkItem(source, entry, definitions));
      continue;
    }
    if (block.type === 'paragraph' && !current && isLoneLink(block, definitions)) {
      addLink(readLinkParagraph(source, block, definitions));
      continue;
    }
    const items = !current ? null : block.type === 'list' ? readList(source, block) : block.type === 'table' ? readTable(source, block) : null;
    if (current && items) {
      current.items.push(...items.items);
      current.kept.push(...items.kept);
      reading.notices.push(...items.notices);
      continue;
    }
    keep(sourceOf(source, block));
  }
  // An empty "Agenda" heading over the sections is no section of its own.
  const isGroupHeading = (each: { title: string; items: unknown[]; kept: string[] }) => agendaHeading.test(each.title) && each.items.length === 0 && each.kept.length === 0;
  reading.sections = sections.filter((each, index) => !(isGroupHeading(each) && index < sections.length - 1)).map(({ kept, ...rest }) => ({ ...rest, notes: kept.join('\n\n') }));
  return reading;
}
