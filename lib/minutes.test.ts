import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { diffText, hasHeading, headingInsertion, isDecodableUpdate, isEmptyUpdate, minutesText, replaceText, textOfState } from './minutes';

function docWith(text: string): Y.Doc {
  const doc = new Y.Doc();
  minutesText(doc).insert(0, text);
  return doc;
}

describe('diffText', () => {
  it('keeps the common prefix and suffix', () => {
    expect(diffText('1. Alpha\n2. Beta\n', '1. Alpha\n2. Gamma\n')).toEqual({ index: 12, deleteCount: 3, insert: 'Gamm' });
    expect(diffText('same', 'same')).toEqual({ index: 4, deleteCount: 0, insert: '' });
    expect(diffText('', 'new')).toEqual({ index: 0, deleteCount: 0, insert: 'new' });
    expect(diffText('aaa', 'aa')).toEqual({ index: 2, deleteCount: 1, insert: '' });
  });
});

describe('replaceText', () => {
  it('turns the text into the target as an update that merges with concurrent edits', () => {
    const server = docWith('# Minutes\n- one\n- two\n');
    const scribe = new Y.Doc();
    Y.applyUpdate(scribe, Y.encodeStateAsUpdate(server));

    minutesText(scribe).insert(0, 'Draft: ');
    const restore = replaceText(server, '# Minutes\n- one\n');
    expect(minutesText(server).toString()).toBe('# Minutes\n- one\n');

    Y.applyUpdate(scribe, restore);
    Y.applyUpdate(server, Y.encodeStateAsUpdate(scribe));
    expect(minutesText(scribe).toString()).toBe('Draft: # Minutes\n- one\n');
    expect(minutesText(server).toString()).toBe(minutesText(scribe).toString());
  });

  it('reads the text of a stored state', () => {
    expect(textOfState(Y.encodeStateAsUpdate(docWith('hello')))).toBe('hello');
  });
});

describe('updates', () => {
  it('tells garbled and empty updates apart from real ones', () => {
    const real = Y.encodeStateAsUpdate(docWith('x'));
    expect(isDecodableUpdate(real)).toBe(true);
    expect(isDecodableUpdate(new Uint8Array([9, 200, 17]))).toBe(false);
    expect(isEmptyUpdate(Y.encodeStateAsUpdate(new Y.Doc()))).toBe(true);
    expect(isEmptyUpdate(real)).toBe(false);
  });
});

describe('headings', () => {
  it('puts the heading on its own line with a blank line before it', () => {
    expect(headingInsertion('', 0, 'Intro round')).toEqual({ insert: '## Intro round\n\n', cursor: 16 });
    expect(headingInsertion('- note', 6, 'Demo').insert).toBe('\n\n## Demo\n\n');
    expect(headingInsertion('- note\n', 7, 'Demo').insert).toBe('\n## Demo\n\n');
    expect(hasHeading('x\n## Demo\n', 'Demo')).toBe(true);
    expect(hasHeading('x\n### Demo\n', 'Demo')).toBe(false);
  });
});
