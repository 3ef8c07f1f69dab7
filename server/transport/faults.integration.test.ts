import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCall, joinPayload, send, sendOk, startTestServer, type TestClient } from '../testing/test-server';

let server: Awaited<ReturnType<typeof startTestServer>>;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const reconnected = (client: TestClient) => new Promise<void>((resolve) => client.once('connect', () => resolve()));

describe('faults', () => {
  it('loses no acknowledged vote when the server restarts during a vote storm', async () => {
    const created = await createCall(server.url);
    const voters = await Promise.all(
      Array.from({ length: 50 }, async (_, index) => {
        const client = server.connect();
        await sendOk(client, 'call:join', joinPayload(created.slug));
        const { token } = await sendOk(client, 'participant:checkIn', { displayName: `Voter ${index}` });
        return Object.assign(client, { token });
      }),
    );
    const { question } = await sendOk(voters[0]!, 'qa:ask', { text: 'Restart-proof?' });

    const back = voters.map(reconnected);
    const votes = voters.map(async (voter, index) => {
      await new Promise((resolve) => setTimeout(resolve, index * 3));
      return send(voter, 'qa:vote', { questionId: question.id }).catch(() => ({ ok: false as const }));
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    await server.restart();
    const outcomes = await Promise.all(votes);
    await Promise.all(back);

    const acked = outcomes.filter((outcome) => outcome.ok).length;
    expect(acked).toBeGreaterThan(0);
    let persisted = 0;
    for (const [index, voter] of voters.entries()) {
      const rejoined = await sendOk(voter, 'call:join', joinPayload(created.slug, { token: voter.token }));
      const hasVote = rejoined.myVotes.includes(question.id);
      if (outcomes[index]!.ok) expect(hasVote).toBe(true);
      if (hasVote) persisted += 1;
    }
    const [stored] = (await sendOk(voters[0]!, 'call:join', joinPayload(created.slug))).snapshot.questions;
    expect(stored?.voteCount).toBe(persisted);
    expect(persisted).toBeGreaterThanOrEqual(acked);
  });

  it('brings a client that dropped out back to the current state by sequence number', async () => {
    const created = await createCall(server.url);
    const host = server.connect();
    const { snapshot } = await sendOk(host, 'call:join', joinPayload(created.slug, { key: created.keys.host }));
    const items = snapshot.call.sections.flatMap((section) => section.items.map((item) => item.id));
    const attendee = server.connect();
    const before = await sendOk(attendee, 'call:join', joinPayload(created.slug));
    attendee.disconnect();

    await sendOk(host, 'call:start', {});
    await sendOk(host, 'agenda:advance', { direction: 'next' });

    attendee.connect();
    await reconnected(attendee);
    const after = await sendOk(attendee, 'call:join', joinPayload(created.slug));
    expect(after.snapshot.sequence).toBe(before.snapshot.sequence + 3);
    expect(after.snapshot.call.currentItemId).toBe(items[1]);
  });
});
