/**
 * The shapes of one line of minutes that `extractActions` (lib/actions.ts) reads: its bullet, task checkbox and
 * `AI:` / `Decision:` marker, and inside the item's words the owner, the due date and the marks of a done item,
 * each with its place in the line so that an update can change that part alone.
 */

export type Range = { start: number; end: number };
export type ItemKind = 'action' | 'decision';
export type OwnerKind = 'at' | 'prefix' | 'sentence' | 'marker';

export type ParsedLine = {
  indent: string;
  bullet: string | null;
  checkbox: { index: number; isChecked: boolean } | null;
  marker: { kind: ItemKind; range: Range; owner: { value: string; range: Range } | null } | null;
  /** Where the item's words start in the line (after the bullet, the checkbox and the marker). */
  bodyStart: number;
  body: string;
};

export type BodyParts = {
  owner: { kind: OwnerKind; value: string; range: Range } | null;
  due: { value: string; range: Range; valueRange: Range } | null;
  /** `~~strike~~` around the whole item, a `(done)` or a ✅; empty when the item is not marked done this way. */
  doneMarks: Range[];
  text: string;
  /** The words without the owner in any form: what the key is made of. */
  ownerlessText: string;
};

const LIST_ITEM = /^([ \t]*)([-*+]|\d{1,9}[.)])(?:([ \t]+)|$)/;
const CHECKBOX = /^\[([ xX])\](?:[ \t]+|$)/;
const ACTION_WORDS = String.raw`action[ -]items?|actions?|ais?|todo|to-do|next[ -]steps?|follow[ -]?ups?`;
const DECISION_WORDS = String.raw`decisions?|decided|agreed|resolved|resolutions?|(?:meeting |group )?consensus`;
const MARKER = new RegExp(
  String.raw`^(\*\*|__)?(${ACTION_WORDS}|${DECISION_WORDS})(?:[ \t]*\(([^()]{1,80})\))?(?::(?:\*\*|__)?|(?:\*\*|__):)[ \t]*`,
  'i',
);
const DECISION_MARKER = new RegExp(String.raw`^(?:${DECISION_WORDS})$`, 'i');
const HEADING = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;
const ACTION_SECTION = new RegExp(String.raw`^(?:[\p{L}-]+ )?(?:${ACTION_WORDS}|to-?dos)(?: from .*| \(.*\))?:?$`, 'iu');
const DECISION_SECTION = new RegExp(String.raw`^(?:[\p{L}-]+ )?(?:${DECISION_WORDS}|agreements?)(?: made| taken| reached| \(.*\))?:?$`, 'iu');
const ATTENDANCE_SECTION = /attend|participant|roll[ -]?call|\bpresent\b|\bregrets\b/i;
const OWNER_AT = /(^|[\s(])@([\p{L}\p{N}._-]+)/u;
const DUE = /\(due:?[ \t]*(\d{4}-\d{2}-\d{2})\)|\bdue:?[ \t]+(\d{4}-\d{2}-\d{2})\b/i;
const DONE_MARK = /\((?:done|closed)\)|\[done\]|✅|✔️?|☑️?/giu;
const NAME = String.raw`\p{Lu}[\p{L}\p{N}'’.-]*`;
const NAMES = String.raw`${NAME}(?:[ \t]+${NAME}){0,2}`;
const SENTENCE_OWNER = new RegExp(String.raw`^(${NAMES}(?:(?:,[ \t]*|[ \t]+and[ \t]+|[ \t]*&[ \t]*)${NAMES})*)[ \t]+(?:to|will)[ \t]+(?=\S)`, 'u');
const PREFIX_OWNER = new RegExp(String.raw`^(${NAMES}):[ \t]+(?=\S)`, 'u');
const NOT_NAMES = new Set(
  'the a an we i you they he she it this that these those everyone everybody someone somebody nobody all team group meeting next note notes update status question q fyi context background summary done blocked todo issue pr proposal idea edit link action decision'.split(' '),
);
/** Template placeholders: `* [ ] TODO` is an empty slot, not a task. */
const PLACEHOLDER = /^(?:todo|tbd|tba|n\/?a|\.\.\.|…|-+|_+)$/i;

export function parseHeading(line: string): { level: number; text: string } | null {
  const match = HEADING.exec(line);
  if (!match) return null;
  return { level: match[1]?.length ?? 1, text: stripEmphasis((match[2] ?? '').trim()) };
}

/** What a heading (or a `Decisions:` line introducing a list) opens: a list of action items or of decisions. */
export function sectionKindOf(title: string): ItemKind | 'attendance' | null {
  const name = stripEmphasis(title.trim()).replace(/\s+/g, ' ');
  if (ACTION_SECTION.test(name)) return 'action';
  if (DECISION_SECTION.test(name)) return 'decision';
  if (ATTENDANCE_SECTION.test(name)) return 'attendance';
  return null;
}

export function parseLine(line: string): ParsedLine {
  let position = 0;
  const list = LIST_ITEM.exec(line);
  const indent = /^[ \t]*/.exec(line)?.[0] ?? '';
  let bullet: string | null = null;
  if (list) {
    bullet = list[2] ?? null;
    position = list[0].length;
  } else {
    position = indent.length;
  }
  let checkbox: ParsedLine['checkbox'] = null;
  const box = bullet ? CHECKBOX.exec(line.slice(position)) : null;
  if (box) {
    checkbox = { index: position + 1, isChecked: box[1] !== ' ' };
    position += box[0].length;
  }
  let marker: ParsedLine['marker'] = null;
  const found = MARKER.exec(line.slice(position));
  if (found) {
    const word = (found[2] ?? '').toLowerCase();
    const kind: ItemKind = DECISION_MARKER.test(word) ? 'decision' : 'action';
    const ownerText = found[3]?.trim();
    const ownerStart = ownerText ? position + found[0].indexOf('(') + 1 : 0;
    marker = {
      kind,
      range: { start: position, end: position + found[0].length },
      owner: ownerText ? { value: ownerText.replace(/^@/, ''), range: { start: ownerStart, end: ownerStart + (found[3] ?? '').length } } : null,
    };
    position += found[0].length;
  }
  return { indent, bullet, checkbox, marker, bodyStart: position, body: line.slice(position) };
}

export function isPlaceholder(text: string): boolean {
  return text === '' || PLACEHOLDER.test(text) || /^[-*_\s]+$/.test(text);
}

export function parseBody(body: string, hasCheckbox: boolean): BodyParts {
  const masked = maskCodeSpans(body);
  const dueMatch = DUE.exec(masked);
  const dueValue = dueMatch ? (dueMatch[1] ?? dueMatch[2] ?? '') : '';
  const due =
    dueMatch && isDay(dueValue)
      ? {
          value: dueValue,
          range: { start: dueMatch.index, end: dueMatch.index + dueMatch[0].length },
          valueRange: { start: dueMatch.index + dueMatch[0].indexOf(dueValue), end: dueMatch.index + dueMatch[0].indexOf(dueValue) + dueValue.length },
        }
      : null;
  const outsideDue = (start: number) => !due || start < due.range.start || start >= due.range.end;
  const owner = findOwner(masked, outsideDue);
  const taken = [due?.range, owner && owner.kind !== 'sentence' ? owner.range : null].filter((range): range is Range => Boolean(range));
  const doneMarks = hasCheckbox ? [] : findDoneMarks(masked, taken);
  const text = removeRanges(body, [...taken, ...doneMarks]);
  const ownerlessText = owner?.kind === 'sentence' ? removeRanges(body, [...taken, ...doneMarks, owner.range]) : text;
  return { owner, due, doneMarks, text, ownerlessText };
}

/** The body with the inside of code spans blanked out (same length), so that `--due 2026-01-01` in code stays text. */
function maskCodeSpans(body: string): string {
  return body.replace(/(`+)([^`]|[^`][\s\S]*?[^`])\1(?!`)/g, (span) => '\u0001'.repeat(span.length));
}

function findOwner(body: string, outsideDue: (start: number) => boolean): BodyParts['owner'] {
  const at = OWNER_AT.exec(body);
  if (at) {
    const start = at.index + (at[1] ?? '').length;
    const value = (at[2] ?? '').replace(/\.+$/, '');
    if (value && outsideDue(start)) return { kind: 'at', value, range: { start, end: start + 1 + value.length } };
  }
  const leading = /^(?:~~)?/.exec(body)?.[0].length ?? 0;
  const rest = body.slice(leading);
  for (const [kind, pattern] of [['prefix', PREFIX_OWNER], ['sentence', SENTENCE_OWNER]] as const) {
    const match = pattern.exec(rest);
    const value = match?.[1];
    if (!match || !value || NOT_NAMES.has((value.split(/[\s,&]/)[0] ?? '').toLowerCase())) continue;
    return { kind, value, range: { start: leading, end: leading + match[0].length } };
  }
  return null;
}

function findDoneMarks(body: string, taken: Range[]): Range[] {
  const marks: Range[] = [];
  for (const match of body.matchAll(DONE_MARK)) marks.push({ start: match.index, end: match.index + match[0].length });
  const first = body.indexOf('~~');
  const last = body.lastIndexOf('~~');
  if (first >= 0 && last > first + 1) {
    const outside = removeRanges(body, [...taken, ...marks, { start: first, end: last + 2 }]);
    if (outside === '') marks.push({ start: first, end: first + 2 }, { start: last, end: last + 2 });
  }
  return marks;
}

/** The string without the ranges, one space left where a removal joined two words, trimmed. */
export function removeRanges(value: string, ranges: Range[]): string {
  const sorted = [...ranges].sort((a, b) => a.start - b.start);
  let result = '';
  let position = 0;
  for (const range of sorted) {
    if (range.start < position) continue;
    result = joinWords(result, value.slice(position, range.start));
    position = range.end;
  }
  return joinWords(result, value.slice(position)).trim();
}

function joinWords(left: string, right: string): string {
  if (/\s$/.test(left) && /^\s/.test(right)) return left + right.trimStart();
  return left + right;
}

export type Edit = Range & { insert: string };

/** Applies edits (ranges of `value` to replace); an edit that deletes also takes one neighbouring space. */
export function applyEdits(value: string, edits: Edit[]): string {
  let result = value;
  for (const edit of [...edits].sort((a, b) => b.start - a.start)) {
    let { start, end } = edit;
    if (edit.insert === '') {
      if (/\s/.test(result[end] ?? '') && (start === 0 || /\s/.test(result[start - 1] ?? ''))) end += 1;
      else if (/\s/.test(result[start - 1] ?? '') && end >= result.length) start -= 1;
    }
    result = result.slice(0, start) + edit.insert + result.slice(end);
  }
  return result;
}

export function normalizeForKey(text: string): string {
  return text.toLowerCase().replace(/\s+/g, ' ').trim();
}

/** An owner as it can be written after `@`: no spaces, only letters, digits, `.`, `_` and `-`. */
export function ownerHandle(owner: string | null): string | null {
  const handle = (owner ?? '').replace(/^@/, '').replace(/[^\p{L}\p{N}._-]+/gu, '').replace(/\.+$/, '');
  return handle === '' ? null : handle;
}

function isDay(value: string): boolean {
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

function stripEmphasis(text: string): string {
  const match = /^(\*\*|__)(.+)\1$/.exec(text);
  return match?.[2]?.trim() ?? text;
}
