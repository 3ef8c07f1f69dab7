import { describe, expect, it } from 'vitest';
import { CommandError } from '@/lib/protocol';
import { sampleQuestion } from '@/lib/testing/samples';
import {
  DEFAULT_IDENTITY_LIMIT,
  checkFreshIdentity,
  decideGroupRemoval,
  decideHold,
  detectVoteBurst,
  groupVoters,
  joinBucketOf,
  shouldHoldForReview,
  SignalSchedule,
  voteRefusal,
  type RecentVote,
} from './vote-integrity';

const at = (seconds: number) => new Date(Date.UTC(2026, 0, 1, 10, 0, seconds));

describe('joinBucketOf', () => {
  it('hides the address and differs per call and per secret', () => {
    const bucket = joinBucketOf('secret', 'call-1', '203.0.113.7');
    expect(bucket).not.toContain('203');
    expect(bucket).toBe(joinBucketOf('secret', 'call-1', '203.0.113.7'));
    expect(joinBucketOf('secret', 'call-2', '203.0.113.7')).not.toBe(bucket);
    expect(joinBucketOf('other', 'call-1', '203.0.113.7')).not.toBe(bucket);
  });
});

describe('checkFreshIdentity', () => {
  it('allows up to the limit and then refuses with what to do', () => {
    expect(() => checkFreshIdentity(9, DEFAULT_IDENTITY_LIMIT)).not.toThrow();
    const refusal = (() => {
      try {
        checkFreshIdentity(10, DEFAULT_IDENTITY_LIMIT);
      } catch (error) {
        return error;
      }
    })();
    expect(refusal).toBeInstanceOf(CommandError);
    expect(refusal).toMatchObject({ code: 'rate_limited', message: expect.stringContaining('wait a few minutes') });
  });
});

describe('voteRefusal', () => {
  it('lets everyone vote unless the host limits votes to those who checked in before the Q&A opened', () => {
    expect(voteRefusal({ checkedInAt: at(30) }, { votersBeforeQa: false, qaOpenedAt: at(10) })).toBeNull();
    expect(voteRefusal({ checkedInAt: at(5) }, { votersBeforeQa: true, qaOpenedAt: at(10) })).toBeNull();
    expect(voteRefusal({ checkedInAt: at(30) }, { votersBeforeQa: true, qaOpenedAt: at(10) })).toMatch(/before the Q&A opened/);
    expect(voteRefusal({ checkedInAt: at(30) }, { votersBeforeQa: true, qaOpenedAt: null })).toBeNull();
  });
});

describe('detectVoteBurst', () => {
  const fresh = (second: number, bucket: string): RecentVote => ({ votedAt: at(second), checkedInAt: at(second - 2), joinBucket: bucket });
  const settled = (second: number, bucket: string): RecentVote => ({ votedAt: at(second), checkedInAt: at(0), joinBucket: bucket });

  it('raises the signal for many votes from new participants within the window', () => {
    const votes = Array.from({ length: 9 }, (_, index) => fresh(100 + index * 2, `b${index}`));
    expect(detectVoteBurst(votes)).toEqual({ votes: 9, seconds: 16, fromNewParticipants: 9, fromSharedAddress: 0 });
  });

  it('raises it for votes sharing one address from long-standing participants', () => {
    const votes = Array.from({ length: 8 }, (_, index) => settled(200 + index, 'same'));
    expect(detectVoteBurst(votes)).toMatchObject({ votes: 8, fromSharedAddress: 8, fromNewParticipants: 0 });
  });

  it('stays quiet for a popular question voted by settled participants from many addresses', () => {
    const votes = Array.from({ length: 40 }, (_, index) => settled(200 + index / 4, `b${index}`));
    expect(detectVoteBurst(votes)).toBeNull();
  });

  it('forgets votes older than the window before the newest', () => {
    const old = Array.from({ length: 7 }, (_, index) => fresh(100 + index, `b${index}`));
    expect(detectVoteBurst([...old, fresh(200, 'x')])).toBeNull();
  });
});

