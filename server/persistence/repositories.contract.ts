import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { textOfState } from '@/lib/minutes';
import { createCallSchema, type PublicSection } from '@/lib/protocol';
import { buildNewCall } from '../domain/call-factory';
import { createId } from '../domain/secrets';
import { commitCallChange, findCallAccess, insertCall, loadPublicCall, readSequence } from './calls.repository';
import type { Database } from './database';
import { appendMinutesUpdate, findLatestMinutesSnapshotHeader, findMinutesSnapshot, insertMinutesSnapshot, listMinutesSnapshots, listMinutesUpdatesSince } from './minutes.repository';
import { applyAnswerBatch, insertPoll, readPollResults } from './polls.repository';
import { countParticipants, findParticipant, findParticipantsForTokens, insertParticipant, listParticipants, updateParticipantFlags } from './participants.repository';
import { applyVoteBatch, insertQuestion, listOwnActivity, listQuestions, mergeQuestion } from './questions.repository';
import { ensureSeries, listCallSummaries } from './schedule.repository';
import { getOrCreateSetting } from './settings.repository';

export type ContractDatabase = { database: Database; close: () => Promise<void> };

const input = createCallSchema.parse({
  title: 'Contract call',
  startsAt: '2026-12-03T17:30',
  timezone: 'Europe/Berlin',
  links: [{ label: 'Slides', url: 'https://example.org/slides' }],
  sections: [{ title: 'Welcome', items: [{ title: 'Intro' }, { title: 'News', presenter: 'Kai' }] }, { title: 'Q&A' }],
});

/**
 * The repositories' behaviour that the app relies on, run unchanged against every database provider
 * (STYLE.md 6). Concurrency cases matter on PostgreSQL, where two nodes write at once.
 */
