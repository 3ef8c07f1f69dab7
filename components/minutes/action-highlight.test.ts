import { Text } from '@codemirror/state';
import { describe, expect, it } from 'vitest';
import { decorate } from './action-highlight';

function marks(minutes: string): { from: number; className: unknown }[] {
  const found: { from: number; className: unknown }[] = [];
  decorate(Text.of(minutes.split('\n'))).between(0, minutes.length, (from, _to, decoration) => {
    found.push({ from, className: decoration.spec.class });
  });
  return found;
}

describe('decorate', () => {
  it('puts a line decoration at the start of each action item and decision line', () => {
    const minutes = '## Release\n- [ ] @hugo tag it\nDecision: ship\n- [x] @ana notes';
    expect(marks(minutes)).toEqual([
      { from: minutes.indexOf('- [ ] @hugo'), className: 'cm-action-line' },
      { from: minutes.indexOf('Decision'), className: 'cm-decision-line' },
      { from: minutes.indexOf('- [x]'), className: 'cm-action-line cm-action-done' },
    ]);
  });

  it('decorates nothing in plain minutes', () => {
    expect(marks('Hello\n\nworld')).toEqual([]);
  });
});
