import { describe, expect, it } from 'vitest';
import { extractActions, updateActionLine } from './actions';

type Change = { owner?: string | null; due?: string | null; isDone?: boolean };

/** The minutes with the change applied to the only action item, and that its other lines kept every byte. */
function update(line: string, change: Change): string {
  const before = '# Call\r\n\n## Release\n\n';
  const after = '\n\nLast line  \n';
  const minutes = `${before}${line}${after}`;
  const [action] = extractActions(minutes).actions;
  if (!action) throw new Error(`no action in ${line}`);
  const updated = updateActionLine(minutes, action.key, change);
  if (updated === null) throw new Error('not updated');
  expect(updated.startsWith(before)).toBe(true);
  expect(updated.endsWith(after)).toBe(true);
  return updated.slice(before.length, updated.length - after.length);
}

describe('updateActionLine', () => {
  it.each<[string, Change, string]>([
    ['- [ ] write the notes', { isDone: true }, '- [x] write the notes'],
    ['  1. [x] write the notes', { isDone: false }, '  1. [ ] write the notes'],
    ['- [ ] write the notes', { owner: 'Ana Lopez' }, '- [ ] @AnaLopez write the notes'],
    ['- [ ] write the notes with @bob', { owner: 'ana' }, '- [ ] write the notes with @ana'],
    ['- [ ] @bob write the notes', { owner: null }, '- [ ] write the notes'],
    ['- [ ] write the notes @bob', { owner: null }, '- [ ] write the notes'],
    ['- [ ] Hugo to write the notes', { owner: 'ana' }, '- [ ] @ana write the notes'],
    ['- [ ] Hugo to write the notes', { owner: null }, '- [ ] write the notes'],
    ['## Action items\n- Ryan: Figure out video recording', { owner: 'Mara' }, '## Action items\n- @Mara Figure out video recording'],
    ['- [ ] write the notes', { due: '2026-12-20' }, '- [ ] write the notes (due 2026-12-20)'],
    ['- [ ] write the notes (due 2026-12-20)', { due: '2027-01-02' }, '- [ ] write the notes (due 2027-01-02)'],
    ['- [ ] write the notes due: 2026-12-20 please', { due: '2027-01-02' }, '- [ ] write the notes due: 2027-01-02 please'],
    ['- [ ] write the notes (due 2026-12-20)', { due: null }, '- [ ] write the notes'],
    ['- [ ] (due 2026-12-20) write the notes', { due: null }, '- [ ] write the notes'],
    ['AI: write the notes', { isDone: true }, '- [x] write the notes'],
    ['    AI (Hugo): write the notes (due 2026-12-20)', { isDone: true }, '    - [x] @Hugo write the notes (due 2026-12-20)'],
    ['* **Action item**: write the notes', { owner: 'ana' }, '* [ ] @ana write the notes'],
    ['TODO: Hugo to write the notes', { isDone: true }, '- [x] Hugo to write the notes'],
    ['TODO: Hugo to write the notes', { owner: 'ana' }, '- [ ] @ana write the notes'],
    ['AI (Hugo): write the notes', { owner: null }, 'AI: write the notes'],
    ['AI: @hugo write the notes', { owner: null }, 'AI: write the notes'],
    ['AI: write the notes', { due: '2026-12-20' }, 'AI: write the notes (due 2026-12-20)'],
    ['AI: ~~write the notes~~', { isDone: false }, 'AI: write the notes'],
    ['AI: write the notes (done)', { isDone: false }, 'AI: write the notes'],
    ['AI: ~~write the notes~~', { owner: 'ana' }, '- [x] @ana write the notes'],
    ['## Action items\n\n  - write the notes', { isDone: true }, '## Action items\n\n  - [x] write the notes'],
    ['## Action items\n\n- Ryan will own the merge.', { isDone: true, due: '2026-12-20' }, '## Action items\n\n- [x] Ryan will own the merge. (due 2026-12-20)'],
  ])('changes %j with %j', (line, change, expected) => {
    expect(update(line, change)).toBe(expected);
  });

  it('keeps CRLF line endings and leaves the other equal items alone', () => {
    const minutes = '- [ ] follow up\r\n- [ ] follow up\r\n';
    expect(updateActionLine(minutes, 'follow up#1', { isDone: true })).toBe('- [ ] follow up\r\n- [x] follow up\r\n');
  });

  it('returns null for an unknown key and the same text for no change', () => {
    expect(updateActionLine('- [ ] a', 'b#0', { isDone: true })).toBeNull();
    expect(updateActionLine('- [ ] a', 'a#0', { isDone: false })).toBe('- [ ] a');
  });

  const shapes = [
    '- [ ] write the notes',
    '* [x] @bob write the notes (due 2026-01-01)',
    '   3. [ ] Hugo and Ana to write the notes',
    'AI: write the notes',
    '**AI (Hugo):** write the notes',
    'TODO: Ryan will write the notes due: 2026-01-01',
    '- Action: ~~write the notes~~',
    'Action item: write the notes ✅',
    '## Next steps\n- write the notes',
    '## Action items\n1. Ryan: write the notes',
    'Action items:\n  - write the notes (due 2026-03-04)',
  ];
  const changes: Change[] = [
    { isDone: true },
    { isDone: false },
    { owner: 'ana' },
    { owner: 'Ana Lopez' },
    { owner: null },
    { due: '2027-05-06' },
    { due: null },
    { owner: 'zed', due: '2027-05-06', isDone: true },
    { owner: null, due: null, isDone: false },
  ];
  it.each(shapes)('finds the same key with the change applied after updating %j', (shape) => {
    const minutes = `# Call\n\n${shape}\n\n- [ ] write the notes\n`;
    const [first] = extractActions(minutes).actions;
    if (!first) throw new Error('no action');
    for (const change of changes) {
      const updated = updateActionLine(minutes, first.key, change) ?? '';
      const after = extractActions(updated).actions;
      expect(after.map((action) => action.key), `${shape} ${JSON.stringify(change)}`).toEqual(extractActions(minutes).actions.map((action) => action.key));
      const [changed] = after;
      expect(changed).toMatchObject({
        key: first.key,
        line: first.line,
        owner: change.owner === undefined ? first.owner : change.owner?.replace(/\s/g, '') ?? null,
        due: change.due === undefined ? first.due : change.due,
        isDone: change.isDone ?? first.isDone,
      });
      expect(updated.split('\n').filter((_, index) => index !== first.line - 1)).toEqual(minutes.split('\n').filter((_, index) => index !== first.line - 1));
    }
  });
});
