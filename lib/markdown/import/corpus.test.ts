import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildCallRecord } from '../call-record';
import type { CallDraft, ImportNotice } from '../call-draft';
import { recordSourceOf } from './draft-record';
import { parseCallMarkdown } from './index';
import { missingWords, wordsOf } from './record-words';

const corpus = new URL('./fixtures/corpus/', import.meta.url);
const today = new Date('2026-12-02T12:00:00Z');
/** Each file's original path (SOURCES.md), as the archive upload would name it. */
const filenames: Record<string, string> = {
  'flatcar-2.md': 'community-meetings/2021-12-14.md',
  'flatcar-3.md': 'community-meetings/2021-05-11.md',
  'flatcar-4.md': 'attic/community-meetings/2021-09-28.md',
  'flatcar-6.md': 'community-meetings/2021-09-14.md',
  'flatcar-7.md': 'attic/community-meetings/2021-06-08.md',
  'wasm-1.md': 'main/2023/CG-02-14.md',
  'wasm-2.md': 'main/2023/CG-03-14.md',
  'w3ctag-1.md': '2023/telcons/03-06-agenda.md',
  'ethereum-1.md': 'AllCoreDevs-EL-Meetings/Meeting 12.md',
  'rust-council-1.md': 'minutes/sync-meeting/2023-06-15.md',
  'aswf-1.md': 'meetings/2023/2023-05-17.md',
  'backstage-1.md': 'project-meetings/kubecon-na-2022.md',
  'k8s-2.md': 'events/2018/05-contributor-summit/steering-update.md',
};

const textOf = (name: string) => readFileSync(new URL(name, corpus), 'utf8');

function read(name: string): { draft: CallDraft; notices: ImportNotice[] } {
  const result = parseCallMarkdown(textOf(name), { filename: filenames[name], today });
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result;
}

const itemsOf = (draft: CallDraft) => draft.sections.flatMap((section) => section.items);
const item = (draft: CallDraft, title: string) => itemsOf(draft).find((each) => each.title.startsWith(title));
const messages = (notices: ImportNotice[]) => notices.map((notice) => notice.message).join('\n');

