'use client';

import { defaultKeymap, indentWithTab } from '@codemirror/commands';
import { markdown } from '@codemirror/lang-markdown';
import { syntaxHighlighting } from '@codemirror/language';
import { EditorState } from '@codemirror/state';
import { EditorView, keymap, placeholder } from '@codemirror/view';
import { useEffect, useRef } from 'react';
import { yCollab, yUndoManagerKeymap } from 'y-codemirror.next';
import * as Y from 'yjs';
import { actionItemInsertion, DECISION_INSERTION } from '@/lib/actions';
import { headingInsertion } from '@/lib/minutes';
import { actionHighlight } from './action-highlight';
import { editorColors, minutesHighlightStyle } from './editor-colors';
import { lineInsertion } from './marked-lines';
import type { MinutesProvider } from './minutes-provider';

export const HEADING_SHORTCUT = 'Mod-Alt-h';
export const ACTION_SHORTCUT = 'Mod-Alt-a';
/** Ctrl+Alt+D elsewhere; on a Mac, Cmd+Option+D shows or hides the Dock before the page sees it. */
export const DECISION_SHORTCUT = { key: 'Mod-Alt-d', mac: 'Mod-Alt-e' } as const;

/** Starts an action item (`- [ ] @owner `) or a decision on a line of its own at the cursor, and puts the cursor after it. */
export function insertLineStart(view: EditorView, snippet: string): void {
  const line = view.state.doc.lineAt(view.state.selection.main.head);
  const { from, to, insert, cursor } = lineInsertion(line.text, line.from, snippet);
  view.dispatch({ changes: { from, to, insert }, selection: { anchor: cursor }, scrollIntoView: true, userEvent: 'input' });
  view.focus();
}

export const insertActionItem = (view: EditorView, owner: string | null) => insertLineStart(view, actionItemInsertion(owner));
export const insertDecision = (view: EditorView) => insertLineStart(view, DECISION_INSERTION);

/** Puts "## <title>" on a line of its own after the cursor's line (or at the end) and moves the cursor below it. */
export function insertHeading(view: EditorView, title: string, where: 'cursor' | 'end' = 'cursor'): void {
  const { doc } = view.state;
  const position = where === 'end' ? doc.length : doc.lineAt(view.state.selection.main.head).to;
  const { insert, cursor } = headingInsertion(doc.sliceString(0, position), position, title);
  view.dispatch({ changes: { from: position, insert }, selection: { anchor: cursor }, scrollIntoView: true, userEvent: 'input' });
  view.focus();
}

const theme = EditorView.theme({
  '&': { minHeight: '16rem', fontSize: '0.95rem' },
  '.cm-content': { fontFamily: 'ui-monospace, SFMono-Regular, Menlo, monospace', padding: '0.75rem 0' },
  '.cm-scroller': { maxHeight: '32rem', overflow: 'auto' },
  // CodeMirror's own grey (#888) is below the 4.5:1 contrast text needs.
  '.cm-placeholder': { color: 'var(--color-slate-500)' },
  '&.cm-focused': { outline: '2px solid #6366f1', outlineOffset: '2px' },
  // Name labels stay visible so everyone sees who types where (the default shows them on hover only).
  '.cm-ySelectionInfo': { opacity: '1', fontFamily: 'inherit' },
});

type Props = {
  provider: MinutesProvider;
  /** The current agenda item's title, read when the shortcut is pressed. */
  currentTitle: () => string | null;
  onView: (view: EditorView | null) => void;
  describedBy?: string;
};

export function MinutesEditor({ provider, currentTitle, onView, describedBy }: Props) {
  const parent = useRef<HTMLDivElement>(null);
  const titleRef = useRef(currentTitle);
  useEffect(() => {
    titleRef.current = currentTitle;
  }, [currentTitle]);

  useEffect(() => {
    if (!parent.current) return;
    const undoManager = new Y.UndoManager(provider.text);
    const shortcut = (view: EditorView) => {
      const title = titleRef.current();
      if (title) insertHeading(view, title);
      return true;
    };
    const view = new EditorView({
      parent: parent.current,
      state: EditorState.create({
        doc: provider.text.toString(),
        extensions: [
          keymap.of([
            { key: HEADING_SHORTCUT, run: shortcut, preventDefault: true },
            { key: ACTION_SHORTCUT, run: (editor) => (insertActionItem(editor, null), true), preventDefault: true },
            { ...DECISION_SHORTCUT, run: (editor) => (insertDecision(editor), true), preventDefault: true },
            ...yUndoManagerKeymap,
            indentWithTab,
            ...defaultKeymap,
          ]),
          markdown(),
          syntaxHighlighting(minutesHighlightStyle),
          EditorView.lineWrapping,
          placeholder('Take notes in Markdown: "## Item", "1. Point", "   - detail"…'),
          EditorView.contentAttributes.of({ 'aria-label': 'Minutes (Markdown)', ...(describedBy ? { 'aria-describedby': describedBy } : {}) }),
          theme,
          editorColors,
          actionHighlight(),
          yCollab(provider.text, provider.awareness, { undoManager }),
        ],
      }),
    });
    onView(view);
    return () => {
      onView(null);
      view.destroy();
      undoManager.destroy();
    };
  }, [provider, onView, describedBy]);

  return <div ref={parent} className="rounded-lg bg-white ring-1 ring-slate-300" data-testid="minutes-editor" />;
}
