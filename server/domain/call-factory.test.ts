import { describe, expect, it } from 'vitest';
import { textOfState } from '@/lib/minutes';
import { createCallSchema } from '@/lib/protocol';
import { buildNewCall, hasRecord, matchIntroOrder, minutesStateOf } from './call-factory';

const now = new Date('2026-12-02T12:00:00.000Z');
const agenda = { title: 'Flatcar community call', sections: [{ title: 'News', items: [{ title: 'Release' }] }] };

describe('buildNewCall', () => {
  it('schedules a call without a record at its start, and one without a date as to be announced', () => {
    const dated = buildNewCall(createCallSchema.parse({ ...agenda, startsAt: '2026-12-03T17:30', timezone: 'Europe/Berlin' }), { now });
    expect(dated).toMatchObject({ status: 'scheduled', startedAt: null, endedAt: null, startsAt: new Date('2026-12-03T16:30:00.000Z') });
    expect(dated).toMatchObject({ participants: [], questions: [], introState: null, minutesState: null, seriesId: null });
    const undated = buildNewCall(createCallSchema.parse(agenda), { now, seriesId: 'series-1' });
    expect(undated).toMatchObject({ status: 'scheduled', startsAt: null, seriesId: 'series-1' });
  });

  it('makes a call with minutes, questions or attendees a past call that lasted as planned', () => {
    const call = buildNewCall(
      createCallSchema.parse({ ...agenda, startsAt: '2021-07-13T17:30', timezone: 'Europe/Berlin', plannedMinutes: 45, minutes: 'Notes' }),
      { now },
    );
    expect(call).toMatchObject({ status: 'ended', startedAt: new Date('2021-07-13T15:30:00.000Z'), endedAt: new Date('2021-07-13T16:15:00.000Z') });
    const undated = buildNewCall(createCallSchema.parse({ ...agenda, attendees: [{ displayName: 'Ada' }] }), { now });
    expect(undated).toMatchObject({ status: 'ended', startsAt: null, startedAt: now, endedAt: now });
  });

  it('keeps the record in its order: questions answered or open, attendees checked in one after another, the intro by name', () => {
    const call = buildNewCall(
      createCallSchema.parse({
        ...agenda,
        startsAt: '2021-07-13T15:30:00Z',
        questions: [
          { text: 'Is 3.0 out?', authorName: 'Lee', answer: 'Next week', answeredBy: 'Kai', isAnswered: true },
          { text: 'Any ARM news?', authorName: '' },
          { text: 'Answered aloud', isAnswered: true },
        ],
        attendees: [{ displayName: 'Kai', isTeam: true }, { displayName: 'Lee', affiliation: 'Acme', reason: 'Curious' }, { displayName: 'Kai' }],
        introOrder: ['lee', 'Kai', 'Nobody', 'Kai'],
      }),
      { now },
    );
    expect(call.questions.map(({ text, state, authorName, answer, answeredBy }) => [text, state, authorName, answer, answeredBy])).toEqual([
      ['Is 3.0 out?', 'answered', 'Lee', 'Next week', 'Kai'],
      ['Any ARM news?', 'open', '', '', ''],
      ['Answered aloud', 'answered', '', '', ''],
    ]);
    const stamps = call.questions.map((question) => question.createdAt.getTime());
    expect(stamps).toEqual([...stamps].sort((a, b) => a - b));
    expect(new Set(stamps).size).toBe(3);
    expect(call.participants.map(({ displayName, affiliation, reason, isTeam }) => [displayName, affiliation, reason, isTeam])).toEqual([
      ['Kai', '', '', true],
      ['Lee', 'Acme', 'Curious', false],
      ['Kai', '', '', false],
    ]);
    expect(call.participants.map((participant) => participant.checkedInAt.toISOString())).toEqual([
      '2021-07-13T15:30:00.000Z',
      '2021-07-13T15:30:00.001Z',
      '2021-07-13T15:30:00.002Z',
    ]);
    const [kai, lee, secondKai] = call.participants.map((participant) => participant.id);
    expect(call.introState).toEqual({ status: 'done', order: [lee, kai, secondKai], currentIndex: 3 });
    expect(new Set([call.id, ...call.participants.map((p) => p.id), ...call.questions.map((q) => q.id)]).size).toBe(7);
  });

  it('stores the minutes text as the shared document a Yjs client reads back', () => {
    const text = '# Call Minutes\n\n## Release\n\n- 3.0 ships next week 🎉\n';
    const call = buildNewCall(createCallSchema.parse({ ...agenda, minutes: text }), { now });
    expect(textOfState(call.minutesState!)).toBe(text);
  });
});

describe('record helpers', () => {
  it('counts only a record with content as a past call', () => {
    const empty = { minutes: ' \n', questions: [], attendees: [] };
    expect(hasRecord(empty)).toBe(false);
    expect(hasRecord({ ...empty, minutes: 'x' })).toBe(true);
    expect(hasRecord({ ...empty, attendees: [{ displayName: 'Ada', affiliation: '', reason: '', isTeam: false }] })).toBe(true);
    expect(minutesStateOf('  ')).toBeNull();
  });

  it('matches intro names ignoring case and spacing, each participant once', () => {
    const people = [
      { id: 'a', displayName: 'Ada  Lovelace' },
      { id: 'b', displayName: 'Kai' },
    ];
    expect(matchIntroOrder(['kai', ' ada lovelace', 'Kai', 'Grace'], people)).toEqual(['b', 'a']);
    expect(matchIntroOrder([], people)).toEqual([]);
  });
});
