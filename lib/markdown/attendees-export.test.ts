import { describe, expect, it } from 'vitest';
import type { ParticipantView } from '../protocol';
import { exportAttendeesMarkdown } from './attendees-export';

const person = (id: string, displayName: string, patch: Partial<ParticipantView> = {}): ParticipantView => ({
  id,
  displayName,
  affiliation: '',
  pronouns: '',
  reason: '',
  role: 'attendee',
  isTeam: false,
  isOnline: false,
  handRaisedAt: null,
  checkedInAt: '2026-11-26T17:00:00.000Z',
  ...patch,
});

describe('exportAttendeesMarkdown', () => {
  it('lists attendees with affiliation, team and reason, then who spoke in the intro round in order', () => {
    const people = [person('a', 'Ada', { affiliation: 'Jenkins', isTeam: true, reason: 'release\nnews' }), person('b', 'Bo'), person('c', 'Cy')];
    expect(exportAttendeesMarkdown(people, { status: 'running', order: ['c', 'a', 'b'], currentIndex: 2 })).toBe(
      ['## Attendees', '', '* Ada (Jenkins) — team: release news', '* Bo', '* Cy', '', '### Intro round', '', '1. Cy', '2. Ada'].join('\n'),
    );
  });

  it('says so when nobody checked in', () => {
    expect(exportAttendeesMarkdown([], null)).toBe('## Attendees\n\nNobody checked in.');
  });

  it('gives only the number of attendees once their names were removed', () => {
    const people = [person('a', '', { isTeam: true }), person('b', ''), person('c', '')];
    expect(exportAttendeesMarkdown(people, { status: 'done', order: ['c', 'a'], currentIndex: 2 }, 'Attendees’ names were removed 30 days after the call.')).toBe(
      '## Attendees\n\n3 people checked in. Attendees’ names were removed 30 days after the call.',
    );
  });
});
