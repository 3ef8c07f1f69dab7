import { defaultHighlightStyle, HighlightStyle } from '@codemirror/language';
import { EditorView } from '@codemirror/view';

/**
 * CodeMirror's default colours are fixed hex values made for a white page. These read the page's palette
 * instead (app/dark-theme.css swaps it), so the minutes stay readable in the dark theme too.
 */
const PALETTE: Record<string, string> = {
  '#404740': 'var(--color-slate-600, #404740)',
  '#708': 'var(--color-indigo-700, #708)',
  '#219': 'var(--color-indigo-800, #219)',
  '#164': 'var(--color-emerald-800, #164)',
  '#a11': 'var(--color-red-800, #a11)',
  '#e40': 'var(--color-amber-800, #e40)',
  '#00f': 'var(--color-indigo-700, #00f)',
  '#30a': 'var(--color-indigo-700, #30a)',
  '#085': 'var(--color-emerald-800, #085)',
  '#167': 'var(--color-emerald-800, #167)',
  '#256': 'var(--color-emerald-800, #256)',
  '#00c': 'var(--color-indigo-700, #00c)',
  '#940': 'var(--color-amber-800, #940)',
  '#f00': 'var(--color-red-700, #f00)',
};

export const minutesHighlightStyle = HighlightStyle.define(
  defaultHighlightStyle.specs.map((spec) => {
    const color: unknown = spec.color;
    return typeof color === 'string' ? { ...spec, color: PALETTE[color] ?? 'inherit' } : spec;
  }),
);

/** The caret and the selection of CodeMirror's light base theme would vanish on a dark surface. */
export const editorColors = EditorView.theme({
  '.cm-content': { caretColor: 'var(--color-slate-900, #000)' },
  '.cm-cursor, .cm-dropCursor': { borderLeftColor: 'var(--color-slate-900, #000)' },
  '&.cm-focused > .cm-scroller > .cm-selectionLayer .cm-selectionBackground, .cm-selectionBackground, .cm-content ::selection': {
    backgroundColor: 'var(--color-indigo-100, #d7d4f0)',
  },
  '.cm-placeholder': { color: 'var(--color-slate-500, #888)' },
});
