import { extractActions } from '@/lib/actions';

export type MarkedLineKind = 'action' | 'done' | 'decision';
/** A line of the minutes that is an action item (open or done) or a decision; `line` is 1-based. */
export type MarkedLine = { line: number; kind: MarkedLineKind };

/** The lines to highlight in the editor, in document order, one mark per line. */
export function markedLines(minutes: string): MarkedLine[] {
  const { actions, decisions } = extractActions(minutes);
  const byLine = new Map<number, MarkedLineKind>();
  for (const action of actions) byLine.set(action.line, action.isDone ? 'done' : 'action');
  for (const decision of decisions) if (!byLine.has(decision.line)) byLine.set(decision.line, 'decision');
  return [...byLine].map(([line, kind]) => ({ line, kind })).sort((a, b) => a.line - b.line);
}

/**
 * Where a line-starting snippet (`- [ ] @owner `, `Decision: `) goes for a cursor on a line holding `lineText` that
 * ends at `lineEnd`: on that line when it is blank, else on a new line after it. The cursor ends after the snippet.
 */
export function lineInsertion(lineText: string, lineFrom: number, snippet: string): { from: number; to: number; insert: string; cursor: number } {
  if (lineText.trim() === '') {
    return { from: lineFrom, to: lineFrom + lineText.length, insert: snippet, cursor: lineFrom + snippet.length };
  }
  const lineEnd = lineFrom + lineText.length;
  const insert = `\n${snippet}`;
  return { from: lineEnd, to: lineEnd, insert, cursor: lineEnd + insert.length };
}
