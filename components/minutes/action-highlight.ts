import { RangeSetBuilder, type Extension, type Text } from '@codemirror/state';
import { Decoration, EditorView, ViewPlugin, type DecorationSet, type ViewUpdate } from '@codemirror/view';
import { markedLines, type MarkedLineKind } from './marked-lines';

/** Typing fast changes the doc many times a second; the whole text is read again once the typing pauses. */
const RECOMPUTE_MS = 120;

const LINE_DECORATIONS: Record<MarkedLineKind, Decoration> = {
  action: Decoration.line({ class: 'cm-action-line' }),
  done: Decoration.line({ class: 'cm-action-line cm-action-done' }),
  decision: Decoration.line({ class: 'cm-decision-line' }),
};

/** One line decoration at the start of each marked line. */
export function decorate(doc: Text): DecorationSet {
  const builder = new RangeSetBuilder<Decoration>();
  for (const { line, kind } of markedLines(doc.toString())) {
    if (line <= doc.lines) builder.add(doc.line(line).from, doc.line(line).from, LINE_DECORATIONS[kind]);
  }
  return builder.finish();
}

const highlighter = ViewPlugin.fromClass(
  class {
    decorations: DecorationSet;
    #timer: ReturnType<typeof setTimeout> | undefined;

    constructor(readonly view: EditorView) {
      this.decorations = decorate(view.state.doc);
    }

    update(update: ViewUpdate) {
      if (!update.docChanged) return;
      // Meanwhile the marks move with the text, so they stay on their lines.
      this.decorations = this.decorations.map(update.changes);
      clearTimeout(this.#timer);
      this.#timer = setTimeout(() => {
        this.decorations = decorate(this.view.state.doc);
        this.view.dispatch({});
      }, RECOMPUTE_MS);
    }

    destroy() {
      clearTimeout(this.#timer);
    }
  },
  { decorations: (plugin) => plugin.decorations },
);

const theme = EditorView.baseTheme({
  // An inset shadow rather than a border: the text does not shift while a line becomes an item.
  // The palette's variables (with today's light values as fallbacks) so the dark theme swaps these too.
  '.cm-action-line': { boxShadow: 'inset 3px 0 0 var(--color-indigo-500, #6366f1)', backgroundColor: 'var(--color-indigo-50, #eef2ff)' },
  '.cm-action-done': { boxShadow: 'inset 3px 0 0 var(--color-slate-400, #94a3b8)', backgroundColor: 'var(--color-slate-50, #f8fafc)' },
  '.cm-decision-line': { boxShadow: 'inset 3px 0 0 var(--color-emerald-600, #059669)', backgroundColor: 'var(--color-emerald-50, #ecfdf5)' },
});

/** Marks action-item and decision lines as `extractActions` reads them, so scribes see what the panel will list. */
export function actionHighlight(): Extension {
  return [highlighter, theme];
}
