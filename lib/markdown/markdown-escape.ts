/** Backslash escapes so that text written into a Markdown line reads back as the same plain text. Pure. */

const inline = /[\\`*_[\]<>~|]/g;

/** Escapes inline syntax (emphasis, code, links, HTML, tables) and what would start a block at the line's start. */
export function escapeInline(text: string): string {
  return text
    .replace(inline, (char) => `\\${char}`)
    .replace(/&(?=#?\w+;)/g, '\\&')
    .replace(/^([#>+=-])/, '\\$1')
    .replace(/^(\d+)([.)])/, '$1\\$2')
    .replace(/(\s)(#+)$/, '$1\\$2')
    .replace(/!(?=\\\[)/g, '\\!');
}
