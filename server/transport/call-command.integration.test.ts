import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCallSchema, type CallEvent, type PublicQuestion } from '@/lib/protocol';
import { buildNewCall } from '../domain/call-factory';
import type { Decision } from '../domain/decision';
import { commitCallChange, insertCall, readSequence } from '../persistence/calls.repository';
import { openDatabase, type Database } from '../persistence/database';
import { applyMigrations } from '../persistence/migrator';
import { SnapshotCache } from '../realtime/snapshot-cache';
import { commitDecision, type CommandContext } from './call-command';

let directory: string;
let database: Database;
beforeAll(async () => {
  directory = await mkdtemp(path.join(tmpdir(), 'roundtable-command-'));
  const url = `file:${path.join(directory, 'command.db')}`;
  await applyMigrations(url);
  database = await openDatabase(url);
});
afterAll(async () => {
  await database.$disconnect();
  await rm(directory, { recursive: true, force: true });
});

const input = createCallSchema.parse({ title: 'Retry call', startsAt: '2026-12-03T17:30', timezone: 'Europe/Berlin', sections: [{ title: 'Q&A' }] });
const hidden: PublicQuestion = {
  id: 'q1',
  text: 'Waiting for approval',
  authorName: 'Ada',
  isAnonymous: false,
  itemId: null,
  state: 'pending',
  answer: '',
  answeredBy: '',
  voteCount: 0,
  createdAt: '2026-12-03T16:31:00.000Z',
};

/**
 * A real database and snapshot cache; a broadcaster that records what it was asked to publish. While
 * `interferences` is above zero, another node commits a change right after each read of the call, so the
 * commit based on that read conflicts.
 */
async function setUp() {
  const call = buildNewCall(input);
  await insertCall(database, call);
  const published: string[] = [];
  const snapshots = new SnapshotCache(database);
  const state = { interferences: 0 };
  const context: CommandContext = {
    database,
    snapshots: {
      get: async (callId) => {
        const entry = await snapshots.get(callId);
        if (entry && state.interferences > 0) {
          state.interferences -= 1;
          expect(await commitCallChange(database, callId, entry.sequence, { patch: { qaOpen: false }, eventCount: 1 })).toBe(entry.sequence + 1);
        }
        return entry;
      },
      advance: (callId, events) => snapshots.advance(callId, events),
    },
    broadcaster: {
      sendEvents: (_callId, first, events) => {
        published.push(...events.map((event, index) => `${first + index} ${event.type}`));
        return events.map((event, index) => ({ sequence: first + index, event }));
      },
      publish: (_callId, notices) => {
        for (const notice of notices) {
          published.push(notice.type === 'question.hidden' ? `hidden ${notice.question.id}` : notice.type === 'tally.changed' ? `tally ${notice.questionId}` : notice.type);
        }
      },
    },
  };
  return { callId: call.id, context, published, state };
}

const closeQuestions: CallEvent = { type: 'qa.settings', qaOpen: false, qaModerated: true, qaScribesModerate: false, scribesRunPolls: false, qaVotersBeforeOpen: false, qaHoldVoteBursts: false, qaOpenedAt: null };
const decision: Decision = { events: [closeQuestions], notices: [{ type: 'question.hidden', question: hidden, authorId: 'ada' }, { type: 'tally.changed', questionId: 'q2' }] };

describe('commitDecision', () => {
  it('publishes a decision once, after the commit, when conflicts made it decide again (it writes only for the attempt that commits)', async () => {
    const { callId, context, published, state } = await setUp();
    state.interferences = 2;
    let [decisions, writes] = [0, 0];
    const result = await commitDecision(
      context,
      callId,
      () => {
        decisions += 1;
        return decision;
      },
      async () => {
        writes += 1;
      },
    );
    expect([decisions, writes]).toEqual([3, 1]);
    expect(result.sequence).toBe(3);
    expect(published).toEqual(['3 qa.settings', 'hidden q1', 'tally q2']);
  });

  it('publishes nothing when the write fails, or when every attempt conflicts', async () => {
    const { callId, context, published, state } = await setUp();
    const failing = commitDecision(context, callId, () => decision, () => Promise.reject(new Error('disk full')));
    await expect(failing).rejects.toThrow('disk full');
    state.interferences = Infinity;
    const conflicting = commitDecision(context, callId, () => decision);
    await expect(conflicting).rejects.toMatchObject({ code: 'invalid_state', message: 'The call changed at the same moment. Try again.' });
    expect(published).toEqual([]);
    // The failed write was rolled back with its transaction; only the other node's five changes count.
    expect(await readSequence(database, callId)).toBe(5);
  });
});
