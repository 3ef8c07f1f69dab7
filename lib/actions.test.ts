import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DECISION_INSERTION, actionItemInsertion, extractActions, type ActionLine } from './actions';

const corpus = new URL('./markdown/import/fixtures/', import.meta.url);
const fixture = (name: string) => readFileSync(new URL(name, corpus), 'utf8');

const actionsOf = (minutes: string) => extractActions(minutes).actions;
const only = (minutes: string): ActionLine => {
  const actions = actionsOf(minutes);
  expect(actions).toHaveLength(1);
  const [action] = actions;
  if (!action) throw new Error('no action');
  return action;
};
const pick = (action: ActionLine) => ({ text: action.text, owner: action.owner, due: action.due, isDone: action.isDone });

describe('extractActions: action item shapes', () => {
  it('reads task-list lines with any bullet, numbered ones and indented ones', () => {
    const minutes = ['- [ ] write the release notes', '* [x] tag v2', '+ [X] close milestone', '1. [ ] update docs', '    - [ ] nested task', '2) [ ] other'].join('\n');
    expect(actionsOf(minutes).map((action) => [action.line, action.text, action.isDone])).toEqual([
      [1, 'write the release notes', false],
      [2, 'tag v2', true],
      [3, 'close milestone', true],
      [4, 'update docs', false],
      [5, 'nested task', false],
      [6, 'other', false],
    ]);
  });

  it.each([
    ['AI: update the FAQ', 'update the FAQ', null],
    ['ai: lower case marker', 'lower case marker', null],
    ['AI (Hugo): update the FAQ', 'update the FAQ', 'Hugo'],
    ['Action: send the survey', 'send the survey', null],
    ['Action item: send the survey', 'send the survey', null],
    ['Action items: send the survey', 'send the survey', null],
    ['ACTION: @hugo to send the survey', 'to send the survey', 'hugo'],
    ['TODO: Hugo to send the survey', 'Hugo to send the survey', 'Hugo'],
    ['**AI:** send the survey', 'send the survey', null],
    ['**Action item**: send the survey', 'send the survey', null],
    ['- AI: send the survey', 'send the survey', null],
    ['   * TODO: send the survey', 'send the survey', null],
    ['3. Action: send the survey', 'send the survey', null],
    ['Next steps: Peter will finish expanding on his EIP in the issue and submit a formal PR for EIP acceptance.', 'Peter will finish expanding on his EIP in the issue and submit a formal PR for EIP acceptance.', 'Peter'],
    ['Follow-up: ask the CNCF about the booth', 'ask the CNCF about the booth', null],
  ])('reads the marker line %j', (line, text, owner) => {
    expect(pick(only(line))).toEqual({ text, owner, due: null, isDone: false });
  });

  it('reads every outermost list item under an action items heading, until a heading as high', () => {
    const minutes = [
      '## Release',
      'Action items from last week were reviewed.',
      '### Action items',
      '',
      '- Ryan: Figure out video recording meetings',
      '- Ryan will own team repo merge.',
      '    - RFC does not have an absence policy',
      '1. Mark will own RFC repo merge.',
      'A paragraph in the section.',
      '#### Later',
      '- still under action items',
      '### Notes',
      '- not an item',
    ].join('\n');
    expect(actionsOf(minutes).map((action) => [action.line, action.text, action.owner, action.heading])).toEqual([
      [5, 'Figure out video recording meetings', 'Ryan', 'Release'],
      [6, 'Ryan will own team repo merge.', 'Ryan', 'Release'],
      [8, 'Mark will own RFC repo merge.', 'Mark', 'Release'],
      [11, 'still under action items', null, 'Later'],
    ]);
  });

  it.each(['Action items', 'Action Items', 'Actions', 'AIs', 'Follow-ups', 'Next steps', 'TODO', '**Action items**', 'Open action items', 'Action items:'])(
    'treats the heading %j as an action items section',
    (title) => {
      expect(actionsOf(`# Call\n\n## ${title}\n\n- Hugo to send the survey\n`).map((action) => action.text)).toEqual(['Hugo to send the survey']);
    },
  );

  it('treats a marker line with nothing after it as introducing a list, ending with the list', () => {
    const minutes = ['Action items:', '- first', '  - a note on it', '- second', '', '- third', 'Back to prose.', '- not an item'].join('\n');
    expect(actionsOf(minutes).map((action) => action.text)).toEqual(['first', 'second', 'third']);
    const nested = ['- Carol: Do we need video?', '- Follow ups:', '    - Jack: What is our absent policy?', '- Ryan: Let us come back to it.'].join('\n');
    expect(actionsOf(nested).map((action) => [action.text, action.owner])).toEqual([['What is our absent policy?', 'Jack']]);
  });

  it('reads owners: the first @handle, a marker in parentheses, a leading "Name to", "Name and Name to", "Name will", "Name:"', () => {
    expect(only('- [ ] @ana-lopez review the PR with @bob').owner).toBe('ana-lopez');
    expect(only('- [ ] review the PR, @bob.').owner).toBe('bob');
    expect(only('- [ ] mail hugo@example.com about it').owner).toBeNull();
    expect(only('- [ ] Ana and Bob to draft the blog post').owner).toBe('Ana and Bob');
    expect(only('- [ ] Eric Huss will write it up').owner).toBe('Eric Huss');
    expect(only('- [ ] Ryan: check RFC for absence policy').owner).toBe('Ryan');
    expect(only('- [ ] The team will review').owner).toBeNull();
    expect(only('- [ ] We will review').owner).toBeNull();
    expect(only('- [ ] Note: ask again').owner).toBeNull();
    expect(only('- [ ] review it').owner).toBeNull();
  });

  it('reads due dates in three spellings and leaves invalid ones in the text', () => {
    expect(pick(only('- [ ] @hugo ship it (due 2026-12-20)'))).toEqual({ text: 'ship it', owner: 'hugo', due: '2026-12-20', isDone: false });
    expect(only('- [ ] ship it due: 2026-12-20').due).toBe('2026-12-20');
    expect(only('AI: ship it due 2026-12-20 at the latest').text).toBe('ship it at the latest');
    expect(only('- [ ] ship it (due 2026-02-30)')).toMatchObject({ due: null, text: 'ship it (due 2026-02-30)' });
  });

  it('reads done: a ticked box, or for other items a strike through, (done) or ✅', () => {
    expect(only('- [x] done').isDone).toBe(true);
    expect(pick(only('AI: ~~update the FAQ~~'))).toEqual({ text: 'update the FAQ', owner: null, due: null, isDone: true });
    expect(pick(only('TODO: @hugo ~~update the FAQ~~ (due 2026-01-05)'))).toEqual({ text: 'update the FAQ', owner: 'hugo', due: '2026-01-05', isDone: true });
    expect(pick(only('AI: update the FAQ (done)'))).toMatchObject({ text: 'update the FAQ', isDone: true });
    expect(pick(only('AI: update the FAQ ✅'))).toMatchObject({ text: 'update the FAQ', isDone: true });
    expect(pick(only('AI: update ~~the~~ FAQ'))).toMatchObject({ text: 'update ~~the~~ FAQ', isDone: false });
    expect(only('- [ ] ~~struck but unticked~~').isDone).toBe(false);
  });

  it('keeps links and code spans in the text', () => {
    expect(only('- [ ] @hugo read [the RFC](https://example.com/rfc#a) and run `npm test -- --due 2026-01-01`').text).toBe(
      'read [the RFC](https://example.com/rfc#a) and run `npm test -- --due 2026-01-01`',
    );
  });
});

