import {
  applyEdits,
  isPlaceholder,
  normalizeForKey,
  ownerHandle,
  parseBody,
  parseHeading,
  parseLine,
  sectionKindOf,
  type BodyParts,
  type Edit,
  type ItemKind,
  type ParsedLine,
} from './action-lines';

/**
 * Action items and decisions read out of the minutes text (issue 15). One pure function, used by the server for
 * the panel and the record and by the editor for highlighting, so that they never disagree.
 */

export type ActionLine = {
  /** Normalized words (no checkbox, owner, due date or marker) + '#' + its index among items with the same words. */
  key: string;
  /** 1-based. */
  line: number;
  text: string;
  owner: string | null;
  due: string | null;
  isDone: boolean;
  /** The nearest heading above it that is not itself an "Action items" or "Decisions" heading. */
  heading: string | null;
};
export type DecisionLine = { key: string; line: number; text: string; heading: string | null };

type FoundAction = ActionLine & { index: number; parsed: ParsedLine; parts: BodyParts };

export const DECISION_INSERTION = 'Decision: ';

export function actionItemInsertion(owner: string | null): string {
  const handle = ownerHandle(owner);
  return handle ? `- [ ] @${handle} ` : '- [ ] ';
}

export function extractActions(minutes: string): { actions: ActionLine[]; decisions: DecisionLine[] } {
  const { actions, decisions } = scanMinutes(minutes);
  return { actions: actions.map(({ key, line, text, owner, due, isDone, heading }) => ({ key, line, text, owner, due, isDone, heading })), decisions };
}

/** `listIndent`: where its items start; `ownIndent`: a list introduced by a list item (`- Follow-ups:`) ends at the next item as shallow. */
type Section = { kind: ItemKind | 'attendance'; level: number; listIndent: number | null; ownIndent?: number };

function scanMinutes(minutes: string): { actions: FoundAction[]; decisions: DecisionLine[] } {
  const actions: FoundAction[] = [];
  const decisions: DecisionLine[] = [];
  const counts = new Map<string, number>();
  const keyOf = (kind: ItemKind, words: string) => {
    const normalized = normalizeForKey(words);
    const seen = counts.get(`${kind}:${normalized}`) ?? 0;
    counts.set(`${kind}:${normalized}`, seen + 1);
    return `${normalized}#${seen}`;
  };
  const headings: { level: number; text: string; isSection: boolean }[] = [];
  let section: Section | null = null;
  let list: Section | null = null;
  let fence: string | null = null;
  let isInComment = false;

  minutes.split('\n').forEach((rawLine, index) => {
    const line = rawLine.replace(/\r$/, '');
    if (fence) {
      if (new RegExp(`^ {0,3}${fence[0] === '`' ? '`' : '~'}{${fence.length},}\\s*$`).test(line)) fence = null;
      return;
    }
    const opening = /^ {0,3}(`{3,}|~{3,})/.exec(line);
    if (opening) {
      fence = opening[1] ?? '```';
      return;
    }
    if (isInComment) {
      if (line.includes('-->')) isInComment = false;
      return;
    }
    if (/^\s*<!--/.test(line)) {
      isInComment = !line.includes('-->', line.indexOf('<!--'));
      return;
    }
    const heading = parseHeading(line);
    if (heading) {
      while (headings.length > 0 && (headings.at(-1)?.level ?? 0) >= heading.level) headings.pop();
      const kind = sectionKindOf(heading.text);
      headings.push({ ...heading, isSection: kind === 'action' || kind === 'decision' });
      if (kind) section = { kind, level: heading.level, listIndent: null };
      else if (section && heading.level <= section.level) section = null;
      list = null;
      return;
    }
    const parsed = parseLine(line);
    const isBlank = line.trim() === '';
    if (list && !isBlank && (parsed.bullet ? parsed.indent.length <= (list.ownIndent ?? -1) : parsed.indent === '')) list = null;
    const context = list ?? section;
    const isTopListItem = parsed.bullet !== null && context !== null && isTopLevel(context, parsed.indent.length);
    const kind: ItemKind | null =
      parsed.marker?.kind ??
      (parsed.checkbox && context?.kind !== 'attendance' ? 'action' : null) ??
      (isTopListItem && (context?.kind === 'action' || context?.kind === 'decision') ? context.kind : null);
    if (parsed.marker && parsed.body.trim() === '' && !parsed.checkbox) {
      list = { kind: parsed.marker.kind, level: 7, listIndent: null, ownIndent: parsed.bullet ? parsed.indent.length : -1 };
      return;
    }
    if (!kind) return;
    const headingText = [...headings].reverse().find((candidate) => !candidate.isSection)?.text ?? null;
    if (kind === 'decision') {
      const text = parsed.body.trim();
      if (!isPlaceholder(text)) decisions.push({ key: keyOf('decision', text), line: index + 1, text, heading: headingText });
      return;
    }
    const parts = parseBody(parsed.body, parsed.checkbox !== null);
    if (isPlaceholder(parts.text)) return;
    const owner = parsed.marker?.owner?.value ?? parts.owner?.value ?? null;
    actions.push({
      key: keyOf('action', parts.ownerlessText),
      line: index + 1,
      text: parts.text,
      owner,
      due: parts.due?.value ?? null,
      isDone: parsed.checkbox ? parsed.checkbox.isChecked : parts.doneMarks.length > 0,
      heading: headingText,
      index,
      parsed,
      parts,
    });
  });
  return { actions, decisions };
}