describe('the real documents of the corpus', () => {
  it('has every file of the shared corpus, byte for byte', () => {
    const names = readdirSync(corpus).filter((name) => name !== 'SOURCES.md');
    expect(names.sort()).toEqual(Object.keys(filenames).sort());
  });

  it.each(Object.keys(filenames))('%s: at least 99 % of its words reach the exported record', (name) => {
    const { draft } = read(name);
    const original = textOf(name);
    const missing = missingWords(original, buildCallRecord(recordSourceOf(draft)));
    expect(missing.length / wordsOf(original).length, missing.join(' ')).toBeLessThanOrEqual(0.01);
  });

  it.each(Object.keys(filenames))('%s: its exported record imports back to the same record, byte for byte', (name) => {
    const record = buildCallRecord(recordSourceOf(read(name).draft));
    const again = parseCallMarkdown(record);
    if (!again.ok) throw new Error(JSON.stringify(again.errors));
    expect(buildCallRecord(recordSourceOf(again.draft))).toBe(record);
  });

  it('flatcar-2: five zones in the title (the first wins), a year from the weekday and the file name, nested Zoom details', () => {
    const { draft, notices } = read('flatcar-2.md');
    expect(draft).toMatchObject({ title: 'Flatcar community call', startsAt: '2021-12-17T17:30', timezone: 'Europe/Berlin' });
    expect(draft.links.map(({ label, url }) => [label, url])).toEqual([
      ['Zoom link', 'https://us06web.zoom.us/j/84336116610'],
      ['Youtube live stream / recording', 'https://www.youtube.com/watch?v=1YsY9XEtF7Q'],
      ['Community Calls calendar (all future calls)', 'https://calendar.google.com/calendar/u/0/embed?src=c_ii991mqrpta9en8o7ofd4v19g4@group.calendar.google.com'],
      ['iCal version', 'https://calendar.google.com/calendar/ical/c_ii991mqrpta9en8o7ofd4v19g4%40group.calendar.google.com/public/basic.ics'],
    ]);
    expect(draft.description).toContain('- Meeting ID: 843 3611 6610\n- Passcode: 444888');
    expect(draft.description).toContain('10pm IST / 4:30pm GMT');
    expect(draft.sections.map((section) => section.title)).toEqual(['Welcome', 'News', 'Q&A']);
    expect(item(draft, 'We will discuss news')!.notes).toBe('- ARM64 goes stable\n- Flatcar CAPI support with CAPI release 1.1');
    expect(messages(notices)).toContain('December 14, 2021');
    expect(draft.minutes).toBe('');
  });

  it('flatcar-3: a heading with a leading space is a section; the "# Minutes" placeholder is no minutes', () => {
    const { draft, notices } = read('flatcar-3.md');
    expect(draft).toMatchObject({ title: 'Flatcar community call', startsAt: '2021-05-11T17:30', timezone: 'Europe/Berlin', minutes: '' });
    expect(draft.sections.map((section) => section.title)).toEqual(['Welcome', 'Flatcar Interoperability', 'Upcoming releases', 'Spotlight: CAPI', 'Community Q&A']);
    expect(draft.sections[2]!.notes).toBe('We give a brief overview of upcoming releases and the features included.');
    expect(draft.sections[0]!.items).toHaveLength(4);
    expect(draft.description).toContain('will be published here after the call concluded');
    expect(notices.some((notice) => notice.line === 27)).toBe(true);
  });

  it('flatcar-4: mixed * and - markers make one link list; the archived link is kept as text', () => {
    const { draft, notices } = read('flatcar-4.md');
    expect(draft).toMatchObject({ title: 'Flatcar Release Team call', startsAt: '2021-09-28T17:30', timezone: 'Europe/Berlin' });
    expect(draft.links.map((link) => link.label)).toEqual(['Zoom link', 'Youtube live stream / recording']);
    expect(draft.description).toContain('Release Planning Board (archived, link no longer available)');
    expect(notices).toContainEqual({ line: 8, message: expect.stringContaining('Release Planning Board') });
    expect(draft.sections[0]!.items.map((each) => each.title)).toContain('Planning for the release for the week of October 18th');
  });

  it('flatcar-6: placeholder links are notes, not links; the inline presenter link stays in the item', () => {
    const { draft, notices } = read('flatcar-6.md');
    expect(draft).toMatchObject({ title: 'Flatcar community call', startsAt: '2021-09-14T17:30', links: [] });
    expect(draft.description).toContain('***[TODO: add link]***');
    expect(draft.description).toContain('*will be added briefly before the call starts*');
    expect(notices.filter((notice) => notice.line === 3 || notice.line === 4)).toHaveLength(2);
    expect(draft.sections.map((section) => section.title)).toContain('Releases review & planning (updated section!)');
    const spotlight = item(draft, 'Andy Holtzmann')!;
    expect(spotlight.notes).toBe('[@andy-v-h](https://github.com/andy-v-h)');
  });

  it('flatcar-7: a relative slide link, a URL with &t=, placeholder minutes and "No questions this time."', () => {
    const { draft } = read('flatcar-7.md');
    expect(draft.links).toEqual([
      { label: 'Slide deck', url: '2021-06-08-slides.pdf', line: 3 },
      { label: 'Youtube recording', url: 'https://www.youtube.com/watch?v=cZ4o-ZD6r10&t=235s', line: 4 },
    ]);
    expect(draft.sections).toHaveLength(6);
    expect(draft.questions).toEqual([]);
    expect(draft.minutes).toBe('');
    expect(draft.description).toContain('No questions this time.');
  });

  it('wasm-1: H2 title after an image, the **When** field, 4-space nested "1." lists and a [5 min] duration', () => {
    const { draft } = read('wasm-1.md');
    expect(draft).toMatchObject({ title: "Video call of WebAssembly's Community Group", startsAt: '2023-02-14T17:00', timezone: 'UTC', plannedMinutes: 60, lines: { title: 3 } });
    expect(draft.description).toContain('![WebAssembly logo](/images/WebAssembly.png)');
    const agenda = draft.sections.find((section) => section.title === 'Agenda items')!;
    expect(agenda.items.map((each) => each.title)).toEqual(['Opening, welcome and roll call', 'Find volunteers for note taking (acting chair to volunteer)', 'Proposals and discussions', 'Closure']);
    expect(agenda.items[0]!.notes).toBe('1. Opening of the meeting\n1. Introduction of attendees');
    expect(agenda.items[2]!.notes).toContain('Relaxed SIMD phase 4 poll: https://github.com/WebAssembly/relaxed-simd [5 min]');
    expect(draft.minutes).toBe('');
    expect(draft.description).toContain('To be added after the meeting.');
  });

  it('wasm-2: a cancelled meeting with no time is filed under its file name\'s day; its italic sentence is the section note', () => {
    const { draft, notices } = read('wasm-2.md');
    expect(draft.title).toBe("Video call of WebAssembly's Community Group");
    expect(draft).toMatchObject({ startsAt: '2023-03-14T12:00', timezone: 'UTC' });
    expect(draft.sections.find((section) => section.title === 'Agenda items')).toMatchObject({ notes: '*Meeting cancelled due to lack of agenda*', items: [] });
    expect(notices.length).toBeGreaterThan(0);
  });

  it('w3ctag-1: H3-only sections, reviewers after a dash, the issue link kept in the notes, the HTML table verbatim', () => {
    const { draft } = read('w3ctag-1.md');
    expect(draft.title).toBe('Call Agenda');
    expect(draft.sections.map((section) => section.title)).toEqual([
      'Breakout A (Europe / US) - 2023-03-06',
      'Breakout C (APAC / Europe) - 2023-03-07',
      'Plenary Session - 2023-03-09',
      'Logistics',
      'Local Call Times',
    ]);
    expect(item(draft, 'Review of IMSC-HRM')).toMatchObject({ presenter: 'rhiaro, hadleybeeman', notes: '[Review of IMSC-HRM](https://github.com/w3ctag/design-reviews/issues/788)' });
    expect(item(draft, 'requestStorageAccessForOrigin')!.presenter).toBe('torgo, rhiaro, hadleybeeman');
    expect(draft.sections[2]!.items.map((each) => each.title)).toContain('Breakout Rollup');
    expect(draft.sections[3]!.notes).toContain('Chair: Peter\n\nScribe:');
    expect(draft.sections[4]!.notes).toContain('<tr><td> Paris (France) <td> Thursday, 9 March at 08:00 CET</td></tr>');
  });

  it('ethereum-1: ## Time field, heading link, [Facilitator: X], a mis-indented item, # Notes minutes and the attendance paragraph', () => {
    const { draft } = read('ethereum-1.md');
    expect(draft).toMatchObject({ title: 'All Core Devs: Meeting 12', startsAt: '2017-03-17T14:00', timezone: 'UTC', lines: { start: 2, minutes: 12 } });
    expect(draft.links).toEqual([{ label: 'Audio/Video of Meeting', url: 'https://youtu.be/g2gsYRlThD4', line: 3 }]);
    const agenda = draft.sections[0]!;
    expect(agenda.title).toBe('Agenda');
    expect(agenda.items).toHaveLength(5);
    expect(agenda.items[0]).toMatchObject({ title: 'EIP signaling and voting system update', presenter: 'Hudson', notes: '[3:59](https://youtu.be/g2gsYRlThD4?t=239)' });
    expect(agenda.items[2]!.presenter).toBe('Nick and/or Martin');
    expect(agenda.items[4]!.title).toBe('Metropolis updates and finding a central location to document which EIPs are going into Metro.');
    expect(draft.minutes.startsWith('## 1. EIP Signaling/Voting System [Hudson]\nThere is a group')).toBe(true);
    expect(draft.minutes).toContain('[Quick tangent to Agenda Item 3]');
    expect(draft.minutes).not.toContain('## Attendance');
    expect(draft.attendees[0]).toMatchObject({ displayName: 'Alex Beregszaszi', affiliation: 'EWASM' });
    expect(draft.attendees.map((attendee) => attendee.displayName)).toContain('Hudson Jameson');
    expect(draft.attendees.length).toBeGreaterThan(10);
  });

  it('rust-council-1: a date-only H1 gives the date; Name: prefixes present items; ## Minutes with its action items', () => {
    const { draft, notices } = read('rust-council-1.md');
    expect(draft.title).toBe('2023-06-15');
    expect(draft).toMatchObject({ startsAt: '2023-06-15T12:00', timezone: 'UTC' });
    expect(messages(notices)).toContain('June 15, 2023');
    expect(draft.sections.map((section) => section.title)).toEqual(['Agenda']);
    expect(item(draft, 'note on "formality"')).toMatchObject({ presenter: 'Ryan', notes: expect.stringContaining('Being formal can help here') });
    expect(item(draft, 'Determine and consent')!.notes).toBe('- Communication channel(s)\n  - Zulip stream\n  - public + private?\n- Mailing list?\n- Public issue tracker');
    expect(draft.minutes.startsWith('- Unable to record due to technical difficulties')).toBe(true);
    expect(draft.minutes).toContain('### Action items\n\n- Ryan: Figure out video recording meetings');
    expect(draft.minutes).toContain('### Consented Decisions');
  });

  it('aswf-1: front matter, bold H1, checkbox attendance by group, "Name, Org" attendees, apologies kept in the minutes', () => {
    const { draft } = read('aswf-1.md');
    expect(draft).toMatchObject({ title: 'ASWF TAC Meeting', lines: { title: 6, minutes: 75, attendees: 10 } });
    expect(draft.links).toEqual([{ label: 'Video Conference Link', url: 'https://zoom.us/j/97880950229?pwd=V3ZGM0RiK0dDSi9Ja0Z1ZitJZVB3dz09', line: 8 }]);
    const names = draft.attendees.map((attendee) => attendee.displayName);
    expect(names).toContain('Cory Omand');
    expect(names).not.toContain('Bill Roberts');
    expect(draft.attendees.find((attendee) => attendee.displayName === 'Cory Omand')).toMatchObject({ affiliation: 'The Walt Disney Studios', reason: 'Premier member representatives' });
    expect(draft.attendees.find((attendee) => attendee.displayName === 'David Morin')).toMatchObject({ affiliation: 'ASWF' });
    expect(draft.attendees.find((attendee) => attendee.displayName === 'Ben Schofield')).toMatchObject({ affiliation: '' });
    expect(draft.minutes).toContain('* [ ] Bill Roberts - Adobe Inc.');
    expect(draft.minutes).toContain('## Apologies\n\n* Eric Reinecke (first half)');
    expect(draft.minutes).toContain('[CI Working Group Status Report to ASWF TAC May 2023](./ASWF-TAC-2023-CI-WG-Report.pdf)');
    expect(draft.sections[0]!.items.map((each) => each.title)).toEqual(['Updates', 'CI Working Group Project Review (JF)']);
  });

  it('backstage-1: H1 sections after an H2, labels before lists kept as section notes, long items cut into their notes', () => {
    const { draft, notices } = read('backstage-1.md');
    expect(draft.title).toBe('KubeCon Detroit 2022');
    expect(draft.sections.map((section) => section.title)).toContain('Catalog Ingestion Experiences');
    expect(draft.sections.map((section) => section.title)).toContain('Off-topic: How do maintainers work - let’s do a sync together!');
    const catalog = draft.sections.find((section) => section.title === 'Catalog Ingestion Experiences')!;
    expect(catalog.notes).toContain('Security & access control');
    expect(itemsOf(draft).every((each) => each.title.length <= 200)).toBe(true);
    expect(notices.some((notice) => notice.message.includes('longer than 200'))).toBe(true);
    expect(item(draft, 'Discussing: https://github.com/backstage/backstage/pull/14313')!.notes).toContain('Semantic versioning');
  });

  it('k8s-2: a tiny document with bold fields and hard-wrapped bullets keeps all of it', () => {
    const { draft } = read('k8s-2.md');
    expect(draft.title).toBe('Steering Committee Update');
    expect(draft.description).toContain('**Leads:** pwittrock, timothysc');
    expect(draft.description).toContain('Subprojects own a piece\n  of code');
    expect(draft.startsAt).toBeUndefined();
  });
});
