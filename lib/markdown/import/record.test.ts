import { describe, expect, it } from 'vitest';
import { importCall } from './test-support';

const agenda = '# Agenda for the Team call on Thursday, December 3, 2026, 17:30–18:30 UTC\n\n## Welcome\n- Hi\n';

describe('minutes', () => {
  it.each(['# Call Minutes', '# Minutes', '# Notes', '## Notes', '## Meeting notes', '## Minutes'])('takes everything from “%s” to the end, sliced as written', (heading) => {
    const minutes = 'Ryan:  two spaces kept\n* a\n    * deep\n\n## Decisions\n\n1. ship';
    const { draft } = importCall(`${agenda}\n${heading}\n\n${minutes}\n`);
    expect(draft.minutes).toBe(minutes);
    expect(draft.lines.minutes).toBe(6);
    expect(draft.sections.map((section) => section.title)).toEqual(['Welcome']);
  });

  it('treats minutes that only promise to come later as no minutes, keeping their text in the description', () => {
    const { draft, notices } = importCall(`${agenda}\n## Meeting Notes\n\nTo be added after the meeting.\n`);
    expect(draft.minutes).toBe('');
    expect(draft.description).toContain('Meeting Notes: To be added after the meeting.');
    expect(notices).toContainEqual({ line: 6, message: expect.stringContaining('will come later') });
  });
});

describe('questions', () => {
  it('reads Q (Name): … / A (Name): … paragraphs and bullets, anonymous ones too', () => {
    const markdown = `${agenda}\n# Call Minutes\n\nWe met.\n\n## Q&A\n\nQ (Mathieu): Will ARM64 be stable?\nA (Thilo): Yes, with the next major release.\n\n* Q (Anonymous): Can I pin a kernel?\n  continued here\n  * A (Kai): Not directly.\n* Q (Ada): Still open?\n`;
    const { draft } = importCall(markdown);
    expect(draft.minutes).toBe('We met.');
    expect(draft.lines.questions).toBe(10);
    expect(draft.questions.map(({ line: _line, ...question }) => question)).toEqual([
      { text: 'Will ARM64 be stable?', authorName: 'Mathieu', answer: 'Yes, with the next major release.', answeredBy: 'Thilo', isAnswered: true },
      { text: 'Can I pin a kernel?\ncontinued here', authorName: '', answer: 'Not directly.', answeredBy: 'Kai', isAnswered: true },
      { text: 'Still open?', authorName: 'Ada', answer: '', answeredBy: '', isAnswered: false },
    ]);
  });

  it('reads Q: … followed by named answers', () => {
    const { draft } = importCall(`${agenda}\n## Minutes\n\n### Questions\n\nQ: When is the next LTS?\nKai: In March.\nAda: Probably.\n`);
    expect(draft.questions).toEqual([{ text: 'When is the next LTS?', authorName: '', answer: 'Kai: In March.\n\nAda: Probably.', answeredBy: 'Kai, Ada', isAnswered: true, line: 10 }]);
    const bullets = importCall(`${agenda}\n# Call Minutes\n\n## Q&A\n\n- Q: **Is ARM64 stable?**\n- Thilo: Not yet.\n  Soon.\n\n- Q: Bare metal?\n- Kai: PXE works.\n`).draft;
    expect(bullets.questions.map(({ text, answer, answeredBy, isAnswered }) => [text, answer, answeredBy, isAnswered])).toEqual([
      ['Is ARM64 stable?', 'Not yet.\nSoon.', 'Thilo', true],
      ['Bare metal?', 'PXE works.', 'Kai', true],
    ]);
    expect(bullets.minutes).toBe('');
  });

  it('reads “No questions this time.” as none and keeps the sentence in the minutes', () => {
    const { draft } = importCall(`${agenda}\n# Call Minutes\n\nWe shipped.\n\n## Q&A\n\nNo questions this time.\n`);
    expect(draft.questions).toEqual([]);
    expect(draft.minutes).toBe('We shipped.\n\n## Q&A\n\nNo questions this time.');
  });

  it('leaves a Q&A section of the agenda (before the minutes) as an agenda section', () => {
    const { draft } = importCall('# C\n\n## Q&A\n- Questions from the community\n');
    expect(draft.sections[0]!.items[0]!.title).toBe('Questions from the community');
    expect(draft.questions).toEqual([]);
  });
});