/** Only the outermost list items of a section are items; the ones nested under them are notes on them. */
function isTopLevel(context: Section, indent: number): boolean {
  if (context.listIndent === null || indent < context.listIndent) context.listIndent = indent;
  return indent === context.listIndent;
}

export function updateActionLine(
  minutes: string,
  key: string,
  change: { owner?: string | null; due?: string | null; isDone?: boolean },
): string | null {
  const action = scanMinutes(minutes).actions.find((candidate) => candidate.key === key);
  if (!action) return null;
  const lines = minutes.split('\n');
  const rawLine = lines[action.index] ?? '';
  const ending = rawLine.endsWith('\r') ? '\r' : '';
  lines[action.index] = rewriteLine(rawLine.slice(0, rawLine.length - ending.length), action, change) + ending;
  return lines.join('\n');
}

function rewriteLine(line: string, action: FoundAction, change: { owner?: string | null; due?: string | null; isDone?: boolean }): string {
  const { parsed, parts } = action;
  const owner = change.owner === undefined ? action.owner : ownerHandle(change.owner);
  const isOwnerChanged = owner !== action.owner;
  const due = change.due === undefined ? action.due : change.due;
  const isDone = change.isDone ?? action.isDone;
  const ownerKind = parsed.marker?.owner ? 'marker' : (parts.owner?.kind ?? null);

  if (parsed.marker && !parsed.checkbox && ((isDone && !action.isDone) || (isOwnerChanged && owner))) {
    const keepsSentence = ownerKind === 'sentence' && !isOwnerChanged;
    const words = keepsSentence ? action.text : parts.ownerlessText;
    const ownerPart = owner && !keepsSentence ? `@${ownerHandle(owner) ?? owner} ` : '';
    const duePart = due ? ` (due ${due})` : '';
    return `${parsed.indent}${parsed.bullet ?? '-'} [${isDone ? 'x' : ' '}] ${ownerPart}${words}${duePart}`;
  }

  const bodyEdits: Edit[] = [];
  if (due !== action.due) {
    if (parts.due && due) bodyEdits.push({ ...parts.due.valueRange, insert: due });
    else if (parts.due) bodyEdits.push({ ...parts.due.range, insert: '' });
    else if (due) {
      const end = parsed.body.trimEnd().length;
      bodyEdits.push({ start: end, end, insert: ` (due ${due})` });
    }
  }
  if (isDone !== action.isDone && !parsed.checkbox && !isDone) {
    for (const mark of parts.doneMarks) bodyEdits.push({ ...mark, insert: '' });
  }
  const lineEdits: Edit[] = [];
  if (isOwnerChanged) {
    const handle = owner ? `@${owner}` : '';
    if (ownerKind === 'marker' && parsed.marker?.owner) {
      const { start, end } = parsed.marker.owner.range;
      const open = line.lastIndexOf('(', start);
      const from = handle ? open : open - (/[ \t]*$/.exec(line.slice(0, open))?.[0].length ?? 0);
      lineEdits.push({ start: from, end: line.indexOf(')', end) + 1, insert: handle ? `(${owner})` : '' });
    } else if (parts.owner?.kind === 'at') {
      bodyEdits.push({ ...parts.owner.range, insert: handle });
    } else if (parts.owner) {
      bodyEdits.push({ ...parts.owner.range, insert: handle ? `${handle} ` : '' });
    } else if (handle) {
      bodyEdits.push({ start: 0, end: 0, insert: `${handle} ` });
    }
  }
  let body = applyEdits(parsed.body, bodyEdits);
  if (bodyEdits.some((edit) => edit.start === 0 && edit.insert === '')) body = body.trimStart();
  let head = applyEdits(line.slice(0, parsed.bodyStart), lineEdits);
  if (isDone !== action.isDone && parsed.checkbox) {
    head = head.slice(0, parsed.checkbox.index) + (isDone ? 'x' : ' ') + head.slice(parsed.checkbox.index + 1);
  } else if (isDone && !action.isDone && !parsed.checkbox) {
    head = head.trimEnd() + ' [x] ';
  }
  return head + body;
}
