import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callReadSchema } from '@/lib/protocol';
import { createPostgresDatabase } from '../prisma/test-databases';
import { openDatabase, type Database } from './persistence/database';
import { applyMigrations } from './persistence/migrator';
import { checkServices } from './testing/services';
import { RetentionSweep } from './persistence/retention-sweep';
import { callWithHost, createCall, joinPayload, sendOk, startTestServer } from './testing/test-server';

type TestServer = Awaited<ReturnType<typeof startTestServer>>;
/** Where two nodes' database is: a SQLite file both open, or a PostgreSQL database. */
type Target = { options: { directory?: string; databaseUrl?: string }; databaseUrl: string; drop(): Promise<void> };

const DAY_MS = 24 * 60 * 60 * 1000;
const RETENTION = { days: 30, intervalMs: 150 };

async function sqliteTarget(): Promise<Target> {
  const directory = await mkdtemp(path.join(tmpdir(), 'roundtable-retention-'));
  const databaseUrl = `file:${path.join(directory, 'test.db')}`;
  await applyMigrations(databaseUrl);
  return { options: { directory }, databaseUrl, drop: () => rm(directory, { recursive: true, force: true }) };
}

async function postgresTarget(): Promise<Target> {
  const database = await createPostgresDatabase();
  await applyMigrations(database.url);
  return { options: { databaseUrl: database.url }, databaseUrl: database.url, drop: () => database.drop() };
}

function retentionSuite(openTarget: () => Promise<Target>) {
  let target: Target;
  let nodes: TestServer[] = [];
  let database: Database;

  beforeAll(async () => {
    target = await openTarget();
    // Two nodes on one database, both sweeping every 150 ms.
    for (let index = 0; index < 2; index += 1) nodes.push(await startTestServer({ ...target.options, retention: RETENTION }));
    database = await openDatabase(target.databaseUrl);
  }, 60_000);
  afterAll(async () => {
    await database?.$disconnect();
    for (const node of nodes) await node.close();
    nodes = [];
    await target?.drop();
  });

  const readCall = async (slug: string) => callReadSchema.parse(await (await fetch(`${nodes[1]!.url}/api/calls/${slug}`)).json());
  const record = async (slug: string) => (await fetch(`${nodes[1]!.url}/api/calls/${slug}/minutes.md`)).text();
  const attendees = async (slug: string, key: string) => (await fetch(`${nodes[0]!.url}/api/calls/${slug}/attendees.csv?key=${key}`)).text();

  async function checkIn(slug: string, displayName: string, profile: { affiliation?: string; pronouns?: string; reason?: string } = {}) {
    const client = nodes[0]!.connect();
    await sendOk(client, 'call:join', joinPayload(slug));
    await sendOk(client, 'participant:checkIn', { displayName, ...profile });
    return client;
  }

  /** What anyone joining sees of a call's counts: attendees, questions with their votes, poll results. */
  async function countsOf(slug: string) {
    const reader = nodes[1]!.connect();
    const { snapshot } = await sendOk(reader, 'call:join', joinPayload(slug));
    reader.disconnect();
    return {
      participantCount: snapshot.presence.participantCount,
      questions: snapshot.questions.map(({ text, voteCount, state, answer }) => ({ text, voteCount, state, answer })),
      pollResults: snapshot.pollResults,
      questionNames: snapshot.questions.map(({ authorName, answeredBy }) => [authorName, answeredBy]),
    };
  }

  /** A call that ran with two attendees, a question (asked, voted on, answered) and a closed poll. */
  async function endedCall() {
    const { created, host } = await callWithHost(nodes[0]!);
    await sendOk(host, 'call:start', {});
    const ada = await checkIn(created.slug, 'Ada Lovelace', { affiliation: 'Analytical Engines', pronouns: 'she/her', reason: 'I maintain the ARM64 port' });
    const boris = await checkIn(created.slug, 'Boris Karloff', { affiliation: 'Universal' });
    const { question } = await sendOk(ada, 'qa:ask', { text: 'When is the next release?' });
    await sendOk(boris, 'qa:vote', { questionId: question.id });
    await sendOk(host, 'qa:answer', { questionId: question.id, answer: 'In March.', answeredBy: 'Kai the maintainer' });
    const { poll } = await sendOk(host, 'poll:create', { question: 'Which day?', kind: 'single', options: ['Tuesday', 'Wednesday'], showResults: 'live' });
    await sendOk(host, 'poll:open', { pollId: poll.id });
    await sendOk(ada, 'poll:answer', { pollId: poll.id, optionIds: [poll.options[0]!.id] });
    await sendOk(boris, 'poll:answer', { pollId: poll.id, optionIds: [poll.options[1]!.id] });
    await sendOk(host, 'poll:close', { pollId: poll.id });
    await sendOk(host, 'call:end', {});
    return created;
  }

  it('removes attendees’ names from a call that ended over N days ago, keeping its counts, once, whichever node sweeps', async () => {
    const old = await endedCall();
    const before = await countsOf(old.slug);
    expect(before).toMatchObject({ participantCount: 3, questions: [{ voteCount: 1, state: 'answered' }], questionNames: [['Ada Lovelace', 'Kai the maintainer']] });
    const { sequence } = await readCall(old.slug);

    await database.call.update({ where: { slug: old.slug }, data: { endedAt: new Date(Date.now() - 40 * DAY_MS) } });
    await expect.poll(async () => (await readCall(old.slug)).call.personalDataRemovedAt, { timeout: 10_000 }).not.toBeNull();

    const text = await record(old.slug);
    for (const personal of ['Ada Lovelace', 'Analytical Engines', 'she/her', 'ARM64 port', 'Boris Karloff', 'Universal', 'Kai the maintainer']) expect(text).not.toContain(personal);
    expect(text).toContain('3 people checked in. Attendees’ names were removed 40 days after the call.');
    expect(text).toContain('When is the next release?');
    const csv = await attendees(old.slug, old.keys.host);
    for (const personal of ['Ada Lovelace', 'Analytical Engines', 'Boris Karloff', 'Kai']) expect(csv).not.toContain(personal);
    expect(csv.trim().split('\n')).toHaveLength(4);
    const after = await countsOf(old.slug);
    expect(after).toEqual({ ...before, questionNames: [['', '']] });

    // Both nodes went on sweeping: the call was changed once, and stays as it is.
    await new Promise((resolve) => setTimeout(resolve, 5 * RETENTION.intervalMs));
    expect((await readCall(old.slug)).sequence).toBe(sequence + 1);
  });

  it('keeps the names of a call that ended recently and of a live call', async () => {
    const recent = await endedCall();
    const live = await callWithHost(nodes[0]!);
    await sendOk(live.host, 'call:start', {});
    await checkIn(live.created.slug, 'Dee Dee Ramone', { affiliation: 'Ramones' });
    // Let both nodes sweep a few times.
    await new Promise((resolve) => setTimeout(resolve, 5 * RETENTION.intervalMs));

    for (const { slug } of [recent, live.created]) {
      expect((await readCall(slug)).call.personalDataRemovedAt).toBeNull();
      expect(await record(slug)).not.toContain('names were removed');
    }
    expect(await record(recent.slug)).toContain('Ada Lovelace (Analytical Engines)');
    expect(await attendees(recent.slug, recent.keys.host)).toContain('Boris Karloff');
    expect(await attendees(live.created.slug, live.created.keys.host)).toContain('Dee Dee Ramone');
    expect((await countsOf(recent.slug)).questionNames).toEqual([['Ada Lovelace', 'Kai the maintainer']]);
  });
}

