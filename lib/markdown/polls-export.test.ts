import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PollResults, PublicPoll } from '../protocol';
import { buildCallRecord, type CallRecordSource } from './call-record';
import { recordSourceOf } from './import/draft-record';
import { importCall } from './import/test-support';
import { exportPollsMarkdown, type RecordedPoll } from './polls-export';

function poll(id: string, patch: Partial<PublicPoll> = {}): PublicPoll {
  return {
    id,
    question: `Question ${id}?`,
    kind: 'single',
    options: [],
    maxChoices: null,
    itemId: null,
    showResults: 'live',
    isNamed: false,
    status: 'closed',
    openedAt: '2026-11-26T17:10:00.000Z',
    createdAt: '2026-11-26T17:00:00.000Z',
    ...patch,
  };
}

function results(patch: Partial<PollResults> = {}): PollResults {
  return { answered: 0, options: [], average: null, words: [], texts: [], ...patch };
}

const cadence: RecordedPoll = {
  poll: poll('cadence', { question: 'Which release cadence?', openedAt: '2026-11-26T17:20:00.000Z' }),
  results: results({
    answered: 5,
    options: [
      { id: 'a', label: 'Monthly', count: 3, percent: 60 },
      { id: 'b', label: 'Quarterly', count: 2, percent: 40 },
    ],
  }),
};
const rating: RecordedPoll = {
  poll: poll('rating', { question: 'How was the demo?', kind: 'rating', openedAt: '2026-11-26T17:05:00.000Z', status: 'open' }),
  results: results({
    answered: 2,
    average: 4.5,
    options: [1, 2, 3, 4, 5].map((value) => ({ id: String(value), label: String(value), count: value >= 4 ? 1 : 0, percent: value >= 4 ? 50 : 0 })),
  }),
};
const words: RecordedPoll = {
  poll: poll('words', { question: 'One word for *this* call', kind: 'text', openedAt: '2026-11-26T17:30:00.000Z' }),
  results: results({ answered: 4, texts: [{ id: 't3', text: 'newest only' }] }),
  texts: ['Great demo', '- more Q&A', '1. faster'],
};

describe('exportPollsMarkdown', () => {
  it('writes opened polls in the order they were opened: counts and shares, answered, average, visible texts', () => {
    const draft: RecordedPoll = { poll: poll('draft', { status: 'draft', openedAt: null, createdAt: '2026-11-26T16:00:00.000Z' }), results: results() };
    expect(exportPollsMarkdown([cadence, draft, words, rating])).toBe(
      [
        '## Polls',
        '**1. How was the demo?** (rating 1 to 5, still open)',
        '- 1: 0 (0 %)\n- 2: 0 (0 %)\n- 3: 0 (0 %)\n- 4: 1 (50 %)\n- 5: 1 (50 %)',
        '2 answered, average 4.5 of 5.',
        '**2. Which release cadence?**',
        '- Monthly: 3 (60 %)\n- Quarterly: 2 (40 %)',
        '5 answered.',
        '**3. One word for \\*this\\* call** (open text)',
        '- Great demo\n- \\- more Q&A\n- 1\\. faster',
        '4 answered; one answer was hidden by a moderator.',
      ].join('\n\n'),
    );
  });

  it('is empty without an opened poll, so the record has no Polls section', () => {
    expect(exportPollsMarkdown([])).toBe('');
    expect(exportPollsMarkdown([{ poll: poll('d', { status: 'draft', openedAt: null }), results: results() }])).toBe('');
  });

  it('keeps results back while attendees may not see them, and says when nobody answered', () => {
    const secret: RecordedPoll = { poll: poll('s', { status: 'open', showResults: 'closed', kind: 'text' }), results: null };
    const empty: RecordedPoll = { poll: poll('e', { kind: 'text', openedAt: '2026-11-26T17:11:00.000Z' }), results: results() };
    expect(exportPollsMarkdown([secret, empty])).toBe(
      '## Polls\n\n**1. Question s?** (open text, still open)\n\nThe results are shown once the poll closes.\n\n**2. Question e?** (open text)\n\nNobody answered.',
    );
  });

  it('falls back to the visible texts results carry, and never writes names', () => {
    const named: RecordedPoll = {
      poll: poll('n', { kind: 'text', isNamed: true }),
      results: results({ answered: 2, texts: [{ id: 'x', text: 'Shown', name: 'Ada' }, { id: 'y', text: 'Spam', hidden: true, name: 'Bo' }] }),
    };
    const markdown = exportPollsMarkdown([named]);
    expect(markdown).toContain('- Shown\n\n2 answered; one answer was hidden by a moderator.');
    expect(markdown).not.toMatch(/Ada|Bo|Spam/);
  });
});

