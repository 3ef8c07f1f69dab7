import { describe, expect, it } from 'vitest';
import { exportedCallSchema } from '@/lib/protocol';
import { buildImportedCall, exportCallState, type StoredCallState } from './series-transfer';

const at = (minute: number) => new Date(Date.UTC(2026, 10, 5, 16, minute));
const person = (id: string, displayName: string, minute: number) => ({
  id,
  displayName,
  affiliation: '',
  pronouns: '',
  reason: '',
  role: 'attendee' as const,
  isTeam: false,
  checkedInAt: at(minute),
  removedAt: null,
});
const poll = (isNamed: boolean) => ({
  question: isNamed ? 'Named?' : 'Anonymous?',
  kind: 'single' as const,
  options: [
    { id: 'o1', label: 'Yes' },
    { id: 'o2', label: 'No' },
  ],
  maxChoices: null,
  itemId: 'i2',
  showResults: 'live' as const,
  isNamed,
  status: 'closed' as const,
  openedAt: at(10),
  createdAt: at(9),
  answers: [
    { participantId: 'p2', optionIds: ['o2'], rating: null, text: null, hidden: false, createdAt: at(11) },
    { participantId: 'p1', optionIds: ['o1'], rating: null, text: null, hidden: false, createdAt: at(12) },
  ],
});

const stored: StoredCallState = {
  id: 'c1',
  title: 'Call',
  description: '',
  startsAt: at(0),
  timezone: 'Europe/Berlin',
  plannedMinutes: 60,
  status: 'ended',
  startedAt: at(0),
  endedAt: at(59),
  currentItemId: 'i2',
  itemStartedAt: at(5),
  timerPausedAt: null,
  timerExtraSeconds: 0,
  qaOpen: true,
  qaModerated: false,
  qaScribesModerate: false,
  scribesRunPolls: false,
  introState: { status: 'done', order: ['p2', 'p1'], currentIndex: 2 },
  documentsBaseUrl: '',
  links: [],
  sections: [
    { title: 'A', notes: '', items: [{ id: 'i1', title: 'One', notes: '', presenter: '', plannedMinutes: null }] },
    { title: 'B', notes: '', items: [{ id: 'i2', title: 'Two', notes: '', presenter: '', plannedMinutes: 5 }] },
  ],
  participants: [person('p1', 'Ada', 1), person('p2', 'Bo', 2)],
  questions: [
    { text: 'Secret?', authorId: 'p2', isAnonymous: true, authorName: 'Bo', itemId: 'i1', state: 'open', answer: '', answeredBy: '', voteCount: 3, createdAt: at(3) },
  ],
  polls: [poll(true), poll(false)],
  reactions: [{ itemId: 'i2', emoji: '👏', count: 4 }],
  actions: [],
  decisions: [],
};

describe('exportCallState and buildImportedCall', () => {
  it('refers to items and attendees by position, and never names the author of anything anonymous', () => {
    const exported = exportedCallSchema.parse(exportCallState(stored, '', () => null));
    expect(exported.currentItem).toBe(1);
    expect(exported.intro?.order).toEqual([1, 0]);
    expect(exported.questions[0]).toMatchObject({ authorName: '', author: null, item: 0, votes: 3 });
    expect(exported.polls.map((each) => each.answers.map((answer) => answer.attendee))).toEqual([
      [1, 0],
      [null, null],
    ]);
    expect(exported.polls[0]!.answers.map((answer) => answer.choices)).toEqual([[1], [0]]);
    expect(exported.reactions).toEqual([{ item: 1, emoji: '👏', count: 4 }]);
  });

  it('gives the imported call new ids and points its record at them', () => {
    const imported = buildImportedCall(exportedCallSchema.parse(exportCallState(stored, '', () => null)), 'series');
    const [ada, bo] = imported.call.participants;
    const [one, two] = imported.call.itemIds.flat();
    expect(imported.call.seriesId).toBe('series');
    expect([ada!.id, bo!.id, one, two]).not.toContain('p1');
    expect(imported.settings.currentItemId).toBe(two);
    expect(imported.call.introState?.order).toEqual([bo!.id, ada!.id]);
    expect(imported.call.questions[0]).toMatchObject({ itemId: one, authorId: null, isAnonymous: true, voteCount: 3 });
    const [named, anonymous] = imported.polls;
    expect(named!.answers.map((answer) => answer.participantId)).toEqual([bo!.id, ada!.id]);
    expect(named!.answers[0]!.optionIds).toEqual([named!.options[1]!.id]);
    // An anonymous poll's answers go to distinct attendees, whoever gave them.
    expect(new Set(anonymous!.answers.map((answer) => answer.participantId)).size).toBe(2);
    expect(imported.reactions).toEqual([{ itemId: two, emoji: '👏', count: 4 }]);
  });
});