describe('retention on SQLite (two nodes on one file)', () => {
  retentionSuite(sqliteTarget);
});

describe('a retention run', () => {
  it('changes at most its bound of calls, leaves the rest to the next run, and finds nothing left to do after', async () => {
    const server = await startTestServer();
    const database = await openDatabase(server.databaseUrl);
    try {
      const archived = (day: number) => ({
        title: `Call of 2020-03-0${day}`,
        startsAt: `2020-03-0${day}T17:00`,
        timezone: 'Europe/Berlin',
        attendees: [{ displayName: `Attendee ${day}`, affiliation: 'Example' }],
        questions: [{ text: 'Any news?', authorName: `Asker ${day}` }],
      });
      const calls = [await createCall(server.url, archived(1)), await createCall(server.url, archived(2)), await createCall(server.url, archived(3))];
      const sweep = new RetentionSweep(database, { days: 30, batchSize: 1, maxCallsPerRun: 2 });
      expect(await sweep.run()).toBe(2);
      expect(await database.participant.count({ where: { displayName: { not: '' } } })).toBe(1);
      expect(await sweep.run()).toBe(1);
      expect(await sweep.run()).toBe(0);
      expect(await database.participant.count({ where: { displayName: '' } })).toBe(3);
      expect(await database.question.count({ where: { authorName: '' } })).toBe(3);
      for (const { slug } of calls) expect(await (await fetch(`${server.url}/api/calls/${slug}/minutes.md`)).text()).toContain('1 person checked in.');
    } finally {
      await database.$disconnect();
      await server.close();
    }
  });
});

const postgres = await checkServices('Retention tests on PostgreSQL', { postgres: true });

describe.skipIf(postgres.shouldSkip)('retention on PostgreSQL (two nodes on one database)', () => {
  beforeAll(() => postgres.assertServices());
  retentionSuite(postgresTarget);
});
