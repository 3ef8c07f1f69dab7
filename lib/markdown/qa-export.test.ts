import { describe, expect, it } from 'vitest';
import type { PublicQuestion } from '../protocol';
import { buildCallRecord } from './call-record';
import { exportQaMarkdown } from './qa-export';

let clock = 0;
function question(fields: Partial<PublicQuestion>): PublicQuestion {
  clock += 1;
  return {
    id: `q${clock}`,
    text: 'A question?',
    authorName: 'Ada',
    isAnonymous: false,
    itemId: null,
    state: 'open',
    answer: '',
    answeredBy: '',
    voteCount: 0,
    createdAt: new Date(Date.UTC(2026, 11, 3, 17, 30, clock)).toISOString(),
    ...fields,
  };
}

describe('exportQaMarkdown', () => {
  it('lists answered and open questions in the order asked, answers nested under their question', () => {
    const lts = question({ text: 'When is the next LTS?', state: 'answered', answer: 'In the next release.', answeredBy: 'Kai', voteCount: 1 });
    const arm = question({ text: 'Will ARM64 agents be GA?', isAnonymous: true, authorName: '', voteCount: 9 });
    // Given newest first and with hidden ones mixed in: the export sorts and filters by itself.
    const hidden = [question({ state: 'dismissed', text: 'Spam' }), question({ state: 'pending', text: 'Waiting' })];
    expect(exportQaMarkdown([arm, ...hidden, lts])).toBe(
      ['## Q&A', '', '* Q (Ada): When is the next LTS?', '  * A (Kai): In the next release.', '* Q (Anonymous): Will ARM64 agents be GA?'].join('\n'),
    );
  });

  it('keeps multi-line questions and answers inside their bullets', () => {
    const multi = question({
      text: 'First line\r\nsecond line\n\n- a list in the question',
      state: 'answered',
      answer: 'Yes.\nSee the docs:\n  https://example.org',
      answeredBy: 'Kai',
    });
    expect(exportQaMarkdown([multi])).toBe(
      [
        '## Q&A',
        '',
        '* Q (Ada): First line',
        '  second line',
        '',
        '  - a list in the question',
        '  * A (Kai): Yes.',
        '    See the docs:',
        '      https://example.org',
      ].join('\n'),
    );
  });

  it('writes Markdown-looking text as it was asked, without HTML escaping', () => {
    const text = '<b>Is *this* safe?</b> & [link](x)';
    expect(exportQaMarkdown([question({ text })])).toContain(`* Q (Ada): ${text}`);
  });

  it('marks an answer without text or answerer, never hides the anonymous author, and says when nothing was asked', () => {
    const bare = question({ state: 'answered', isAnonymous: true, authorName: '' });
    expect(exportQaMarkdown([bare])).toBe('## Q&A\n\n* Q (Anonymous): A question?\n  * A: Answered in the call.');
    expect(exportQaMarkdown([question({ state: 'answering' })])).toContain('* Q (Ada): A question?');
    expect(exportQaMarkdown([])).toBe('## Q&A\n\nNo questions were asked.');
  });
});

describe('buildCallRecord', () => {
  it('puts the agenda first, then the minutes heading, the attendees and the Q&A', () => {
    const call = {
      title: 'Jenkins community call',
      description: '',
      startsAt: '2026-12-03T16:30:00.000Z',
      timezone: 'Europe/Berlin',
      plannedMinutes: 60,
      links: [],
      sections: [{ id: 's', title: 'Welcome', notes: '', items: [{ id: 'i', title: 'Intro round', notes: '', presenter: '', plannedMinutes: 5 }] }],
      intro: null,
    };
    const record = buildCallRecord({ call, questions: [question({ text: 'Why?' })], attendees: [] });
    expect(record).toMatch(/^# .*Jenkins community call/);
    expect(record).toContain('## Welcome\n\n- Intro round (5 min)\n\n# Call Minutes\n\n## Attendees\n\nNobody checked in.\n\n## Q&A\n\n* Q (Ada): Why?\n');
    expect(record.endsWith('\n')).toBe(true);
  });
});
