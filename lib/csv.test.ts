import { describe, expect, it } from 'vitest';
import { toCsv } from './csv';

describe('toCsv', () => {
  it('quotes commas, quotes and line breaks, and defuses formulas', () => {
    expect(toCsv([['name', 'note'], ['Ada, Lovelace', 'said "hi"\nthen left'], ['=SUM(A1)', '@cmd']])).toBe(
      'name,note\r\n"Ada, Lovelace","said ""hi""\nthen left"\r\n\'=SUM(A1),\'@cmd\r\n',
    );
  });
});