const call: CallRecordSource['call'] = {
  title: 'Jenkins community call',
  description: '',
  startsAt: '2026-12-03T16:30:00.000Z',
  timezone: 'Europe/Berlin',
  plannedMinutes: 60,
  links: [],
  sections: [{ id: 's1', title: 'Release', notes: '', items: [{ id: 'i1', title: 'Cadence', notes: 'Monthly or not.', presenter: 'Kai', plannedMinutes: 10 }] }],
  intro: null,
};

/** Export, import with the real importer, export again: the two records must be the same text. */
function expectRoundTrip(source: CallRecordSource): string {
  const record = buildCallRecord(source);
  const again = buildCallRecord(recordSourceOf(importCall(record).draft));
  expect(again).toBe(record);
  return record;
}

describe('the record with polls', () => {
  it('puts the polls after the minutes text and before the Q&A, and imports back unchanged', () => {
    const record = expectRoundTrip({ call, questions: [], attendees: [], minutes: '## Release\n\n- monthly', polls: [cadence, rating, words] });
    expect(record).toContain('Nobody checked in.\n\n## Release\n\n- monthly\n\n## Polls\n\n**1. How was the demo?**');
    expect(record).toContain('4 answered; one answer was hidden by a moderator.\n\n## Q&A\n');
  });

  it('imports back unchanged without minutes text, and leaves the section out without polls', () => {
    expectRoundTrip({ call, questions: [], attendees: [], polls: [words] });
    expect(buildCallRecord({ call, questions: [], attendees: [], polls: [] })).not.toContain('## Polls');
  });

  it('imports back unchanged whatever the questions, options and answers say', () => {
    const text = fc
      .array(fc.constantFrom('Attendees', 'Q&A', 'Questions', 'Present:', 'Regrets:', '*star*', '[x]', '<b>', '# hash', '1.', '-', 'TBD', 'café', 'notes', 'minutes', '`code`', 'a|b', '50%', '&amp;', 'why?'), { minLength: 1, maxLength: 5 })
      .map((list) => list.join(' '));
    const recorded = fc.record({
      question: text,
      kind: fc.constantFrom('single', 'multiple', 'rating', 'text') as fc.Arbitrary<PublicPoll['kind']>,
      labels: fc.uniqueArray(text, { minLength: 2, maxLength: 4, selector: (label) => label.toLowerCase() }),
      texts: fc.array(text, { maxLength: 4 }),
      answered: fc.nat(20),
      isOpen: fc.boolean(),
      isSecret: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(recorded, { maxLength: 4 }), fc.constantFrom('', '## Release\n\nMonthly.', 'Notes.\n\n- a\n  - b'), (generated, minutes) => {
        const polls = generated.map(({ question, kind, labels, texts, answered, isOpen, isSecret }, index): RecordedPoll => {
          const options = kind === 'single' || kind === 'multiple' ? labels.map((label, at) => ({ id: `o${at}`, label })) : [];
          const shown = kind === 'rating' ? [1, 2, 3, 4, 5].map((value) => ({ id: String(value), label: String(value) })) : options;
          return {
            poll: poll(`p${index}`, { question, kind, options, status: isOpen ? 'open' : 'closed', openedAt: `2026-11-26T17:${String(10 + index)}:00.000Z` }),
            results: isOpen && isSecret ? null : results({ answered, average: kind === 'rating' && answered > 0 ? 3.2 : null, options: kind === 'text' ? [] : shown.map((option) => ({ ...option, count: answered, percent: 100 })) }),
            texts,
          };
        });
        expectRoundTrip({ call, questions: [], attendees: [], minutes, polls });
      }),
      { numRuns: 150 },
    );
  });
});
