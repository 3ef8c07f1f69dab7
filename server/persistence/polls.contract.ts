import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCallSchema, type PublicPoll } from '@/lib/protocol';
import { buildNewCall } from '../domain/call-factory';
import { createId } from '../domain/secrets';
import { insertCall, loadPublicCall } from './calls.repository';
import type { Database } from './database';
import { insertParticipant } from './participants.repository';
import {
  addReactions,
  applyAnswerBatch,
  copyPollsToNextCall,
  insertPoll,
  listOwnAnswers,
  listPolls,
  listReactionCounts,
  listVisiblePollTexts,
  readPollResults,
  savePollStatus,
  setAnswerHidden,
} from './polls.repository';
import type { ContractDatabase } from './repositories.contract';

const input = createCallSchema.parse({ title: 'Poll contract call', timezone: 'UTC', sections: [{ title: 'Welcome', items: [{ title: 'Intro' }, { title: 'News' }] }] });

/** The poll and reaction repositories against every database provider; racing batches matter on PostgreSQL. */
export function describePollsContract(provider: string, open: () => Promise<ContractDatabase>): void {
  describe(`poll repositories on ${provider}`, () => {
    let opened: ContractDatabase;
    let database: Database;
    beforeAll(async () => {
      opened = await open();
      database = opened.database;
    });
    afterAll(() => opened?.close());

    async function newCall() {
      const call = buildNewCall(input);
      await insertCall(database, call);
      const items = (await loadPublicCall(database, call.id))!.call.sections[0]!.items;
      const participants = [];
      for (const displayName of ['Ada', 'Bo', 'Cy']) {
        participants.push(await insertParticipant(database, { id: createId(), callId: call.id, displayName, affiliation: '', pronouns: '', reason: '', role: 'attendee' }));
      }
      return { callId: call.id, itemId: items[0]!.id, items, participantIds: participants.map((participant) => participant.id) };
    }

    async function newPoll(callId: string, patch: Partial<PublicPoll> = {}): Promise<PublicPoll> {
      const poll: PublicPoll = {
        id: createId(),
        question: 'Which day?',
        kind: 'single',
        options: [
          { id: createId(), label: 'Tuesday' },
          { id: createId(), label: 'Thursday' },
        ],
        maxChoices: null,
        itemId: null,
        showResults: 'live',
        isNamed: false,
        status: 'open',
        openedAt: new Date().toISOString(),
        createdAt: new Date().toISOString(),
        ...patch,
      };
      await database.$transaction((transaction) => insertPoll(transaction, callId, poll));
      return poll;
    }

    it('keeps one answer per participant when batches race, and counts them exactly', async () => {
      const { callId, participantIds } = await newCall();
      const poll = await newPoll(callId);
      const [tuesday, thursday] = poll.options.map((option) => option.id);
      const batch = (optionId: string) => participantIds.map((participantId) => ({ pollId: poll.id, participantId, input: { optionIds: [optionId!] } }));
      const outcomes = await Promise.all([applyAnswerBatch(database, callId, batch(tuesday!)), applyAnswerBatch(database, callId, batch(thursday!))]);
      expect(outcomes.flatMap((result) => result.outcomes).every((outcome) => outcome.ok)).toBe(true);
      const results = await readPollResults(database, poll);
      expect(results.answered).toBe(3);
      expect(results.options.reduce((sum, option) => sum + option.count, 0)).toBe(3);
      const own = await listOwnAnswers(database, callId, participantIds);
      expect([...own.values()].every((answers) => Object.keys(answers).length === 1)).toBe(true);
    });

    it('lists polls in the order created, drafts only when asked, and stores a status change', async () => {
      const { callId } = await newCall();
      const draft = await newPoll(callId, { status: 'draft', openedAt: null, createdAt: '2026-11-26T17:00:00.000Z' });
      const opened = await newPoll(callId, { kind: 'rating', options: [], createdAt: '2026-11-26T17:01:00.000Z' });
      expect((await listPolls(database, callId, { includeDrafts: true })).map((poll) => poll.id)).toEqual([draft.id, opened.id]);
      expect(await listPolls(database, callId, { includeDrafts: false })).toEqual([opened]);
      await database.$transaction((transaction) => savePollStatus(transaction, { ...draft, status: 'open', openedAt: '2026-11-26T17:02:00.000Z' }));
      expect((await listPolls(database, callId, { includeDrafts: false })).map((poll) => [poll.id, poll.status, poll.openedAt])).toEqual([
        [draft.id, 'open', '2026-11-26T17:02:00.000Z'],
        [opened.id, 'open', opened.openedAt],
      ]);
    });

    it('hides an open-text answer from the cloud and the list, and only a text answer of that poll', async () => {
      const { callId, participantIds } = await newCall();
      const poll = await newPoll(callId, { kind: 'text', options: [] });
      await applyAnswerBatch(database, callId, [
        { pollId: poll.id, participantId: participantIds[0]!, input: { text: 'ARM64 servers' } },
        { pollId: poll.id, participantId: participantIds[1]!, input: { text: 'spam spam' } },
      ]);
      const spam = (await readPollResults(database, poll)).texts.find((text) => text.text === 'spam spam')!;
      expect(await setAnswerHidden(database, 'other-poll', spam.id, true)).toBe(false);
      expect(await setAnswerHidden(database, poll.id, spam.id, true)).toBe(true);
      const results = await readPollResults(database, poll);
      expect(results.answered).toBe(2);
      expect(results.words.map((word) => word.word)).toEqual(['arm64', 'servers']);
      expect(await listVisiblePollTexts(database, poll.id)).toEqual(['ARM64 servers']);
    });

    it('copies polls to a next call as drafts without answers, each tied to the copy of its item', async () => {
      const { callId, items, participantIds } = await newCall();
      const words = await newPoll(callId, { kind: 'text', options: [], createdAt: '2026-12-03T16:35:00.000Z' });
      const cadence = await newPoll(callId, { itemId: items[1]!.id, status: 'draft', openedAt: null, createdAt: '2026-12-03T16:36:00.000Z' });
      await applyAnswerBatch(database, callId, [{ pollId: words.id, participantId: participantIds[0]!, input: { text: 'Great demo' } }]);
      const next = await newCall();
      expect(await copyPollsToNextCall(database, callId, next.callId, createId)).toBe(2);
      const copies = await listPolls(database, next.callId, { includeDrafts: true });
      expect(copies.map(({ question, kind, status, openedAt, itemId }) => ({ question, kind, status, openedAt, itemId }))).toEqual([
        { question: words.question, kind: 'text', status: 'draft', openedAt: null, itemId: null },
        { question: cadence.question, kind: 'single', status: 'draft', openedAt: null, itemId: next.items[1]!.id },
      ]);
      expect(copies[1]!.options.map((option) => option.label)).toEqual(['Tuesday', 'Thursday']);
      expect(copies[1]!.options.map((option) => option.id)).not.toEqual(cadence.options.map((option) => option.id));
      expect((await readPollResults(database, copies[0]!)).answered).toBe(0);
    });

    it('adds racing reaction counts exactly, per item', async () => {
      const { callId, itemId } = await newCall();
      await Promise.all(Array.from({ length: 8 }, () => addReactions(database, callId, itemId, { '👏': 3, '🎉': 1 })));
      expect(await listReactionCounts(database, callId)).toEqual({ [itemId]: { '👏': 24, '🎉': 8 } });
    });
  });
}
