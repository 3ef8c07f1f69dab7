import { describe, expect, it } from 'vitest';
import { applySequencedEvent, listItems } from './call-state';
import type { CallSnapshot } from './protocol';

const snapshot: CallSnapshot = {
  protocolVersion: 1,
  sequence: 4,
  serverTime: '2026-11-26T17:00:00.000Z',
  presence: { participantCount: 0, onlineCount: 0 },
  questions: [],
  call: {
    slug: 'abc',
    title: 'Community call',
    description: '',
    startsAt: '2026-11-26T17:00:00.000Z',
    timezone: 'Europe/Berlin',
    plannedMinutes: 60,
    status: 'live',
    startedAt: '2026-11-26T17:00:00.000Z',
    endedAt: null,
    currentItemId: 'i1',
    itemStartedAt: '2026-11-26T17:00:00.000Z',
    timerPausedAt: null,
    timerExtraSeconds: 0,
    qaOpen: true,
    qaModerated: false,
    qaScribesModerate: false,
    intro: null,
    documentsBaseUrl: '',
    links: [],
    sections: [
      { id: 's1', title: 'Welcome', notes: '', items: [{ id: 'i1', title: 'Intro', notes: '', presenter: '', plannedMinutes: 5 }] },
      { id: 's2', title: 'Q&A', notes: '', items: [{ id: 'i2', title: 'Open floor', notes: '', presenter: '', plannedMinutes: null }] },
    ],
  },
};
const move = (sequence: number) => ({
  sequence,
  event: { type: 'agenda.current' as const, currentItemId: 'i2', itemStartedAt: '2026-11-26T17:05:00.000Z' },
});

describe('applySequencedEvent', () => {
  it('applies the next event in sequence', () => {
    const result = applySequencedEvent(snapshot, move(5));
    expect(result.kind).toBe('applied');
    if (result.kind === 'applied') {
      expect(result.snapshot.sequence).toBe(5);
      expect(result.snapshot.call.currentItemId).toBe('i2');
    }
  });

  it('ignores events it already has and reports a gap when one is missing', () => {
    expect(applySequencedEvent(snapshot, move(4))).toEqual({ kind: 'stale' });
    expect(applySequencedEvent(snapshot, move(7))).toEqual({ kind: 'gap', expected: 5, received: 7 });
  });

  it('flattens items in agenda order with their section', () => {
    expect(listItems(snapshot.call).map((item) => `${item.sectionTitle}/${item.title}`)).toEqual(['Welcome/Intro', 'Q&A/Open floor']);
  });
});