export function describeRepositoryContract(provider: string, open: () => Promise<ContractDatabase>): void {
  describe(`repositories on ${provider}`, () => {
    let opened: ContractDatabase;
    let database: Database;
    beforeAll(async () => {
      opened = await open();
      database = opened.database;
    });
    afterAll(() => opened?.close());

    async function newCall(startsAt: Date | null = new Date('2026-12-03T16:30:00.000Z')) {
      const call = { ...buildNewCall(input), startsAt };
      await insertCall(database, call);
      return call.id;
    }

    async function newParticipant(callId: string, displayName: string) {
      return insertParticipant(database, { id: createId(), callId, displayName, affiliation: '', pronouns: '', reason: '', role: 'attendee' });
    }

    async function newQuestion(callId: string, authorId: string, text = 'When is the next release?') {
      const id = createId();
      const sequence = (await readSequence(database, callId))!;
      const first = await commitCallChange(database, callId, sequence, {
        patch: {},
        eventCount: 1,
        write: (transaction) =>
          insertQuestion(transaction, { id, callId, authorId, authorName: 'Ada', isAnonymous: false, itemId: null, text, state: 'open', createdAt: new Date() }),
      });
      expect(first).toBe(sequence + 1);
      return id;
    }

    it('stores a call and loads it back with its agenda in order and millisecond times', async () => {
      const startsAt = new Date('2026-12-03T16:30:00.123Z');
      const callId = await newCall(startsAt);
      const loaded = await loadPublicCall(database, callId);
      expect(loaded?.sequence).toBe(0);
      expect(loaded?.call.startsAt).toBe(startsAt.toISOString());
      expect(loaded?.call.sections.map((section) => [section.title, section.items.map((item) => item.title)])).toEqual([
        ['Welcome', ['Intro', 'News']],
        ['Q&A', []],
      ]);
      const access = await findCallAccess(database, loaded!.call.slug);
      expect(access?.id).toBe(callId);
      expect(await findCallAccess(database, loaded!.call.slug.toUpperCase() + 'x')).toBeNull();
    });

    it('commits a change only at the expected sequence, and exactly one of two racing commits', async () => {
      const callId = await newCall();
      const itemId = (await loadPublicCall(database, callId))!.call.sections[0]!.items[0]!.id;
      expect(await commitCallChange(database, callId, 0, { patch: { status: 'live', startedAt: new Date() }, eventCount: 1 })).toBe(1);
      expect(await commitCallChange(database, callId, 0, { patch: { status: 'ended' }, eventCount: 1 })).toBeNull();
      const racing = await Promise.all(
        Array.from({ length: 6 }, () => commitCallChange(database, callId, 1, { patch: { currentItemId: itemId }, eventCount: 2 })),
      );
      expect(racing.filter((first) => first === 2)).toHaveLength(1);
      expect(racing.filter((first) => first === null)).toHaveLength(5);
      const loaded = await loadPublicCall(database, callId);
      expect(loaded).toMatchObject({ sequence: 3, call: { status: 'live', currentItemId: itemId } });
    });

    it('saves an agenda edit: new, moved, renamed and deleted sections and items', async () => {
      const callId = await newCall();
      const before = (await loadPublicCall(database, callId))!.call.sections;
      const [welcome, qa] = before as [PublicSection, PublicSection];
      const after: PublicSection[] = [
        { ...qa, title: 'Questions', items: [{ ...welcome.items[1]!, title: 'News!' }] },
        { id: createId(), title: 'New', notes: 'n', items: [{ id: createId(), title: 'Fresh', notes: '', presenter: '', plannedMinutes: 5 }] },
        { ...welcome, items: [] },
      ];
      expect(await commitCallChange(database, callId, 0, { patch: {}, eventCount: 1, agenda: { before, after } })).toBe(1);
      const loaded = (await loadPublicCall(database, callId))!.call.sections;
      expect(loaded).toEqual(after);
    });

    it('keeps an item that moves out of a section deleted in the same save', async () => {
      const callId = await newCall();
      const before = (await loadPublicCall(database, callId))!.call.sections;
      const [welcome, qa] = before as [PublicSection, PublicSection];
      const after: PublicSection[] = [{ ...qa, items: [...qa.items, welcome.items[0]!] }];
      expect(await commitCallChange(database, callId, 0, { patch: {}, eventCount: 1, agenda: { before, after } })).toBe(1);
      expect((await loadPublicCall(database, callId))!.call.sections).toEqual(after);
    });

    it('lists participants by id even when a tick names more ids than one query may bind', async () => {
      const callId = await newCall();
      const ada = await newParticipant(callId, 'Ada');
      const bo = await newParticipant(callId, 'Bo');
      const ids = [bo.id, ...Array.from({ length: 1200 }, (_, index) => `missing-${index}`), ada.id];
      expect((await listParticipants(database, callId, () => false, ids)).map((participant) => participant.displayName)).toEqual(['Ada', 'Bo']);
    });

    it('finds the participants tokens name, removed, blocked or in another call', async () => {
      const [callId, otherCallId] = [await newCall(), await newCall()];
      const [ada, bo, cy, di] = [
        await newParticipant(callId, 'Ada'),
        await newParticipant(callId, 'Bo'),
        await newParticipant(callId, 'Cy'),
        await newParticipant(otherCallId, 'Di'),
      ];
      await updateParticipantFlags(database, callId, bo.id, { removedAt: new Date() });
      await updateParticipantFlags(database, callId, cy.id, { removedAt: new Date(), isBlocked: true });
      const found = await findParticipantsForTokens(database, [ada.id, bo.id, cy.id, di.id, 'missing']);
      expect(found.get(ada.id)).toEqual({ callId, isBlocked: false, participant: ada });
      expect(found.get(bo.id)).toEqual({ callId, isBlocked: false, participant: null });
      expect(found.get(cy.id)).toEqual({ callId, isBlocked: true, participant: null });
      expect(found.get(di.id)?.callId).toBe(otherCallId);
      expect(found.has('missing')).toBe(false);
    });

    it('keeps participants with flags, counts and check-in order', async () => {
      const callId = await newCall();
      const ada = await newParticipant(callId, 'Ada');
      const bo = await newParticipant(callId, 'Bo');
      expect(await findParticipant(database, callId, ada.id)).toMatchObject({ displayName: 'Ada', role: 'attendee' });
      expect(await updateParticipantFlags(database, callId, bo.id, { isTeam: true, handRaisedAt: new Date() })).toBe(true);
      const listed = await listParticipants(database, callId, (id) => id === ada.id);
      expect(listed.map((participant) => [participant.displayName, participant.isOnline, participant.isTeam])).toEqual([
        ['Ada', true, false],
        ['Bo', false, true],
      ]);
      expect(await updateParticipantFlags(database, callId, ada.id, { removedAt: new Date() })).toBe(true);
      expect(await updateParticipantFlags(database, callId, ada.id, { isTeam: true })).toBe(false);
      expect(await countParticipants(database, callId)).toBe(1);
      expect(await findParticipant(database, callId, ada.id)).toBeNull();
    });

    it('counts votes exactly: duplicates in a batch, racing batches for the same votes, unvotes', async () => {
      const callId = await newCall();
      const voters = await Promise.all(Array.from({ length: 30 }, (_, index) => newParticipant(callId, `Voter ${index}`)));
      const questionId = await newQuestion(callId, voters[0]!.id);
      const otherId = await newQuestion(callId, voters[0]!.id, 'And the roadmap?');

      const duplicated = await applyVoteBatch(database, callId, [
        { questionId, participantId: voters[0]!.id, isVote: true },
        { questionId, participantId: voters[0]!.id, isVote: true },
      ]);
      expect(duplicated.outcomes.map((outcome) => outcome.ok)).toEqual([true, false]);
      expect(duplicated.notices).toEqual([{ type: 'tally.changed', questionId }]);

      // Two nodes' batches overlapping on the same (question, participant) pairs, at the same moment.
      const batch = (offset: number) =>
        voters.slice(1).flatMap((voter, index) =>
          (index + offset) % 2 === 0 ? [{ questionId, participantId: voter.id, isVote: true }, { questionId: otherId, participantId: voter.id, isVote: true }] : [],
        );
      const everyone = voters.slice(1).map((voter) => ({ questionId, participantId: voter.id, isVote: true }));
      const results = await Promise.all([applyVoteBatch(database, callId, batch(0)), applyVoteBatch(database, callId, batch(1)), applyVoteBatch(database, callId, everyone)]);
      const accepted = results.flatMap(({ outcomes }, index) =>
        outcomes.flatMap((outcome, position) => (outcome.ok ? [[batch(0), batch(1), everyone][index]![position]!] : [])),
      );
      expect(accepted.filter((vote) => vote.questionId === questionId)).toHaveLength(29);
      expect(accepted.filter((vote) => vote.questionId === otherId)).toHaveLength(29);

      const unvoted = await applyVoteBatch(database, callId, [{ questionId, participantId: voters[5]!.id, isVote: false }]);
      expect(unvoted.outcomes).toEqual([{ ok: true, voteCount: 29 }]);
      const counts = Object.fromEntries((await listQuestions(database, callId, { includeHidden: true })).map((question) => [question.id, question.voteCount]));
      expect(counts).toEqual({ [questionId]: 29, [otherId]: 29 });
      expect(await applyVoteBatch(database, callId, [{ questionId: 'missing', participantId: voters[1]!.id, isVote: true }])).toMatchObject({
        outcomes: [{ ok: false, code: 'not_found' }],
        notices: [],
      });
      const own = await listOwnActivity(database, callId, [voters[0]!.id, voters[1]!.id, voters[5]!.id, 'nobody']);
      expect(own.get(voters[0]!.id)!.myQuestions.sort()).toEqual([questionId, otherId].sort());
      expect(own.get(voters[1]!.id)!.myVotes.sort()).toEqual([questionId, otherId].sort());
      expect(own.get(voters[5]!.id)!.myVotes).toEqual([otherId]);
      expect(own.get('nobody')).toEqual({ myVotes: [], myQuestions: [] });
    });

    it('retracts a batch of unvotes over several questions together, keeping the other votes and re-voting within the batch', async () => {
      const callId = await newCall();
      const voters = await Promise.all(Array.from({ length: 6 }, (_, index) => newParticipant(callId, `Voter ${index}`)));
      const questionIds = [await newQuestion(callId, voters[0]!.id), await newQuestion(callId, voters[0]!.id, 'And the roadmap?')];
      const everyVote = questionIds.flatMap((questionId) => voters.map((voter) => ({ questionId, participantId: voter.id, isVote: true })));
      expect((await applyVoteBatch(database, callId, everyVote)).outcomes.every((outcome) => outcome.ok)).toBe(true);

      const [first, second] = questionIds as [string, string];
      const retracted = await applyVoteBatch(database, callId, [
        ...voters.slice(0, 4).map((voter) => ({ questionId: first, participantId: voter.id, isVote: false })),
        { questionId: second, participantId: voters[5]!.id, isVote: false },
        { questionId: first, participantId: voters[0]!.id, isVote: true },
      ]);
      expect(retracted.outcomes.every((outcome) => outcome.ok)).toBe(true);
      const counts = Object.fromEntries((await listQuestions(database, callId, { includeHidden: true })).map((question) => [question.id, question.voteCount]));
      expect(counts).toEqual({ [first]: 3, [second]: 5 });
      const own = await listOwnActivity(database, callId, voters.map((voter) => voter.id));
      expect(voters.map((voter) => own.get(voter.id)!.myVotes.length)).toEqual([2, 1, 1, 1, 2, 1]);
    });

    it('keeps one answer per participant and poll: new ones inserted together, changed ones updated, racing batches counted once', async () => {
      const callId = await newCall();
      const voters = await Promise.all(Array.from({ length: 20 }, (_, index) => newParticipant(callId, `Voter ${index}`)));
      const options = [
        { id: createId(), label: 'Yes' },
        { id: createId(), label: 'No' },
      ];
      const poll = {
        id: createId(),
        question: 'Ship it?',
        kind: 'single' as const,
        options,
        maxChoices: null,
        itemId: null,
        showResults: 'live' as const,
        isNamed: false,
        status: 'open' as const,
        openedAt: new Date().toISOString(),
        createdAt: new Date().toISOString(),
      };
      await database.$transaction((transaction) => insertPoll(transaction, callId, poll));
      const answer = (index: number, option: number) => ({ pollId: poll.id, participantId: voters[index]!.id, input: { optionIds: [options[option]!.id] } });

      const first = await applyAnswerBatch(database, callId, [answer(0, 0), answer(1, 0), answer(0, 1)]);
      expect(first.outcomes).toEqual([{ ok: true }, { ok: true }, { ok: true }]);
      // Two nodes' batches at once, overlapping on every participant: each ends with one answer, the last one written.
      const racing = await Promise.all([
        applyAnswerBatch(database, callId, voters.map((_, index) => answer(index, 0))),
        applyAnswerBatch(database, callId, voters.map((_, index) => answer(index, 0))),
      ]);
      expect(racing.flatMap(({ outcomes }) => outcomes).every((outcome) => outcome.ok)).toBe(true);
      await applyAnswerBatch(database, callId, [answer(1, 1)]);
      const results = await readPollResults(database, poll);
      expect(results.answered).toBe(20);
      expect(results.options.map((option) => option.count)).toEqual([19, 1]);
    });

    it('merges a question into another, counting a voter of both once', async () => {
      const callId = await newCall();
      const [ada, bo, cy] = await Promise.all(['Ada', 'Bo', 'Cy'].map((name) => newParticipant(callId, name)));
      const source = await newQuestion(callId, ada!.id);
      const target = await newQuestion(callId, ada!.id, 'Same question');
      await applyVoteBatch(database, callId, [
        { questionId: source, participantId: ada!.id, isVote: true },
        { questionId: source, participantId: bo!.id, isVote: true },
        { questionId: target, participantId: bo!.id, isVote: true },
        { questionId: target, participantId: cy!.id, isVote: true },
      ]);
      const merged = await database.$transaction((transaction) => mergeQuestion(transaction, source, target));
      expect(merged).toBe(3);
      expect((await listQuestions(database, callId, { includeHidden: true })).map((question) => question.id)).toEqual([target]);
    });

    it('appends minutes updates, snapshots them and drops only what a snapshot makes redundant', async () => {
      const callId = await newCall();
      const ids: number[] = [];
      for (let index = 0; index < 5; index += 1) ids.push(await appendMinutesUpdate(database, callId, new Uint8Array([index, 255, 0])));
      expect(ids).toEqual([...ids].sort((a, b) => a - b));
      const updates = await listMinutesUpdatesSince(database, callId, 0);
      expect(updates.map((update) => [...update.update])).toEqual([0, 1, 2, 3, 4].map((index) => [index, 255, 0]));
      const snapshotId = await insertMinutesSnapshot(database, callId, new Uint8Array([9, 9]), ids.at(-1)!);
      expect(await findLatestMinutesSnapshotHeader(database, callId)).toEqual({ id: snapshotId, lastUpdateId: ids.at(-1) });
      expect((await listMinutesSnapshots(database, callId)).map((snapshot) => snapshot.id)).toEqual([snapshotId]);
      // The look-back keeps recent updates, so a late commit from another node is still read.
      expect(await listMinutesUpdatesSince(database, callId, ids.at(-1)!)).toHaveLength(5);
    });

    it('lists the schedule in start order with a stable cursor, and puts racing hosts in one series', async () => {
      const base = Date.parse('2031-05-01T10:00:00.000Z');
      const callIds = await Promise.all([2, 0, 1].map((offset) => newCall(new Date(base + offset * 3_600_000))));
      const filter = { order: 'asc' as const, anyOf: [{ status: 'scheduled' as const, startsFrom: new Date(base), startsBefore: new Date(base + 3 * 3_600_000) }] };
      const firstPage = await listCallSummaries(database, filter, null, 2);
      expect(firstPage.map((row) => row.id)).toEqual([callIds[1], callIds[2]]);
      const last = firstPage.at(-1)!;
      const secondPage = await listCallSummaries(database, filter, { startsAt: last.startsAt, id: last.id }, 2);
      expect(secondPage.map((row) => row.id)).toEqual([callIds[0]]);
      const series = await Promise.all([ensureSeries(database, callIds[0]!, 'A', createId), ensureSeries(database, callIds[0]!, 'B', createId)]);
      expect(series[0]).toBe(series[1]);
    });

    it('lists calls to be announced after the dated ones, in both orders, and pages across the boundary', async () => {
      const base = Date.parse('2032-05-01T10:00:00.000Z');
      const dated = await Promise.all([0, 1].map((offset) => newCall(new Date(base + offset * 3_600_000))));
      const undated = [await newCall(null), await newCall(null)].sort();
      for (const order of ['asc', 'desc'] as const) {
        const filter = { order, anyOf: [{ status: 'scheduled' as const, startsFrom: new Date(base) }, { status: 'scheduled' as const, isUndated: true }] };
        const seen: string[] = [];
        let after: { startsAt: Date | null; id: string } | null = null;
        for (let page = 0; page < 10; page += 1) {
          const rows: Awaited<ReturnType<typeof listCallSummaries>> = await listCallSummaries(database, filter, after, 1);
          if (rows.length === 0) break;
          seen.push(...rows.map((row) => row.id));
          after = { startsAt: rows[0]!.startsAt, id: rows[0]!.id };
        }
        const datedInOrder = order === 'asc' ? dated : [...dated].reverse();
        const undatedInOrder = order === 'asc' ? undated : [...undated].reverse();
        expect(seen.filter((id) => [...dated, ...undated].includes(id))).toEqual([...datedInOrder, ...undatedInOrder]);
      }
      const [row] = await listCallSummaries(database, { order: 'asc', anyOf: [{ status: 'scheduled', isUndated: true }] }, { startsAt: null, id: '' }, 1);
      expect(row?.startsAt).toBeNull();
      expect((await loadPublicCall(database, undated[0]!))?.call.startsAt).toBeNull();
    });

    it('stores an imported past call with its record in one go', async () => {
      const record = createCallSchema.parse({
        title: 'Imported',
        startsAt: '2021-07-13T17:30',
        timezone: 'Europe/Berlin',
        documentsBaseUrl: 'https://example.org/calls/',
        links: [{ label: 'Slides', url: '2021-07-13-slides.pdf' }],
        sections: [{ title: 'News', items: [{ title: 'Release' }] }],
        minutes: '## Release\n\nShipped.',
        questions: [
          { text: 'When?', authorName: 'Ada', answer: 'Soon', answeredBy: 'Kai', isAnswered: true },
          { text: 'Why?', authorName: '' },
        ],
        attendees: [{ displayName: 'Ada', isTeam: true }, { displayName: 'Kai', affiliation: 'Acme' }],
        introOrder: ['Kai', 'Ada'],
      });
      const call = buildNewCall(record);
      await insertCall(database, call);
      const loaded = (await loadPublicCall(database, call.id))!.call;
      expect(loaded).toMatchObject({ status: 'ended', startsAt: '2021-07-13T15:30:00.000Z', documentsBaseUrl: 'https://example.org/calls/' });
      expect(loaded.links.map((link) => link.url)).toEqual(['2021-07-13-slides.pdf']);
      const attendees = await listParticipants(database, call.id, () => false);
      expect(attendees.map((attendee) => [attendee.displayName, attendee.isTeam, attendee.affiliation, attendee.role])).toEqual([
        ['Ada', true, '', 'attendee'],
        ['Kai', false, 'Acme', 'attendee'],
      ]);
      expect(loaded.intro).toEqual({ status: 'done', order: [attendees[1]!.id, attendees[0]!.id], currentIndex: 2 });
      const questions = await listQuestions(database, call.id, { includeHidden: false });
      expect(questions.map((question) => [question.text, question.state, question.authorName, question.answer, question.answeredBy])).toEqual([
        ['When?', 'answered', 'Ada', 'Soon', 'Kai'],
        ['Why?', 'open', '', '', ''],
      ]);
      const header = await findLatestMinutesSnapshotHeader(database, call.id);
      const [update] = await listMinutesUpdatesSince(database, call.id, 0);
      expect(header?.lastUpdateId).toBe(update?.id);
      expect(textOfState(update!.update)).toBe('## Release\n\nShipped.');
      expect(textOfState((await findMinutesSnapshot(database, call.id, header!.id))!.state)).toBe('## Release\n\nShipped.');
    });

    it('stores nothing of a call whose record cannot be written', async () => {
      const call = buildNewCall(createCallSchema.parse({ title: 'Broken', attendees: [{ displayName: 'Ada' }] }));
      const broken = { ...call, participants: [...call.participants, { ...call.participants[0]! }] };
      await expect(insertCall(database, broken)).rejects.toThrow();
      expect(await loadPublicCall(database, call.id)).toBeNull();
    });

    it('keeps the first value of a setting when two nodes create it at once', async () => {
      const values = await Promise.all(['first', 'second', 'third'].map((value) => getOrCreateSetting(database, 'contract-setting', () => value)));
      expect(new Set(values).size).toBe(1);
    });
  });
}
