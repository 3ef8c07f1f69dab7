import { describe, expect, it } from 'vitest';
import { buildCallRecord } from './call-record';

const call = {
  title: 'Jenkins community call',
  description: '',
  startsAt: '2026-12-03T16:30:00.000Z',
  timezone: 'Europe/Berlin',
  plannedMinutes: 60,
  links: [],
  sections: [],
  intro: null,
};

describe('buildCallRecord with minutes', () => {
  it('puts the scribes’ minutes under Call Minutes, before the Q&A', () => {
    const record = buildCallRecord({ call, questions: [], attendees: [], minutes: '## Release\n\n1. Cadence\n   - monthly\n\n' });
    expect(record).toContain('# Call Minutes\n\n## Attendees\n\nNobody checked in.\n\n## Release\n\n1. Cadence\n   - monthly\n\n## Q&A\n');
  });

  it('leaves the minutes out while they are empty', () => {
    expect(buildCallRecord({ call, questions: [], attendees: [], minutes: '  \n' })).toContain('Nobody checked in.\n\n## Q&A');
  });
});