describe('extractActions: decisions', () => {
  it.each([
    ['Decision: ship v2 in March', 'ship v2 in March'],
    ['Decided: ship v2 in March', 'ship v2 in March'],
    ['Agreed: ship v2 in March', 'ship v2 in March'],
    ['Resolved: ship v2 in March', 'ship v2 in March'],
    ['Consensus: ship v2 in March', 'ship v2 in March'],
    ['Meeting consensus: ship v2 in March', 'ship v2 in March'],
    ['RESOLUTION: close issue 123 as won\'t fix', 'close issue 123 as won\'t fix'],
    ['**Decision:** ship v2 in March', 'ship v2 in March'],
    ['- Decision: ship v2 in March', 'ship v2 in March'],
  ])('reads %j', (line, text) => {
    expect(extractActions(line)).toEqual({ actions: [], decisions: [{ key: `${text.toLowerCase()}#0`, line: 1, text, heading: null }] });
  });

  it('reads the list items under a decisions heading and under a `Decisions:` line', () => {
    const minutes = ['## Item', '### Consented Decisions', '', '- Meetings will be once a week', '    - Review once a month', '## Other', 'Decisions:', '* use Zulip', '- [ ] a task is still an action'].join('\n');
    const { actions, decisions } = extractActions(minutes);
    expect(decisions.map((decision) => [decision.text, decision.heading])).toEqual([
      ['Meetings will be once a week', 'Item'],
      ['use Zulip', 'Other'],
    ]);
    expect(actions.map((action) => action.text)).toEqual(['a task is still an action']);
  });
});

