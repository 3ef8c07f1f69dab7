import type { PublicCall, PublicPoll, PublicQuestion, PublicSection } from '../protocol';

/** An agenda item with nothing but a title and a duration. */
export const sampleItem = (id: string, plannedMinutes: number | null, title = id) => ({ id, title, notes: '', presenter: '', plannedMinutes });

export const sampleSection = (id: string, title: string, items: PublicSection['items']): PublicSection => ({ id, title, notes: '', items });

/** A live call started at 17:00 UTC on 2026-11-26, on its first item; tests patch what they are about. */
export function sampleCall(patch: Partial<PublicCall> = {}): PublicCall {
  return {
    slug: 'abc',
    title: 'Community call',
    description: '',
    startsAt: '2026-11-26T17:00:00.000Z',
    timezone: 'Europe/Berlin',
    plannedMinutes: 60,
    status: 'live',
    startedAt: '2026-11-26T17:00:00.000Z',
    endedAt: null,
    currentItemId: 'i1',
    itemStartedAt: '2026-11-26T17:00:00.000Z',
    timerPausedAt: null,
    timerExtraSeconds: 0,
    qaOpen: true,
    qaModerated: false,
    qaScribesModerate: false,
    scribesRunPolls: false,
    qaVotersBeforeOpen: false,
    qaHoldVoteBursts: false,
    qaOpenedAt: null,
    intro: null,
    documentsBaseUrl: '',
    personalDataRemovedAt: null,
    links: [],
    sections: [sampleSection('s1', 'Welcome', [sampleItem('i1', 5, 'Intro')])],
    ...patch,
  };
}

/** An open question by Ada, asked at 17:00 UTC on 2026-11-26. */
export function sampleQuestion(id: string, patch: Partial<PublicQuestion> = {}): PublicQuestion {
  return {
    id,
    text: `Question ${id}`,
    authorName: 'Ada',
    isAnonymous: false,
    itemId: null,
    state: 'open',
    answer: '',
    answeredBy: '',
    voteCount: 0,
    createdAt: '2026-11-26T17:00:00.000Z',
    ...patch,
  };
}

/** A draft single-choice poll "Ship it?" with options Yes (o1) and No (o2), created at 17:00 UTC on 2026-11-26. */
export function samplePoll(id: string, patch: Partial<PublicPoll> = {}): PublicPoll {
  return {
    id,
    question: 'Ship it?',
    kind: 'single',
    options: [
      { id: 'o1', label: 'Yes' },
      { id: 'o2', label: 'No' },
    ],
    maxChoices: null,
    itemId: null,
    showResults: 'live',
    isNamed: false,
    status: 'draft',
    openedAt: null,
    createdAt: '2026-11-26T17:00:00.000Z',
    ...patch,
  };
}
