import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildCallRecord } from '../call-record';
import { recordSourceOf } from './draft-record';
import { parseCallMarkdown } from './index';
import { missingWords, wordsOf } from './record-words';
import { importCall } from './test-support';

/** More real documents (fixtures/extra/SOURCES.md), read with their original paths as file names. */
const filenames: Record<string, string> = {
  'flatcar-1.md': 'community-meetings/2021-05-11.md',
  'nodejs-tsc-1.md': 'meetings/2018-05-09.md',
  'bytecodealliance-1.md': 'SIG-Community/2024/community-07-16.md',
  'wasm-3.md': 'main/2022/CG-01-18.md',
};
const textOf = (name: string) => readFileSync(new URL(`./fixtures/extra/${name}`, import.meta.url), 'utf8');
const read = (name: string) => importCall(textOf(name), filenames[name]);

describe('more real documents', () => {
  it.each(Object.keys(filenames))('%s: 99 % of its words reach the record, which re-imports byte for byte', (name) => {
    const record = buildCallRecord(recordSourceOf(read(name).draft));
    expect(missingWords(textOf(name), record).length / wordsOf(textOf(name)).length).toBeLessThanOrEqual(0.01);
    const again = parseCallMarkdown(record);
    if (!again.ok) throw new Error(JSON.stringify(again.errors));
    expect(buildCallRecord(recordSourceOf(again.draft))).toBe(record);
  });

  it('flatcar-1 (the seed): links before "# Call Agenda", numbered minutes, "- Q: **…**" with "- Name: answer" bullets', () => {
    const { draft } = read('flatcar-1.md');
    expect(draft).toMatchObject({ title: 'Flatcar community call', startsAt: '2021-05-11T17:30', timezone: 'Europe/Berlin' });
    expect(draft.links.map(({ label, url }) => [label, url])).toEqual([['Slide deck', '2021-05-11-slides.pdf'], ['Youtube recording', 'https://youtu.be/YBfq2fcjp8E']]);
    expect(draft.sections.map((section) => section.title)).toEqual(['Welcome', 'Flatcar Interoperability', 'Upcoming releases', 'Spotlight: CAPI', 'Community Q&A']);
    expect(draft.minutes.startsWith('The meeting largely followed the [slide deck](2021-05-11-slides.pdf).')).toBe(true);
    expect(draft.minutes).toContain('8. Thilo shares call for action to the community to join the project');
    expect(draft.questions).toHaveLength(3);
    expect(draft.questions[0]).toMatchObject({ text: "What's the relationship between ClusterAPI and Lokomotive?", answeredBy: 'Iago', isAnswered: true, authorName: '' });
    expect(draft.questions[1]!.answeredBy).toBe('Thilo, Andy, Jannik, Vincent, Kai, Marga');
    expect(draft.questions[1]!.answer).toContain("Andy: Are we discussing a hardware compatibility list?");
    expect(draft.questions[2]!.answer).toContain('It just won\'t support the entire range of Flatcar features');
  });

  it('nodejs-tsc-1: the date in the H1, **Recording**: links, ## Present with handles, ### sections under ## Agenda', () => {
    const { draft, notices } = read('nodejs-tsc-1.md');
    expect(draft.title).toBe('Node.js Foundation Technical Steering Committee (TSC) Meeting 2018-05-09');
    expect(notices.map((notice) => notice.message).join('\n')).toContain('May 9, 2018');
    expect(draft.links.map((link) => link.label)).toEqual(['Recording', 'GitHub Issue']);
    expect(draft.attendees).toHaveLength(11);
    expect(draft.attendees[0]).toMatchObject({ displayName: 'Anna Henningsen @addaleax', affiliation: 'TSC' });
    expect(draft.sections.map((section) => section.title)).toEqual(['Announcements', 'nodejs/node', 'nodejs/TSC', 'Q&A, Other', 'Upcoming Meetings']);
    expect(draft.sections[0]!.items[0]!.title).toBe('TSC Director - Myles re-elected as Director');
    expect(draft.sections[1]!.items[0]).toMatchObject({ title: 'fs: drop duplicate API in promises mode #20559', notes: expect.stringContaining('[#20559](https://github.com/nodejs/node/pull/20559)') });
  });

  it('bytecodealliance-1: a template left as is: TODO attendees and notes are no record', () => {
    const { draft } = read('bytecodealliance-1.md');
    expect(draft).toMatchObject({ title: 'SIG-Community Meeting', minutes: '', attendees: [], questions: [] });
    expect(draft.description).toContain('**See the [instructions](../README.md) for details on how to attend**');
    expect(draft.sections.map((section) => [section.title, section.items.length])).toEqual([['Agenda', 4]]);
  });

  it('wasm-3: H2 title, **When** in a bullet, ## Meeting Notes holding ### Attendees and #### topics', () => {
    const { draft } = read('wasm-3.md');
    expect(draft).toMatchObject({ startsAt: '2022-01-18T17:00', timezone: 'UTC', plannedMinutes: 60 });
    expect(draft.attendees).toHaveLength(45);
    expect(draft.attendees[0]!.displayName).toBe('Thomas LIvely');
    expect(draft.minutes.startsWith('### Proposals and discussions\n\n#### [Fine grained control of WebAssembly memory]')).toBe(true);
    expect(draft.minutes).not.toContain('Pat Hickey');
  });
});
