import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PollResults, SequencedEvent } from '@/lib/protocol';
import { startProxy, stopNode, TwoNodeCluster } from './testing/cluster-nodes';
import { containsUpdate, MinutesClient, seededRandom } from './testing/minutes-client';
import { checkServices } from './testing/services';
import { createCall, joinPayload, send, sendOk } from './testing/test-server';

const services = await checkServices('Multi-node tests (two server processes on PostgreSQL and Redis)', { postgres: true, redis: true });

describe.skipIf(services.shouldSkip)('two nodes on one PostgreSQL and one Redis', () => {
  const cluster = new TwoNodeCluster();

  async function attendee(url: string, slug: string, name: string) {
    const client = cluster.connect(url);
    await sendOk(client, 'call:join', joinPayload(slug));
    const { token } = await sendOk(client, 'participant:checkIn', { displayName: name });
    return Object.assign(client, { token });
  }

  beforeAll(async () => {
    services.assertServices();
    await cluster.start();
  }, 60_000);

  afterAll(() => cluster.close(), 30_000);

  it('carries the host’s moves, questions, exact vote totals, presence and minutes to both nodes', async () => {
    const [a, b] = cluster.nodes;
    const created = await createCall(a.url);
    const host = cluster.connect(a.url);
    const hostJoin = await sendOk(host, 'call:join', joinPayload(created.slug, { key: created.keys.host }));
    await sendOk(host, 'participant:checkIn', { displayName: 'Kai' });
    const onA = await Promise.all(Array.from({ length: 6 }, (_, index) => attendee(a.url, created.slug, `A${index}`)));
    const onB = await Promise.all(Array.from({ length: 6 }, (_, index) => attendee(b.url, created.slug, `B${index}`)));
    const watchers = [onA[0]!, onB[0]!];
    const events = watchers.map((client) => {
      const seen: SequencedEvent[] = [];
      client.on('call:event', (event) => seen.push(event));
      return seen;
    });
    const tallies = watchers.map((client) => {
      const seen: Record<string, number> = {};
      client.on('qa:tallies', (tally) => Object.assign(seen, tally));
      return seen;
    });
    const presence = watchers.map((client) => {
      const seen = { onlineCount: 0 };
      client.on('call:presence', (update) => Object.assign(seen, update));
      return seen;
    });

    await sendOk(host, 'call:start', {});
    await sendOk(host, 'agenda:advance', { direction: 'next' });
    const { question } = await sendOk(onB[1]!, 'qa:ask', { text: 'Will the next release support ARM?' });
    const isAsked = (item: SequencedEvent) => item.event.type === 'question.upserted' && item.event.question.id === question.id;
    await expect.poll(() => events.map((seen) => seen.some(isAsked))).toEqual([true, true]);
    expect(events[0]).toEqual(events[1]);
    expect(events[0]!.map((item) => item.sequence)).toEqual(events[0]!.map((_, index) => hostJoin.snapshot.sequence + 1 + index));
    expect(events[0]!.map((item) => item.event.type)).toContain('agenda.current');

    const voters = [host, ...onA, ...onB];
    const results = await Promise.all(voters.map((voter) => send(voter, 'qa:vote', { questionId: question.id })));
    expect(results.every((result) => result.ok)).toBe(true);
    expect((await send(onA[2]!, 'qa:vote', { questionId: question.id })).ok).toBe(false);
    await expect.poll(() => tallies.map((seen) => seen[question.id])).toEqual([13, 13]);
    for (const node of cluster.nodes) {
      const [seen] = (await sendOk(cluster.connect(node.url), 'call:join', joinPayload(created.slug))).snapshot.questions;
      expect(seen?.voteCount).toBe(13);
    }
    await expect.poll(() => presence.map((seen) => seen.onlineCount)).toEqual([13, 13]);
    const listed = await sendOk(onB[0]!, 'participants:list', {});
    expect(listed.participants.filter((participant) => participant.isOnline)).toHaveLength(13);

    const scribes = [new MinutesClient(cluster.connect(a.url), created.slug, created.keys.scribe), new MinutesClient(cluster.connect(b.url), created.slug, created.keys.scribe)];
    await Promise.all(scribes.map((scribe) => scribe.ready()));
    const reader = new MinutesClient(cluster.connect(b.url), created.slug);
    await reader.ready();
    expect(await scribes[0]!.push(scribes[0]!.edit((text) => text.insert(0, 'From A. ')))).toBe(true);
    expect(await scribes[1]!.push(scribes[1]!.edit((text) => text.insert(0, 'From B. ')))).toBe(true);
    await expect.poll(() => new Set([...scribes, reader].map((client) => client.text)).size).toBe(1);
    expect(reader.text).toContain('From A. ');
    expect(reader.text).toContain('From B. ');
  });

  it('counts poll answers from both nodes exactly, keeps results kept until closing from attendees on either, and merges reactions', async () => {
    const [a, b] = cluster.nodes;
    const created = await createCall(a.url);
    const host = cluster.connect(a.url);
    await sendOk(host, 'call:join', joinPayload(created.slug, { key: created.keys.host }));
    await sendOk(host, 'call:start', {});
    await sendOk(host, 'agenda:advance', { direction: 'next' });
    const scribe = cluster.connect(b.url);
    await sendOk(scribe, 'call:join', joinPayload(created.slug, { key: created.keys.scribe }));
    const watcher = await attendee(b.url, created.slug, 'Watcher');
    const resultsSeen = [host, scribe, watcher].map((client) => {
      const seen: Record<string, PollResults> = {};
      client.on('poll:results', (results) => Object.assign(seen, results));
      return seen;
    });
    const reactionsSeen = [host, watcher].map((client) => {
      const seen = { total: 0 };
      client.on('reactions', (burst) => (seen.total += Object.values(burst.counts).reduce((sum, count) => sum + (count ?? 0), 0)));
      return seen;
    });

    const { poll } = await sendOk(host, 'poll:create', { question: 'Who runs ARM64 in production?', kind: 'single', options: ['Yes', 'No'], showResults: 'closed' });
    await sendOk(host, 'poll:open', { pollId: poll.id });
    const crowd = await Promise.all([
      ...Array.from({ length: 8 }, (_, index) => attendee(a.url, created.slug, `PA${index}`)),
      ...Array.from({ length: 8 }, (_, index) => attendee(b.url, created.slug, `PB${index}`)),
    ]);
    const acks = await Promise.all(crowd.map((client, index) => send(client, 'poll:answer', { pollId: poll.id, optionIds: [poll.options[index % 4 === 0 ? 0 : 1]!.id] })));
    expect(acks.every((ack) => ack.ok)).toBe(true);
    await expect.poll(() => [resultsSeen[0]![poll.id]?.answered, resultsSeen[1]![poll.id]?.answered]).toEqual([16, 16]);
    expect(resultsSeen[0]![poll.id]?.options.map((option) => option.count)).toEqual([4, 12]);
    expect(resultsSeen[2]![poll.id]).toBeUndefined();
    await sendOk(host, 'poll:close', { pollId: poll.id });
    await expect.poll(() => resultsSeen[2]![poll.id]?.options.map((option) => option.count)).toEqual([4, 12]);

    await Promise.all(crowd.map((client) => sendOk(client, 'reaction:send', { emoji: '👏' })));
    await expect.poll(() => reactionsSeen.map((seen) => seen.total)).toEqual([16, 16]);
  });

  it('moves the clients of a killed node to the other one, losing no acknowledged vote or minutes edit', async () => {
    const [a, b] = cluster.nodes;
    const proxy = await startProxy(b.port);
    try {
      const created = await createCall(a.url);
      const host = cluster.connect(a.url);
      await sendOk(host, 'call:join', joinPayload(created.slug, { key: created.keys.host }));
      await sendOk(host, 'participant:checkIn', { displayName: 'Kai' });
      const { question } = await sendOk(host, 'qa:ask', { text: 'What breaks when a node dies?' });
      const voters = await Promise.all(Array.from({ length: 30 }, (_, index) => attendee(proxy.url, created.slug, `V${index}`)));
      const scribe = new MinutesClient(cluster.connect(proxy.url), created.slug, created.keys.scribe);
      await scribe.ready();

      // A third of the votes and some edits are acknowledged before the node dies; the rest are in flight.
      const random = seededRandom(7);
      for (let step = 0; step < 5; step += 1) expect(await scribe.push(scribe.randomEdit(random, `before${step}`))).toBe(true);
      const acknowledged = new Set<string>();
      for (const voter of voters.slice(0, 10)) {
        await sendOk(voter, 'qa:vote', { questionId: question.id });
        acknowledged.add(voter.token);
      }
      let isEditing = true;
      const editing = (async () => {
        for (let step = 0; step < 200 && isEditing; step += 1) {
          await scribe.push(scribe.randomEdit(random, `e${step}`));
          await new Promise((resolve) => setTimeout(resolve, 10));
        }
      })();
      const voting = voters.slice(10).map(async (voter, index) => {
        await new Promise((resolve) => setTimeout(resolve, index * 15));
        const result = await send(voter, 'qa:vote', { questionId: question.id }).catch(() => null);
        if (result?.ok) acknowledged.add(voter.token);
      });
      await new Promise((resolve) => setTimeout(resolve, 100));
      proxy.retarget(a.port);
      await stopNode(b, 'SIGKILL');
      await Promise.all(voting);
      await new Promise((resolve) => setTimeout(resolve, 200));
      isEditing = false;
      await editing;

      // Every acknowledged vote is there after reconnecting; the rest can be sent again, and the total is exact.
      await expect.poll(() => voters.every((voter) => voter.connected), { timeout: 10_000 }).toBe(true);
      for (const voter of voters) {
        const rejoined = await sendOk(voter, 'call:join', joinPayload(created.slug, { token: voter.token }));
        if (acknowledged.has(voter.token)) expect(rejoined.myVotes).toEqual([question.id]);
        if (rejoined.myVotes.length === 0) await sendOk(voter, 'qa:vote', { questionId: question.id });
      }
      const [counted] = (await sendOk(cluster.connect(a.url), 'call:join', joinPayload(created.slug))).snapshot.questions;
      expect(counted?.voteCount).toBe(30);

      // The scribe rejoined through the proxy (now node A) and synced; every acknowledged edit is stored.
      await scribe.ready(10_000);
      const fresh = new MinutesClient(cluster.connect(a.url), created.slug, created.keys.scribe);
      await fresh.ready();
      expect(scribe.acked.length).toBeGreaterThan(0);
      for (const update of scribe.acked) expect(containsUpdate(fresh.doc, update)).toBe(true);
      await expect.poll(() => fresh.text).toBe(scribe.text);
    } finally {
      await proxy.close();
    }
  });
});
