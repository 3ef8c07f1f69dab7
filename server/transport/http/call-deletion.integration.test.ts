import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CALL_DELETED_MESSAGE, httpErrorBodySchema } from '@/lib/protocol';
import { openDatabase, type Database } from '../../persistence/database';
import { MinutesClient } from '../../testing/minutes-client';
import { callWithHost, checkedIn, createCall, joinPayload, nextEvent, send, sendOk, startTestServer } from '../../testing/test-server';

let server: Awaited<ReturnType<typeof startTestServer>>;
let database: Database;
beforeAll(async () => {
  server = await startTestServer({ minutes: { compactEvery: 1000 } });
  database = await openDatabase(server.databaseUrl);
});
afterAll(async () => {
  await database.$disconnect();
  await server.close();
});

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const bearer = (key: string) => ({ authorization: `Bearer ${key}` });
const remove = (slug: string, headers: Record<string, string> = {}) => fetch(`${server.url}/api/calls/${slug}`, { method: 'DELETE', headers });

/** Rows of every table that hangs off a call, counted for `callId` (and `questionIds`/`pollIds` for the tables below those). */
async function rowsOf(callId: string, questionIds: string[], pollIds: string[]) {
  const where = { callId };
  return {
    call: await database.call.count({ where: { id: callId } }),
    links: await database.link.count({ where }),
    sections: await database.section.count({ where }),
    items: await database.item.count({ where }),
    participants: await database.participant.count({ where }),
    questions: await database.question.count({ where }),
    votes: await database.vote.count({ where: { questionId: { in: questionIds } } }),
    polls: await database.poll.count({ where }),
    pollAnswers: await database.pollAnswer.count({ where: { pollId: { in: pollIds } } }),
    minutesUpdates: await database.minutesUpdate.count({ where }),
    minutesSnapshots: await database.minutesSnapshot.count({ where }),
    actionItems: await database.actionItem.count({ where }),
    decisions: await database.decision.count({ where }),
    reactionCounts: await database.reactionCount.count({ where }),
    publications: await database.publication.count({ where }),
  };
}

async function seriesActionsText(seriesId: string): Promise<string> {
  const response = await fetch(`${server.url}/api/series/${seriesId}/actions`);
  expect(response.status).toBe(200);
  return response.text();
}

describe('DELETE /api/calls/{slug}', () => {
  it('refuses without the host key and for an unknown call, with the JSON error body', async () => {
    const created = await createCall(server.url);
    for (const [headers, status] of [[{}, 403], [bearer(created.keys.scribe), 403], [bearer('not-the-key'), 403]] as const) {
      const response = await remove(created.slug, headers);
      expect(response.status).toBe(status);
      expect(httpErrorBodySchema.parse(await response.json()).error.code).toBe('forbidden');
    }
    const unknown = await remove('nosuchcall', bearer(created.keys.host));
    expect(unknown.status).toBe(404);
    expect(httpErrorBodySchema.parse(await unknown.json()).error.code).toBe('not_found');
    expect((await fetch(`${server.url}/api/calls/${created.slug}`)).status).toBe(200);
  });

  it('removes the call with everything of it, tells and disconnects everyone in it, and leaves its series’ other calls', async () => {
    const { created, host } = await callWithHost(server);
    const { seriesId: noSeries } = (await (await fetch(`${server.url}/api/calls/${created.slug}`)).json()) as { seriesId: string | null };
    expect(noSeries).toBeNull();
    const next = await fetch(`${server.url}/api/calls/${created.slug}/next`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ key: created.keys.host }) });
    expect(next.status).toBe(201);
    const nextSlug = ((await next.json()) as { slug: string }).slug;
    const { seriesId } = (await (await fetch(`${server.url}/api/calls/${created.slug}`)).json()) as { seriesId: string };

    await sendOk(host, 'call:start', {});
    const ada = await checkedIn(server, created.slug, 'Ada Lovelace', { affiliation: 'Analytical Engines' });
    const bo = await checkedIn(server, created.slug, 'Bo');
    const { question } = await sendOk(ada, 'qa:ask', { text: 'When is the next release?' });
    await sendOk(bo, 'qa:vote', { questionId: question.id });
    const { poll } = await sendOk(host, 'poll:create', { question: 'Which day?', kind: 'single', options: ['Tuesday', 'Wednesday'], showResults: 'live' });
    await sendOk(host, 'poll:open', { pollId: poll.id });
    await sendOk(ada, 'poll:answer', { pollId: poll.id, optionIds: [poll.options[0]!.id] });
    await sendOk(bo, 'reaction:send', { emoji: '👍' }).catch(() => undefined);
    const scribe = new MinutesClient(server.connect(), created.slug, created.keys.scribe);
    await scribe.ready();
    expect(await scribe.push(scribe.edit((text) => text.insert(0, '- [ ] @ada Ship the release notes\nDecision: release monthly\n')))).toBe(true);
    await expect.poll(() => seriesActionsText(seriesId)).toContain('Ship the release notes');

    const call = await database.call.findUniqueOrThrow({ where: { slug: created.slug }, select: { id: true } });
    // As if the record had been published to the series' repository.
    const published = { id: 'publication-1', callId: call.id, commit: 'abc123', branch: 'main', path: 'minutes/2026-12-03.md', recordHash: 'hash' };
    await database.publication.create({ data: published });
    const before = await rowsOf(call.id, [question.id], [poll.id]);
    expect(before).toMatchObject({ call: 1, participants: 3, questions: 1, votes: 1, polls: 1, pollAnswers: 1, minutesUpdates: 1, actionItems: 1, decisions: 1 });

    const told = Promise.all([ada, scribe.client].map((client) => nextEvent(client, 'call:deleted')));
    const disconnected = Promise.all([ada, bo, host].map((client) => new Promise((resolve) => client.once('disconnect', resolve))));
    const response = await remove(created.slug, bearer(created.keys.host));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ slug: created.slug, title: 'Jenkins community call' });
    expect(await told).toEqual([{ message: CALL_DELETED_MESSAGE }, { message: CALL_DELETED_MESSAGE }]);
    expect(await disconnected).toEqual(['io server disconnect', 'io server disconnect', 'io server disconnect']);

    // Whatever was still on its way (the minutes' last compaction, the broadcaster's tick) must not bring rows back.
    await pause(600);
    expect(Object.values(await rowsOf(call.id, [question.id], [poll.id])).every((count) => count === 0)).toBe(true);
    for (const path of ['', '/minutes.md', '/agenda.md', '/calendar.ics', '/actions.md', `/attendees.csv?key=${created.keys.host}`]) {
      expect((await fetch(`${server.url}/api/calls/${created.slug}${path}`)).status, path).toBe(404);
    }
    const rejoin = server.connect();
    const join = await send(rejoin, 'call:join', joinPayload(created.slug, { key: created.keys.host }));
    expect(join.ok ? null : join.error.code).toBe('not_found');
    expect((await remove(created.slug, bearer(created.keys.host))).status).toBe(404);

    // Importing the repository again skips the record it was published as.
    expect(await database.importedFile.findMany({ where: { seriesId }, select: { path: true, callSlug: true } })).toEqual([{ path: published.path, callSlug: created.slug }]);
    expect((await fetch(`${server.url}/api/calls/${nextSlug}`)).status).toBe(200);
    const seriesActions = await seriesActionsText(seriesId);
    expect(seriesActions).not.toContain('Ship the release notes');
    expect(seriesActions).not.toContain(created.slug);
  });
});
