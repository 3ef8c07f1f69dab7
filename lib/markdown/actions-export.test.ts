import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { extractActions, type ActionLine } from '../actions';
import type { PublicAction, PublicDecision } from '../protocol/actions';
import { exportActionsChecklist, exportActionsMarkdown } from './actions-export';
import { buildCallRecord } from './call-record';
import type { CallDraft } from './call-draft';
import { recordSourceOf } from './import/draft-record';
import { parseCallMarkdown } from './import/index';

const thisCall = { slug: 'flatcar-2026-12-03', title: 'Flatcar community call', startsAt: '2026-12-03T16:30:00.000Z' };
const earlier = { slug: 'flatcar-2026-11-05', title: 'Flatcar community call', startsAt: '2026-11-05T16:30:00.000Z' };

function action(text: string, fields: Partial<PublicAction> = {}): PublicAction {
  return { id: text, text, owner: null, due: null, isDone: false, itemId: null, call: thisCall, isCarriedOver: false, closedAt: null, ...fields };
}
const decision = (text: string): PublicDecision => ({ id: text, text, itemId: null, call: thisCall });

const sample = {
  actions: [
    action('write the release notes', { owner: 'kai', due: '2026-12-20' }),
    action('Hugo to check the [ARM64 board](https://example.org/board)', { owner: 'Hugo' }),
    action('tag `v2`', { isDone: true, owner: 'Ana Lopez' }),
    action('update the LTS docs', { call: earlier, isCarriedOver: true, due: '2026-11-30', owner: 'sam.r' }),
    action('ask the CNCF about the booth', { call: { ...earlier, title: 'Flatcar *community* call' }, isCarriedOver: true }),
  ],
  decisions: [decision('Ship 2026.1 in January'), decision('Use Zulip for async votes')],
};

describe('exportActionsMarkdown', () => {
  it('writes the action items as a task list, then the decisions', () => {
    expect(exportActionsMarkdown(sample)).toBe(
      [
        '## Action items',
        '',
        '- [ ] @kai write the release notes (due 2026-12-20)',
        '- [ ] Hugo to check the [ARM64 board](https://example.org/board)',
        '- [x] @AnaLopez tag `v2`',
        '- [ ] @sam.r update the LTS docs (from Flatcar community call, 2026-11-05) (due 2026-11-30)',
        '- [ ] ask the CNCF about the booth (from Flatcar \\*community\\* call, 2026-11-05)',
        '',
        '## Decisions',
        '',
        '- Ship 2026.1 in January',
        '- Use Zulip for async votes',
      ].join('\n'),
    );
  });

  it('writes each section only when it has entries, and nothing when there is nothing', () => {
    expect(exportActionsMarkdown({ actions: [], decisions: [] })).toBe('');
    expect(exportActionsMarkdown({ actions: [], decisions: [decision('Ship it')] })).toBe('## Decisions\n\n- Ship it');
    expect(exportActionsMarkdown({ actions: [action('ship it')], decisions: [] })).toBe('## Action items\n\n- [ ] ship it');
  });

  it('names the call of an item of another call when given the call it exports', () => {
    const other = action('review', { call: { ...earlier, startsAt: null } });
    expect(exportActionsMarkdown({ actions: [other], decisions: [] }, thisCall.slug)).toBe('## Action items\n\n- [ ] review (from Flatcar community call)');
    expect(exportActionsMarkdown({ actions: [other], decisions: [] }, earlier.slug)).toBe('## Action items\n\n- [ ] review');
  });
});

describe('exportActionsChecklist', () => {
  it('puts open items first, then the done ones, then the decisions', () => {
    const checklist = exportActionsChecklist('Flatcar call, December', sample);
    expect(checklist.split('\n').slice(0, 8)).toEqual([
      '## Action items from Flatcar call, December',
      '',
      '- [ ] @kai write the release notes (due 2026-12-20)',
      '- [ ] Hugo to check the [ARM64 board](https://example.org/board)',
      '- [ ] @sam.r update the LTS docs (from Flatcar community call, 2026-11-05) (due 2026-11-30)',
      '- [ ] ask the CNCF about the booth (from Flatcar \\*community\\* call, 2026-11-05)',
      '- [x] @AnaLopez tag `v2`',
      '',
    ]);
    expect(checklist.endsWith('### Decisions\n\n- Ship 2026.1 in January\n- Use Zulip for async votes\n')).toBe(true);
    expect(exportActionsChecklist('Quiet call', { actions: [], decisions: [] })).toBe('## Action items from Quiet call\n\nNo action items.\n');
  });
});

const base = `# Flatcar community call

**When:** 2026-12-03 17:30 Europe/Berlin

# Call Minutes

## Release

We talked about the release.

- Kai will look at the kernel.
`;

