import { describe, expect, it } from 'vitest';
import { applySequencedEvent, listItems } from './call-state';
import type { CallSnapshot } from './protocol';
import { sampleCall, sampleItem, sampleSection } from './testing/samples';

const snapshot: CallSnapshot = {
  protocolVersion: 1,
  sequence: 4,
  serverTime: '2026-11-26T17:00:00.000Z',
  presence: { participantCount: 0, onlineCount: 0 },
  polls: [],
  pollResults: {},
  questions: [],
  call: sampleCall({ sections: [sampleSection('s1', 'Welcome', [sampleItem('i1', 5, 'Intro')]), sampleSection('s2', 'Q&A', [sampleItem('i2', null, 'Open floor')])] }),
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
