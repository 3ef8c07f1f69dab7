import { describe, expect, it } from 'vitest';
import { removedNamesNotice } from './retention';

describe('removedNamesNotice', () => {
  it('says nothing while the names are kept', () => {
    expect(removedNamesNotice({ endedAt: '2026-01-01T10:00:00.000Z', personalDataRemovedAt: null })).toBeNull();
  });

  it('counts whole days from the end of the call to the removal', () => {
    expect(removedNamesNotice({ endedAt: '2026-01-01T10:00:00.000Z', personalDataRemovedAt: '2026-01-31T10:40:00.000Z' })).toBe('Attendees’ names were removed 30 days after the call.');
    expect(removedNamesNotice({ endedAt: '2026-01-01T10:00:00.000Z', personalDataRemovedAt: '2026-01-02T11:00:00.000Z' })).toBe('Attendees’ names were removed 1 day after the call.');
  });

  it('still says so for a call without an end time', () => {
    expect(removedNamesNotice({ endedAt: null, personalDataRemovedAt: '2026-01-31T10:40:00.000Z' })).toBe('Attendees’ names were removed.');
  });
});