describe('shouldHoldForReview', () => {
  const signal = { votes: 9, seconds: 10, fromNewParticipants: 9, fromSharedAddress: 0 };
  it('holds an open question once, when its signal appears and the host asked for it', () => {
    expect(shouldHoldForReview(true, 'open', null, signal)).toBe(true);
    expect(shouldHoldForReview(false, 'open', null, signal)).toBe(false);
    expect(shouldHoldForReview(true, 'open', signal, signal)).toBe(false);
    expect(shouldHoldForReview(true, 'answering', null, signal)).toBe(false);
  });
});

describe('groupVoters', () => {
  it('groups voters by join bucket and check-in burst, largest first', () => {
    const groups = groupVoters([
      { participantId: 'a', displayName: 'Ada', joinBucket: 'home', checkedInAt: at(0) },
      { participantId: 'b1', displayName: 'Bot 1', joinBucket: 'nat', checkedInAt: at(100) },
      { participantId: 'b2', displayName: 'Bot 2', joinBucket: 'nat', checkedInAt: at(101) },
      { participantId: 'b3', displayName: 'Bot 3', joinBucket: 'nat', checkedInAt: at(103) },
      { participantId: 'c', displayName: 'Cy', joinBucket: 'nat', checkedInAt: at(400) },
    ]);
    expect(groups.map((group) => group.participants.map((participant) => participant.id))).toEqual([['b1', 'b2', 'b3'], ['a'], ['c']]);
    expect(groups[0]).toMatchObject({ sharedAddress: true, votes: 3, firstCheckIn: at(100).toISOString(), lastCheckIn: at(103).toISOString() });
    expect(groups[1]!.sharedAddress).toBe(false);
  });
});

describe('decideGroupRemoval', () => {
  const open = sampleQuestion('q1', { state: 'open' });
  const pending = sampleQuestion('q2', { state: 'pending' });
  const gone = sampleQuestion('q3', { state: 'dismissed' });

  it('dismisses the group’s questions (public ones as events, waiting ones to moderators) and refreshes each participant', () => {
    const decision = decideGroupRemoval('host', ['b1', 'b2'], [open, pending, gone]);
    expect(decision.dismissed.map((question) => [question.id, question.state])).toEqual([['q1', 'dismissed'], ['q2', 'dismissed']]);
    expect(decision.events).toEqual([{ type: 'question.upserted', question: { ...open, state: 'dismissed' } }]);
    expect(decision.notices).toEqual([
      { type: 'question.hidden', question: { ...pending, state: 'dismissed' }, authorId: null },
      { type: 'participant.changed', participantId: 'b1' },
      { type: 'participant.changed', participantId: 'b2' },
    ]);
  });

  it('refuses a group that holds the moderator', () => {
    expect(() => decideGroupRemoval('host', ['b1', 'host'], [])).toThrow(/cannot remove yourself/);
  });
});

describe('decideHold', () => {
  it('sends an open question back to the approval queue, and leaves any other alone', () => {
    const open = sampleQuestion('q1', { state: 'open' });
    expect(decideHold(open, 'ada').changed).toEqual([{ ...open, state: 'pending' }]);
    expect(decideHold(open, 'ada').events).toEqual([{ type: 'question.upserted', question: { ...open, state: 'pending' } }]);
    expect(decideHold({ ...open, state: 'answering' }, 'ada').changed).toEqual([]);
  });
});

describe('SignalSchedule', () => {
  it('looks at a question with every batch until its sample is full, then once per recheck interval', () => {
    const schedule = new SignalSchedule(2_000);
    expect(schedule.due(['q1', 'q2'], 0)).toEqual(['q1', 'q2']);
    schedule.checked('q1', 0, true);
    schedule.checked('q2', 0, false);
    expect(schedule.due(['q1', 'q2'], 1_999)).toEqual(['q2']);
    expect(schedule.due(['q1', 'q2'], 2_000)).toEqual(['q1', 'q2']);
    schedule.checked('q1', 2_000, false);
    expect(schedule.due(['q1'], 2_001)).toEqual(['q1']);
  });
});
