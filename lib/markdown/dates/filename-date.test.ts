import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isRealDay } from './calendar';
import { dateFromFilename } from './filename-date';

describe('dateFromFilename', () => {
  it.each([
    ['2021-07-13.md', { year: 2021, month: 7, day: 13 }],
    ['community-meetings/2021-12-14.md', { year: 2021, month: 12, day: 14 }],
    ['main/2023/CG-02-14.md', { year: 2023, month: 2, day: 14 }],
    ['2023/telcons/03-06-agenda.md', { year: 2023, month: 3, day: 6 }],
    ['meetings/2023/2023-05-17.md', { year: 2023, month: 5, day: 17 }],
    ['2023-05-17.md', { year: 2023, month: 5, day: 17 }],
    ['minutes/sync-meeting/2023-06-15.md', { year: 2023, month: 6, day: 15 }],
    ['notes/20230517-tac.md', { year: 2023, month: 5, day: 17 }],
    ['archive/2022/11/08/notes.md', { year: 2022, month: 11, day: 8 }],
    ['C:\\calls\\2021_09_28.markdown', { year: 2021, month: 9, day: 28 }],
    ['kubecon-na-2022.md', { year: 2022 }],
    ['events/2018/05-contributor-summit/steering-update.md', { year: 2018 }],
    ['telcons/03-06-agenda.md', { month: 3, day: 6 }],
    ['notes/25-12.md', { month: 12, day: 25 }],
  ])('reads %s', (path, expected) => {
    expect(dateFromFilename(path)).toEqual(expected);
  });

  it.each(['Meeting 12.md', 'README.md', '', 'agenda.md', 'v1-2-release.md', 'call-13-45.md'])('finds no date in "%s"', (path) => {
    expect(dateFromFilename(path)).toBeNull();
  });

  it('does not take an impossible day for a date', () => {
    expect(dateFromFilename('2021-02-30.md')).toEqual({ year: 2021 });
  });

  it('never throws, and any day it answers is a real one', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.stringMatching(/^[a-z0-9/_. -]{0,30}$/)), (path) => {
        const found = dateFromFilename(path);
        if (found?.month !== undefined) expect(isRealDay(found.year ?? 2000, found.month - 1, found.day ?? 0)).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });
});
