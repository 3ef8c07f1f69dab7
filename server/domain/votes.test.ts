import { describe, expect, it } from 'vitest';
import type { QuestionState } from '@/lib/protocol';
import { decideVotes, type VotePair } from './votes';

function stateOf(questions: Record<string, QuestionState>, existingVotes: VotePair[] = [], active = ['ada', 'bo']) {
  return { questionStates: new Map(Object.entries(questions)), existingVotes, activeParticipantIds: new Set(active) };
}

describe('decideVotes', () => {
  it('accepts votes on open and answering questions and says what to write', () => {
    const decision = decideVotes(stateOf({ q1: 'open', q2: 'answering' }, [{ questionId: 'q2', participantId: 'bo' }]), [
      { questionId: 'q1', participantId: 'ada', isVote: true },
      { questionId: 'q2', participantId: 'ada', isVote: true },
      { questionId: 'q2', participantId: 'bo', isVote: false },
    ]);
    expect(decision.outcomes).toEqual([{ ok: true }, { ok: true }, { ok: true }]);
    expect(decision.toCreate).toEqual([
      { questionId: 'q1', participantId: 'ada' },
      { questionId: 'q2', participantId: 'ada' },
    ]);
    expect(decision.toDelete).toEqual([{ questionId: 'q2', participantId: 'bo' }]);
    // One tally per question whose votes changed, however many votes it got.
    expect(decision.notices).toEqual([
      { type: 'tally.changed', questionId: 'q1' },
      { type: 'tally.changed', questionId: 'q2' },
    ]);
  });

  it('refuses a second vote, also within one batch, and an unvote without a vote', () => {
    const decision = decideVotes(stateOf({ q1: 'open' }, [{ questionId: 'q1', participantId: 'bo' }]), [
      { questionId: 'q1', participantId: 'ada', isVote: true },
      { questionId: 'q1', participantId: 'ada', isVote: true },
      { questionId: 'q1', participantId: 'bo', isVote: true },
      { questionId: 'q1', participantId: 'ada', isVote: false },
      { questionId: 'q1', participantId: 'ada', isVote: false },
    ]);
    expect(decision.outcomes).toEqual([
      { ok: true },
      { ok: false, code: 'invalid_state', message: 'You already voted for this question.' },
      { ok: false, code: 'invalid_state', message: 'You already voted for this question.' },
      { ok: true },
      { ok: false, code: 'invalid_state', message: 'You have not voted for this question.' },
    ]);
    // Ada's vote was taken back within the batch: nothing to write.
    expect(decision.toCreate).toEqual([]);
    expect(decision.toDelete).toEqual([]);
    expect(decision.notices).toEqual([{ type: 'tally.changed', questionId: 'q1' }]);
  });

  it('writes only the net change of a batch: an unvote and a vote again (a double click) write nothing', () => {
    const decision = decideVotes(stateOf({ q1: 'open', q2: 'open' }, [{ questionId: 'q1', participantId: 'bo' }]), [
      { questionId: 'q1', participantId: 'bo', isVote: false },
      { questionId: 'q1', participantId: 'bo', isVote: true },
      { questionId: 'q2', participantId: 'bo', isVote: true },
      { questionId: 'q2', participantId: 'bo', isVote: false },
      { questionId: 'q2', participantId: 'bo', isVote: true },
    ]);
    expect(decision.outcomes.every((outcome) => outcome.ok)).toBe(true);
    expect(decision.toCreate).toEqual([{ questionId: 'q2', participantId: 'bo' }]);
    expect(decision.toDelete).toEqual([]);
    expect(decision.notices).toEqual([
      { type: 'tally.changed', questionId: 'q1' },
      { type: 'tally.changed', questionId: 'q2' },
    ]);
  });

  it('refuses closed questions, missing ones and participants who are not checked in', () => {
    const closed: QuestionState[] = ['pending', 'answered', 'dismissed'];
    const decision = decideVotes(stateOf({ p: 'pending', a: 'answered', d: 'dismissed' }, [], ['ada']), [
      ...closed.map((state) => ({ questionId: state[0]!, participantId: 'ada', isVote: true })),
      { questionId: 'missing', participantId: 'ada', isVote: true },
      { questionId: 'a', participantId: 'removed', isVote: true },
    ]);
    expect(decision.outcomes).toEqual([
      ...closed.map(() => ({ ok: false, code: 'invalid_state', message: 'Voting is closed for this question.' })),
      { ok: false, code: 'not_found', message: 'That question does not exist.' },
      { ok: false, code: 'not_checked_in', message: 'Check in first to ask or vote.' },
    ]);
    expect([decision.toCreate, decision.toDelete, decision.notices]).toEqual([[], [], []]);
  });
});

describe('decideVotes with the call’s vote rule', () => {
  it('refuses votes from participants who checked in after the Q&A opened, but lets them take one back', () => {
    const state = {
      ...stateOf({ q1: 'open' }, [{ questionId: 'q1', participantId: 'bo' }]),
      rule: { votersBeforeQa: true, qaOpenedAt: new Date('2026-01-01T10:00:00Z') },
      checkedInAt: new Map([
        ['ada', new Date('2026-01-01T09:59:00Z')],
        ['bo', new Date('2026-01-01T10:05:00Z')],
      ]),
    };
    const decision = decideVotes(state, [
      { questionId: 'q1', participantId: 'ada', isVote: true },
      { questionId: 'q1', participantId: 'bo', isVote: false },
      { questionId: 'q1', participantId: 'bo', isVote: true },
    ]);
    expect(decision.outcomes).toEqual([{ ok: true }, { ok: true }, { ok: false, code: 'forbidden', message: expect.stringMatching(/before the Q&A opened/) }]);
    expect(decision.toCreate).toEqual([{ questionId: 'q1', participantId: 'ada' }]);
    expect(decision.toDelete).toEqual([{ questionId: 'q1', participantId: 'bo' }]);
  });
});
