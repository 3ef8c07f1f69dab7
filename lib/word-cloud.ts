/**
 * Common English words that say nothing on their own in a word cloud. Short on purpose: a community's own terms
 * ("release", "arm64", "docs") must stay.
 */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  (
    'a about above after again all also am an and any are as at be because been before being below between both but by can could ' +
    'did do does doing down during each few for from further had has have having he her here hers him his how i if in into is it ' +
    "its itself just me more most my no nor not now of off on once only or other our ours out over own same she should so some " +
    'such than that the their theirs them then there these they this those through to too under until up very was we were what ' +
    "when where which while who whom why will with would you your yours i'm it's don't we're they're i've that's there's"
  ).split(' '),
);

export type WordCount = { word: string; count: number };

/** Letters and digits, with apostrophes and hyphens inside a word ("don't", "arm64", "multi-arch"). */
const WORD = /[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu;

/**
 * The words of short answers, case-folded, stop words and one-letter words dropped, each counted once per answer
 * (so one person repeating a word does not outweigh others), most frequent first, ties alphabetically.
 */
export function countWords(answers: readonly string[], stopWords: ReadonlySet<string> = STOP_WORDS): WordCount[] {
  const counts = new Map<string, number>();
  for (const answer of answers) {
    const words = new Set((answer.normalize('NFC').toLocaleLowerCase().match(WORD) ?? []).map((word) => word.replace(/’/g, "'")));
    for (const word of words) {
      if (word.length < 2 || stopWords.has(word)) continue;
      counts.set(word, (counts.get(word) ?? 0) + 1);
    }
  }
  return [...counts]
    .map(([word, count]) => ({ word, count }))
    .sort((a, b) => b.count - a.count || a.word.localeCompare(b.word));
}
