import * as Y from 'yjs';
import { MINUTES_TEXT } from './protocol/minutes';

export type TextEdit = { index: number; deleteCount: number; insert: string };

/** The smallest single replacement that turns `current` into `target` (common prefix and suffix kept). */
export function diffText(current: string, target: string): TextEdit {
  let start = 0;
  const shortest = Math.min(current.length, target.length);
  while (start < shortest && current[start] === target[start]) start += 1;
  let end = 0;
  while (end < shortest - start && current[current.length - 1 - end] === target[target.length - 1 - end]) end += 1;
  return { index: start, deleteCount: current.length - start - end, insert: target.slice(start, target.length - end) };
}

export function minutesText(doc: Y.Doc): Y.Text {
  return doc.getText(MINUTES_TEXT);
}

/** The minutes text held by a stored Yjs state. */
export function textOfState(state: Uint8Array): string {
  const doc = new Y.Doc();
  try {
    Y.applyUpdate(doc, state);
    return minutesText(doc).toString();
  } finally {
    doc.destroy();
  }
}

/**
 * Replaces the text of `doc` with `target` in one transaction, touching only the part that differs, and
 * returns that change as an update: a restore is a new edit that merges with concurrent ones.
 */
export function replaceText(doc: Y.Doc, target: string): Uint8Array {
  const text = minutesText(doc);
  const { index, deleteCount, insert } = diffText(text.toString(), target);
  const before = Y.encodeStateVector(doc);
  doc.transact(() => {
    if (deleteCount > 0) text.delete(index, deleteCount);
    if (insert) text.insert(index, insert);
  });
  return Y.encodeStateAsUpdate(doc, before);
}

/** True when an update can be decoded; a garbled one throws before anything is applied. */
export function isDecodableUpdate(update: Uint8Array): boolean {
  try {
    Y.decodeUpdate(update);
    return true;
  } catch {
    return false;
  }
}

/** An update with no insertions and no deletions (Yjs encodes it as two zero bytes). */
export function isEmptyUpdate(update: Uint8Array): boolean {
  const { structs, ds } = Y.decodeUpdate(update);
  return structs.length === 0 && ds.clients.size === 0;
}

/** The Markdown heading a scribe starts an agenda item's notes with. */
export function itemHeading(title: string): string {
  return `## ${title.replace(/\s+/g, ' ').trim()}`;
}

/** Text to insert at `position` so the heading sits on a line of its own, followed by an empty line to type on. */
export function headingInsertion(text: string, position: number, title: string): { insert: string; cursor: number } {
  const before = text.slice(0, position);
  const lead = before.length === 0 || before.endsWith('\n\n') ? '' : before.endsWith('\n') ? '\n' : '\n\n';
  const insert = `${lead}${itemHeading(title)}\n\n`;
  return { insert, cursor: position + insert.length };
}

export function hasHeading(text: string, title: string): boolean {
  const heading = itemHeading(title);
  return text.split('\n').some((line) => line.trim() === heading);
}
