import { describe, expect, it } from 'vitest';
import type { PublicCall, PublicQuestion } from '@/lib/protocol';
import { sampleCall, sampleItem, sampleQuestion, sampleSection } from '@/lib/testing/samples';
import { decideAsk, decideMerge, decideModerationCommand, decideQaSettings } from './qa';

const now = new Date('2026-01-01T10:00:00.000Z');

const call = (patch: Partial<PublicCall> = {}): PublicCall =>
  sampleCall({ startsAt: null, startedAt: null, currentItemId: null, itemStartedAt: null, sections: [sampleSection('s1', 'Q&A', [sampleItem('i1', null, 'Open floor')])], ...patch });

const question = sampleQuestion;

const ada = { role: 'attendee' as const, participantId: 'p-ada', displayName: 'Ada' };
const input = { id: 'q1', text: 'When is the release?', isAnonymous: false, itemId: null, createdAt: '2026-11-26T17:01:00.000Z' };

describe('decideAsk', () => {
  it('opens a question for everyone, or keeps it for the moderators and the asker when the host moderates', () => {
    const open = decideAsk(call(), ada, input);
    expect(open.question).toMatchObject({ id: 'q1', state: 'open', authorName: 'Ada', voteCount: 0 });
    expect(open.events).toEqual([{ type: 'question.upserted', question: open.question }]);
    expect(open.notices).toEqual([]);

    const pending = decideAsk(call({ qaModerated: true }), ada, input);
    expect(pending.question.state).toBe('pending');
    expect(pending.events).toEqual([]);
    expect(pending.notices).toEqual([{ type: 'question.hidden', question: pending.question, authorId: 'p-ada' }]);
    expect(decideAsk(call({ qaModerated: true }), { ...ada, role: 'scribe' }, input).question.state).toBe('open');
  });

  it('hides the name of an anonymous asker', () => {
    expect(decideAsk(call(), ada, { ...input, isAnonymous: true }).question.authorName).toBe('');
  });

  it('refuses questions after the call, while questions are closed, and for an unknown agenda item', () => {
    expect(() => decideAsk(call({ status: 'ended' }), ada, input)).toThrow(expect.objectContaining({ code: 'invalid_state', message: 'This call has ended; questions are closed.' }));
    expect(() => decideAsk(call({ qaOpen: false }), ada, input)).toThrow(expect.objectContaining({ code: 'invalid_state', message: 'The host has closed questions for now.' }));
    expect(() => decideAsk(call(), ada, { ...input, itemId: 'nope' })).toThrow(expect.objectContaining({ code: 'not_found' }));
    expect(decideAsk(call(), ada, { ...input, itemId: 'i1' }).question.itemId).toBe('i1');
  });
});

describe('decideModerationCommand', () => {
  const target = (patch: Partial<PublicQuestion> = {}) => ({ question: question('q1', patch), authorId: 'p-ada', pinned: null });

  it('lets scribes moderate only when the host allows it; hosts always', () => {
    const refusal = expect.objectContaining({ code: 'forbidden', message: 'The host has not allowed scribes to moderate questions.' });
    expect(() => decideModerationCommand(call(), 'scribe', target(), { type: 'dismiss' })).toThrow(refusal);
    expect(decideModerationCommand(call({ qaScribesModerate: true }), 'scribe', target(), { type: 'dismiss' }).changed[0]?.state).toBe('dismissed');
    expect(decideModerationCommand(call(), 'host', target(), { type: 'dismiss' }).changed[0]?.state).toBe('dismissed');
  });

  it('publishes a public change as an event and a hidden one to the moderators and the asker only', () => {
    const approved = decideModerationCommand(call(), 'host', target({ state: 'pending' }), { type: 'approve' });
    expect(approved.events).toEqual([{ type: 'question.upserted', question: question('q1', { state: 'open' }) }]);
    expect(approved.notices).toEqual([]);

    const dismissedWhileWaiting = decideModerationCommand(call(), 'host', target({ state: 'pending' }), { type: 'dismiss' });
    expect(dismissedWhileWaiting.events).toEqual([]);
    expect(dismissedWhileWaiting.notices).toEqual([{ type: 'question.hidden', question: question('q1', { state: 'dismissed' }), authorId: 'p-ada' }]);

    // A question everyone saw is dismissed in the open, so clients drop it.
    expect(decideModerationCommand(call(), 'host', target(), { type: 'dismiss' }).events).toHaveLength(1);
  });

  it('returns the question pinned before to the queue when another is pinned', () => {
    const pinned = question('q0', { state: 'answering' });
    const decision = decideModerationCommand(call(), 'host', { question: question('q1'), authorId: null, pinned }, { type: 'pin' });
    expect(decision.events.map((event) => (event.type === 'question.upserted' ? [event.question.id, event.question.state] : []))).toEqual([
      ['q0', 'open'],
      ['q1', 'answering'],
    ]);
  });
});

describe('decideMerge', () => {
  it('merges into a visible question and asks for the target tally; checks the question before the permission', () => {
    expect(decideMerge(call(), 'host', question('q1'), question('q2'))).toEqual({
      events: [{ type: 'question.merged', questionId: 'q1', intoQuestionId: 'q2' }],
      notices: [{ type: 'tally.changed', questionId: 'q2' }],
    });
    expect(() => decideMerge(call(), 'scribe', question('q1'), question('q1'))).toThrow(expect.objectContaining({ code: 'invalid_state' }));
    expect(() => decideMerge(call(), 'scribe', question('q1'), question('q2'))).toThrow(expect.objectContaining({ code: 'forbidden' }));
  });
});

describe('decideQaSettings', () => {
  it('changes only the settings sent', () => {
    expect(decideQaSettings(call({ qaOpen: true, qaModerated: true }), { qaOpen: false }, now).events).toEqual([
      { type: 'qa.settings', qaOpen: false, qaModerated: true, qaScribesModerate: false, scribesRunPolls: false, qaVotersBeforeOpen: false, qaHoldVoteBursts: false, qaOpenedAt: null },
    ]);
  });

  it('sets the voters’ cutoff when submissions open, or when the host limits votes while they are open', () => {
    const opened = decideQaSettings(call({ qaOpen: false }), { qaOpen: true }, now).events[0];
    expect(opened).toMatchObject({ qaOpen: true, qaOpenedAt: now.toISOString() });
    const limited = decideQaSettings(call({ qaOpen: true, qaOpenedAt: null }), { qaVotersBeforeOpen: true }, now).events[0];
    expect(limited).toMatchObject({ qaVotersBeforeOpen: true, qaOpenedAt: now.toISOString() });
    const kept = decideQaSettings(call({ qaOpen: true, qaOpenedAt: '2026-01-01T09:00:00.000Z' }), { qaVotersBeforeOpen: true, qaHoldVoteBursts: true }, now).events[0];
    expect(kept).toMatchObject({ qaHoldVoteBursts: true, qaOpenedAt: '2026-01-01T09:00:00.000Z' });
  });
});
