import { describe, expect, it } from 'vitest';
import { lineInsertion, markedLines } from './action-lines';

describe('markedLines', () => {
  it('marks open and done action items and decisions by line, in order', () => {
    const minutes = ['## Release', '', '- [ ] @hugo tag 1.2', 'Some talk', 'Decision: ship on Friday', '- [x] @ana write notes'].join('\n');
    expect(markedLines(minutes)).toEqual([
      { line: 3, kind: 'action' },
      { line: 5, kind: 'decision' },
      { line: 6, kind: 'done' },
    ]);
  });

  it('marks nothing in minutes without items', () => {
    expect(markedLines('## Intro\n\nHello everyone')).toEqual([]);
    expect(markedLines('')).toEqual([]);
  });
});

describe('lineInsertion', () => {
  it('fills a blank line in place, replacing its spaces', () => {
    expect(lineInsertion('  ', 10, '- [ ] ')).toEqual({ from: 10, to: 12, insert: '- [ ] ', cursor: 16 });
  });

  it('starts a new line after a line with text', () => {
    expect(lineInsertion('Hello', 4, 'Decision: ')).toEqual({ from: 9, to: 9, insert: '\nDecision: ', cursor: 20 });
  });
});
