import { expect, test, type Page } from '@playwright/test';
import { io } from 'socket.io-client';
import { PROTOCOL_VERSION } from '../lib/protocol/commands';
import { ask, checkIn, createCall } from './support/calls';

const BOTS = 9;
const text = 'Should the next release drop Java 11?';

type Ack = { ok: boolean; data?: unknown; error?: { message: string } };

/** The stuffing script through the real socket API: a fresh socket, a new name, one upvote, per bot. */
async function stuffVotes(baseURL: string, slug: string) {
  const bots = [];
  for (let index = 0; index < BOTS; index += 1) {
    const socket = io(baseURL, { transports: ['websocket'] });
    const send = async (event: string, payload: unknown) => {
      const ack = (await socket.timeout(10_000).emitWithAck(event, payload)) as Ack;
      if (!ack.ok) throw new Error(`${event}: ${ack.error?.message}`);
      return ack.data;
    };
    const joined = (await send('call:join', { protocolVersion: PROTOCOL_VERSION, slug })) as { snapshot: { questions: { id: string; text: string }[] } };
    const question = joined.snapshot.questions.find((candidate) => candidate.text === text)!;
    await send('participant:checkIn', { displayName: `Fan ${index}` });
    await send('qa:vote', { questionId: question.id });
    bots.push(socket);
  }
  return bots;
}

const openQuestion = (page: Page) => page.getByRole('region', { name: /^Open questions/ }).getByTestId('question').filter({ hasText: text });

test('a vote burst shows on the host’s question card; reviewing the voters and removing the group restores the count', async ({ page: host, baseURL }) => {
  const { slug, hostPath } = await createCall(host, { title: 'Release call', startsAt: '2031-03-04T17:30', timezone: 'Europe/Berlin', sections: [{ title: 'Q&A', items: [{ title: 'Open floor' }] }] });
  await host.goto(hostPath);
  await checkIn(host, 'Kai');
  await ask(host, text);
  const bots = await stuffVotes(baseURL!, slug);

  const card = openQuestion(host);
  await expect(card.getByTestId('vote-count')).toHaveText(String(BOTS));
  await expect(card.getByTestId('vote-signal')).toContainText(`Unusual votes: ${BOTS} votes in`);
  await expect(card.getByTestId('vote-signal')).toContainText('from participants who had just checked in');
  await card.getByRole('button', { name: 'Review voters' }).click();

  const dialog = host.getByRole('dialog', { name: `Voters of “${text}”` });
  const group = dialog.getByTestId('voter-group');
  await expect(group).toHaveCount(1);
  await expect(group).toContainText('Same address');
  await expect(group).toContainText(`${BOTS} votes`);
  await expect(group).toContainText('Fan 0, Fan 1');
  await group.getByRole('button', { name: 'Remove this group and their votes' }).click();
  await group.getByRole('button', { name: 'Yes, remove them' }).click();
  await expect(dialog.getByText('Nobody votes for this question any more.')).toBeVisible();
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toBeHidden();
  await expect(card.getByTestId('vote-count')).toHaveText('0');
  for (const bot of bots) bot.disconnect();
});