function reimport(markdown: string): CallDraft {
  const result = parseCallMarkdown(markdown);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.draft;
}

/** The items as the server would hold them after reading them out of imported minutes. */
function asPublic(extracted: ActionLine[]): PublicAction[] {
  return extracted.map((line) => action(line.text, { id: line.key, owner: line.owner, due: line.due, isDone: line.isDone }));
}

function roundTrip(source: { actions: PublicAction[]; decisions: PublicDecision[] }) {
  const draft = reimport(base);
  const markdown = buildCallRecord({ ...recordSourceOf(draft), actions: source });
  const again = reimport(markdown);
  const read = extractActions(again.minutes);
  const exportedAgain = buildCallRecord({ ...recordSourceOf(again), actions: { actions: asPublic(read.actions), decisions: read.decisions.map((each) => decision(each.text)) } });
  return { markdown, again, read, exportedAgain };
}

describe('the record with action items and decisions', () => {
  it('places them after the polls and before the Q&A, and leaves out a section the minutes already have', () => {
    const record = buildCallRecord({ ...recordSourceOf(reimport(base)), actions: sample });
    expect(record).toMatch(/- Kai will look at the kernel\.\n\n## Action items\n\n- \[ \] @kai[^]*\n- Use Zulip for async votes\n\n## Q&A\n/);
    const withOwn = buildCallRecord({ ...recordSourceOf(reimport(base)), minutes: '## Action items\n\n- [ ] mine', actions: sample });
    expect(withOwn).toContain('- [ ] mine\n\n## Decisions\n\n- Ship 2026.1 in January');
    expect(withOwn.match(/^## Action items$/gm)).toHaveLength(1);
    expect(buildCallRecord({ ...recordSourceOf(reimport(base)), actions: { actions: [], decisions: [] } })).toBe(buildCallRecord(recordSourceOf(reimport(base))));
  });

  it('imports back as minutes text from which the same items are read, and exports the same document again', () => {
    const { markdown, again, read, exportedAgain } = roundTrip(sample);
    expect(again.minutes).toContain('## Action items\n\n- [ ] @kai write the release notes (due 2026-12-20)');
    expect(again.minutes).toContain('## Decisions\n\n- Ship 2026.1 in January');
    expect(read.actions.map(({ text, owner, due, isDone }) => ({ text, owner, due, isDone }))).toEqual([
      { text: 'write the release notes', owner: 'kai', due: '2026-12-20', isDone: false },
      { text: 'Hugo to check the [ARM64 board](https://example.org/board)', owner: 'Hugo', due: null, isDone: false },
      { text: 'tag `v2`', owner: 'AnaLopez', due: null, isDone: true },
      { text: 'update the LTS docs (from Flatcar community call, 2026-11-05)', owner: 'sam.r', due: '2026-11-30', isDone: false },
      { text: 'ask the CNCF about the booth (from Flatcar \\*community\\* call, 2026-11-05)', owner: null, due: null, isDone: false },
    ]);
    expect(read.decisions.map((each) => each.text)).toEqual(['Ship 2026.1 in January', 'Use Zulip for async votes']);
    expect(exportedAgain).toBe(markdown);
  });

  it('round-trips generated items', () => {
    const word = fc.constantFrom('release', 'docs', 'kernel', 'review', 'ARM64', 'café', '`make`', '[link](https://example.org)', 'v1.2', 'q3');
    const text = fc.array(word, { minLength: 1, maxLength: 6 }).map((words) => words.join(' '));
    const generated = fc.record({
      actions: fc.array(
        fc.record({ text, owner: fc.constantFrom(null, 'kai', 'ada-l', 'thilo_fromm', 'Kai Tanaka'), due: fc.constantFrom(null, '2026-12-20', '2027-02-28'), isDone: fc.boolean(), isCarriedOver: fc.boolean() }),
        { maxLength: 5 },
      ),
      decisions: fc.array(text, { maxLength: 3 }),
    });
    fc.assert(
      fc.property(generated, (items) => {
        const source = { actions: items.actions.map((each) => action(each.text, { ...each, call: each.isCarriedOver ? earlier : thisCall })), decisions: items.decisions.map(decision) };
        const { markdown, read, exportedAgain } = roundTrip(source);
        expect(read.actions.map((each) => [each.owner, each.due, each.isDone])).toEqual(source.actions.map((each) => [each.owner?.replace(/\s/g, '') ?? null, each.due, each.isDone]));
        expect(read.decisions.map((each) => each.text)).toEqual(items.decisions);
        expect(exportedAgain).toBe(markdown);
      }),
      { numRuns: 60 },
    );
  }, 60_000);
});