describe('attendees', () => {
  it('reads checkbox lists by group (checked = present), “Name, Org” and “Name - Org”; the absent stay in the minutes', () => {
    const markdown = `${agenda}\n## Attendance\n\n### Voting members\n\n* [x] Cory Omand - The Walt Disney Studios\n* [ ] Bill Roberts - Adobe Inc.\n\n### Others\n\n* David Morin, ASWF\n* Ben Schofield\n\n## Apologies\n\n* Eric (first half)\n\n## Notes\n\n* John: hello\n`;
    const { draft } = importCall(markdown);
    expect(draft.attendees.map(({ line: _line, ...attendee }) => attendee)).toEqual([
      { displayName: 'Cory Omand', affiliation: 'The Walt Disney Studios', reason: 'Voting members', isTeam: false },
      { displayName: 'David Morin', affiliation: 'ASWF', reason: 'Others', isTeam: false },
      { displayName: 'Ben Schofield', affiliation: '', reason: 'Others', isTeam: false },
    ]);
    expect(draft.lines.attendees).toBe(6);
    expect(draft.minutes).toBe('## Attendance\n\n* [ ] Bill Roberts - Adobe Inc.\n\n## Apologies\n\n* Eric (first half)\n\n* John: hello');
    expect(draft.sections.map((section) => section.title)).toEqual(['Welcome']);
  });

  it('reads one comma-separated paragraph of “Name (Org)”, a table, and Roundtable’s own list with its intro round', () => {
    const paragraph = importCall(`${agenda}\n# Notes\n\nText.\n\n## Attendance\n\nAlex B (EWASM), Christian R (cpp-ethereum/Solidity), Vitalik Buterin (EF).\n`).draft;
    expect(paragraph.attendees.map((each) => [each.displayName, each.affiliation])).toEqual([['Alex B', 'EWASM'], ['Christian R', 'cpp-ethereum/Solidity'], ['Vitalik Buterin', 'EF']]);
    expect(paragraph.minutes).toBe('Text.');
    const table = importCall(`${agenda}\n## Roll call\n\n| Name | Organization | Present |\n| --- | --- | --- |\n| Ada | Acme | yes |\n| Bo | Beta | no |\n`).draft;
    expect(table.attendees.map((each) => [each.displayName, each.affiliation])).toEqual([['Ada', 'Acme']]);
    const own = importCall(`${agenda}\n# Call Minutes\n\n## Attendees\n\n* Ada (Acme) — team: maintains the kernel\n* Kai Tanaka: first time here\n\n### Intro round\n\n1. Kai Tanaka\n2. Ada\n\n## Q&A\n\nNo questions were asked.\n`).draft;
    expect(own.attendees.map(({ line: _line, ...attendee }) => attendee)).toEqual([
      { displayName: 'Ada', affiliation: 'Acme', reason: 'maintains the kernel', isTeam: true },
      { displayName: 'Kai Tanaka', affiliation: '', reason: 'first time here', isTeam: false },
    ]);
    expect(own.introOrder).toEqual(['Kai Tanaka', 'Ada']);
    expect(own).toMatchObject({ minutes: '', questions: [] });
  });

  it('reads label paragraphs: **Present:** names, Attendees: over a list, **Regrets:** kept in the minutes', () => {
    const { draft } = importCall(`${agenda}\n# Minutes\n\n**Present:** Ann (X), Bo Li\n\nAttendees:\n\n- Cy, Org\n\n**Regrets:** Dee\n\nWe talked.\n`);
    expect(draft.attendees.map((each) => [each.displayName, each.affiliation, each.line])).toEqual([['Ann', 'X', 8], ['Bo Li', '', 8], ['Cy', 'Org', 12]]);
    expect(draft.minutes).toBe('**Regrets:** Dee\n\nWe talked.');
    expect(importCall('# C\n\n## S\n\nPresent: the new release plan.\n').draft.sections[0]!.notes).toBe('Present: the new release plan.');
  });
});

describe('the start', () => {
  it('reads **Date:** / Time: fields, a ## Time heading and front matter, and keeps the fields as written', () => {
    expect(importCall('# Sync\n\n**Date:** 2026-12-03\n**Time:** 17:30 UTC\n\n## A\n- x\n').draft).toMatchObject({ startsAt: '2026-12-03T17:30', timezone: 'UTC', description: '**Date:** 2026-12-03\n**Time:** 17:30 UTC', lines: { start: 3 } });
    expect(importCall('# Sync\n## Time: 3/17/2017 14:00 UTC\n\n### Agenda:\n1. x\n').draft).toMatchObject({ startsAt: '2017-03-17T14:00', description: 'Time: 3/17/2017 14:00 UTC', sections: [{ title: 'Agenda' }] });
    expect(importCall('---\ndate: 2023-05-17 16:00 UTC\n---\n\n# TAC\n').draft).toMatchObject({ title: 'TAC', startsAt: '2023-05-17T16:00', lines: { start: 2 } });
  });

  it('takes the year from the file name and a title from it when the document has none', () => {
    expect(importCall('## Agenda\n\n- One\n', 'flatcar-community-call-2021-07-13.md').draft).toMatchObject({ title: 'flatcar community call', sections: [{ title: 'Agenda' }] });
    expect(importCall('# Call on Tuesday, 13th of July, 17:30 CEST\n', '2021-07-13.md').draft).toMatchObject({ startsAt: '2021-07-13T17:30', timezone: 'Europe/Berlin' });
  });

  it('reads fields before the sections only: a "Time:" line in an item is no start', () => {
    const { draft } = importCall('# Planning\n\n## A\n- Demo\n  - Time: 2026-12-03 17:30 UTC\n');
    expect(draft.startsAt).toBeUndefined();
    expect(draft.sections[0]!.items[0]!.notes).toBe('- Time: 2026-12-03 17:30 UTC');
  });

  it('leaves a document with no date to be announced, with a notice', () => {
    const { draft, notices } = importCall('# Planning\n\n## A\n- x\n');
    expect(draft.startsAt).toBeUndefined();
    expect(notices).toEqual([{ line: 1, message: expect.stringContaining('to be announced') }]);
  });

  it('keeps a "when" that says more than the written start (other zones) in the description', () => {
    const { draft } = importCall('# Agenda for the Flatcar call on Friday, 17th of December 2021 5:30pm CET / 10pm IST\n');
    expect(draft.description).toBe('**When:** Friday, 17th of December 2021 5:30pm CET / 10pm IST');
    expect(draft).toMatchObject({ title: 'Flatcar call', startsAt: '2021-12-17T17:30', timezone: 'Europe/Berlin' });
  });
});
