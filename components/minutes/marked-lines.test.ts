import { describe, expect, it } from 'vitest';
import { extractActions } from '@/lib/actions';
import { lineInsertion, markedLines } from './marked-lines';

describe('markedLines', () => {
  it('marks open and done action items and decisions by line, in order', () => {
    const minutes = ['## Release', '', '- [ ] @hugo tag 1.2', 'Some talk', 'Decision: ship on Friday', '- [x] @ana write notes'].join('\n');
    expect(markedLines(minutes)).toEqual([
      { line: 3, kind: 'action' },
      { line: 5, kind: 'decision' },
      { line: 6, kind: 'done' },
    ]);
  });

  it('marks the lines extractActions reads, markers and sections alike', () => {
    const minutes = ['## Action items', '', '- Hugo to tag the release', '', 'AI: Ana write the notes', 'Agreed: no call on the 24th'].join('\n');
    const { actions, decisions } = extractActions(minutes);
    const expected = [...actions.map((action) => action.line), ...decisions.map((decision) => decision.line)].sort((a, b) => a - b);
    expect(markedLines(minutes).map((mark) => mark.line)).toEqual(expected);
    expect(markedLines(minutes)).toEqual([
      { line: 3, kind: 'action' },
      { line: 5, kind: 'action' },
      { line: 6, kind: 'decision' },
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