describe('extractActions: not items', () => {
  it.each([
    ['a marker inside a sentence', 'We talked about the AI: model and a TODO: list'],
    ['a mention without a marker', 'Action items from last week were reviewed'],
    ['a heading', '## Action items'],
    ['a heading with a marker', '### AI: something'],
    ['an empty task', '- [ ]'],
    ['an empty task with spaces', '- [ ]   '],
    ['a template placeholder', '## Action Items\n\n* [ ] TODO'],
    ['a bare marker', 'Action items:'],
    ['a fenced code block', '```md\n- [ ] inside code\nAI: inside code\n```'],
    ['a tilde fence', '~~~\nDecision: inside code\n~~~~'],
    ['an HTML comment', '<!-- AI: hidden -->\n<!--\n- [ ] hidden\nDecision: hidden\n-->'],
    ['a mid-sentence decision', '- Ryan: Decision - next 4 weeks, stick for video calls.'],
    ['a link', '- [x](https://example.com) is not a box'],
  ])('skips %s', (_name, minutes) => {
    expect(extractActions(minutes)).toEqual({ actions: [], decisions: [] });
  });

  it('reads lines after a code block and a comment again', () => {
    expect(actionsOf('```\n- [ ] a\n```\n<!-- x -->\n- [ ] b').map((action) => [action.line, action.text])).toEqual([[5, 'b']]);
  });

  it('does not take attendance check lists for tasks', () => {
    const aswf = extractActions(fixture('corpus/aswf-1.md'));
    expect(aswf.actions).toEqual([]);
  });
});

describe('extractActions on the corpus', () => {
  it('reads the Rust council action items and consented decisions', () => {
    const { actions, decisions } = extractActions(fixture('corpus/rust-council-1.md'));
    expect(actions.map((action) => [action.line, action.owner, action.text])).toEqual([
      [40, 'Jack', 'What is our absent policy?'],
      [96, 'Ryan', 'Figure out video recording meetings'],
      [97, 'Ryan', 'Send out async time coordination for meetings in the next 4 weeks.'],
      [98, 'Jack', 'What is our absent policy?'],
      [99, 'Ryan', 'check RFC for absence policy and alternates'],
      [101, 'Ryan', 'Ryan will own team repo merge.'],
      [102, 'Mark', 'Mark will own RFC repo merge.'],
    ]);
    expect(actions.map((action) => action.key).slice(0, 4)).toEqual(['what is our absent policy?#0', 'figure out video recording meetings#0', 'send out async time coordination for meetings in the next 4 weeks.#0', 'what is our absent policy?#1']);
    expect(new Set(actions.map((action) => action.heading))).toEqual(new Set(['Minutes']));
    expect(decisions.map((decision) => decision.text)).toEqual(['Meetings will be once a week for the time being', 'Stream creation: one private, with history shared with new members, and one public']);
  });

  it('reads the Ethereum "Next steps:" line with its owner and agenda heading', () => {
    const [action] = actionsOf(fixture('corpus/ethereum-1.md'));
    expect(action).toMatchObject({ line: 18, owner: 'Peter', heading: expect.stringContaining('Clique PoA protocol') });
  });

  it('finds nothing in the template of the Bytecode Alliance (TODO placeholders)', () => {
    expect(extractActions(fixture('extra/bytecodealliance-1.md'))).toEqual({ actions: [], decisions: [] });
  });

  it('finds nothing in minutes without such lines', () => {
    for (const name of ['corpus/flatcar-6.md', 'corpus/wasm-1.md', 'corpus/w3ctag-1.md', 'corpus/k8s-2.md', 'extra/nodejs-tsc-1.md', 'extra/wasm-3.md']) {
      expect(extractActions(fixture(name)), name).toEqual({ actions: [], decisions: [] });
    }
  });
});

describe('extractActions: keys', () => {
  it('keeps the key when only the owner, due date, tick or marker changes', () => {
    const keys = ['- [ ] @hugo Update the  FAQ', '- [x] update the faq (due 2026-01-01)', 'AI (Ana): update the FAQ', 'TODO: Ana to update the FAQ', '- [ ] Ana: update the FAQ', 'AI: ~~update the FAQ~~'].map(
      (line) => only(line).key,
    );
    expect(new Set(keys)).toEqual(new Set(['update the faq#0']));
  });

  it('numbers repeated items in order and counts decisions apart', () => {
    const minutes = '- [ ] follow up\nDecision: follow up\n- [x] @ana follow up\n- [ ] follow up later\nAI: follow up';
    expect(actionsOf(minutes).map((action) => action.key)).toEqual(['follow up#0', 'follow up#1', 'follow up later#0', 'follow up#2']);
    expect(extractActions(minutes).decisions.map((decision) => decision.key)).toEqual(['follow up#0']);
  });
});

describe('insertions', () => {
  it('writes a task line with the owner without spaces, and the decision marker', () => {
    expect(actionItemInsertion('Ana Lopez')).toBe('- [ ] @AnaLopez ');
    expect(actionItemInsertion(null)).toBe('- [ ] ');
    expect(actionItemInsertion('  ')).toBe('- [ ] ');
    expect(DECISION_INSERTION).toBe('Decision: ');
    expect(only(`${actionItemInsertion('Ana Lopez')}write it`)).toMatchObject({ owner: 'AnaLopez', text: 'write it' });
    expect(extractActions(`${DECISION_INSERTION}ship it`).decisions).toHaveLength(1);
  });
});
