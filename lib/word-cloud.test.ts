import { describe, expect, it } from 'vitest';
import { countWords } from './word-cloud';

describe('countWords', () => {
  it('counts words case-folded across answers, most frequent first, without stop words', () => {
    const answers = ['ARM64 in production', 'We run arm64 and x86', 'Mostly x86; some ARM64 at the edge'];
    expect(countWords(answers)).toEqual([
      { word: 'arm64', count: 3 },
      { word: 'x86', count: 2 },
      { word: 'edge', count: 1 },
      { word: 'mostly', count: 1 },
      { word: 'production', count: 1 },
      { word: 'run', count: 1 },
    ]);
  });

  it('counts a word once per answer, so repeating it does not outweigh other people', () => {
    expect(countWords(['docs docs docs DOCS', 'tests'])).toEqual([
      { word: 'docs', count: 1 },
      { word: 'tests', count: 1 },
    ]);
  });

  it('keeps apostrophes and hyphens inside words, accents and other scripts, and drops one-letter words', () => {
    expect(countWords(['Multi-arch builds aren’t easy', 'café Überraschung 日本語 x'])).toEqual([
      { word: "aren't", count: 1 },
      { word: 'builds', count: 1 },
      { word: 'café', count: 1 },
      { word: 'easy', count: 1 },
      { word: 'multi-arch', count: 1 },
      { word: 'überraschung', count: 1 },
      { word: '日本語', count: 1 },
    ]);
  });

  it('gives nothing for answers without words', () => {
    expect(countWords(['', '   ', '?!', 'the and of'])).toEqual([]);
  });
});
