/**
 * The words of a Markdown text, for checking that an import loses nothing: case-folded word tokens counted with
 * multiplicity, after the Markdown punctuation is gone (list markers, task boxes, and a link written `[url](url)`
 * counts its URL once).
 */
export function wordsOf(markdown: string): string[] {
  const text = markdown
    .normalize('NFKC')
    .replace(/\[([^\]\n]+)\]\(\s*<?([^)\s>]+)>?\s*\)/g, (_whole, label: string, url: string) => (label.trim() === url ? url : `${label} ${url}`))
    .replace(/^\s*(?:[-*+]|\d{1,9}[.)])\s+(?:\[[ xX]\]\s+)?/gm, ' ');
  return Array.from(text.toLowerCase().matchAll(/[\p{L}\p{N}]+/gu), (match) => match[0]);
}

/** The words of `original` that `record` does not have (as many times). */
export function missingWords(original: string, record: string): string[] {
  const available = new Map<string, number>();
  for (const word of wordsOf(record)) available.set(word, (available.get(word) ?? 0) + 1);
  return wordsOf(original).filter((word) => {
    const count = available.get(word) ?? 0;
    if (count > 0) available.set(word, count - 1);
    return count === 0;
  });
}
