import { io } from 'socket.io-client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { MAX_GROUP_REMOVAL } from '@/lib/protocol';
import { checkedIn, createCall, sendOk, startTestServer } from '@/server/testing/test-server';
import * as agenda from './agenda.commands';
import { CallStore, GAP_WAIT_MS, NO_ANSWER, type CallSocket, type CallStoreOptions, type CallViewState, type TokenStorage } from './call-store';
import * as participantCommands from './participants.commands';
import * as polls from './polls.commands';
import * as questions from './questions.commands';
import { errorText } from './use-command';

let server: Awaited<ReturnType<typeof startTestServer>>;
const stores: CallStore[] = [];

beforeAll(async () => {
  server = await startTestServer();
});
afterEach(() => {
  for (const store of stores.splice(0)) store.stop();
});
afterAll(() => server.close());

function memoryStorage(): TokenStorage {
  const values = new Map<string, string>();
  return { getItem: (key) => values.get(key) ?? null, setItem: (key, value) => void values.set(key, value), removeItem: (key) => void values.delete(key) };
}

/** A store on a real socket to the test server; `joins` counts the call:join commands it sent. */
function openStore(slug: string, key?: string, options: Omit<CallStoreOptions, 'connect'> & { reconnectionDelay?: number } = {}) {
  let socket: CallSocket | undefined;
  const joins: number[] = [];
  const store = new CallStore(slug, key, {
    storage: memoryStorage(),
    ...options,
    connect: () => {
      const delay = options.reconnectionDelay ?? 50;
      socket = io(server.url, { transports: ['websocket'], autoConnect: false, reconnectionDelay: delay, reconnectionDelayMax: delay * 2, randomizationFactor: 0 });
      socket.onAnyOutgoing((event) => event === 'call:join' && joins.push(Date.now()));
      return socket;
    },
  });
  stores.push(store);
  store.start();
  return { store, socket: socket!, joins };
}

function until(store: CallStore, isReady: (state: CallViewState) => boolean, timeoutMs = 5000): Promise<CallViewState> {
  return new Promise((resolve, reject) => {
    const check = () => {
      if (!isReady(store.getState())) return;
      clearTimeout(timer);
      stop();
      resolve(store.getState());
    };
    const timer = setTimeout(() => {
      stop();
      reject(new Error(`store state not reached within ${timeoutMs} ms: ${JSON.stringify({ ...store.getState(), snapshot: store.getState().snapshot?.sequence })}`));
    }, timeoutMs);
    const stop = store.subscribe(check);
    check();
  });
}

const isOnline = (state: CallViewState) => state.connection === 'online';

async function openCall() {
  const created = await createCall(server.url);
  const host = openStore(created.slug, created.keys.host);
  const joined = await until(host.store, isOnline);
  const itemIds = joined.snapshot!.call.sections.flatMap((section) => section.items.map((item) => item.id));
  return { slug: created.slug, host, itemIds };
}

describe('CallStore against a real server', () => {
  it('joins with the role of its link and applies every change in sequence', async () => {
    const { slug, host, itemIds } = await openCall();
    expect(host.store.getState()).toMatchObject({ role: 'host', joinError: null });
    expect(host.store.getState().keys).not.toBeNull();
    const attendee = openStore(slug);
    const start = (await until(attendee.store, isOnline)).snapshot!.sequence;
    expect(attendee.store.getState()).toMatchObject({ role: 'attendee', keys: null, me: null });

    expect(await agenda.startCall(host.store)).toMatchObject({ ok: true });
    expect(await agenda.advance(host.store, 'next')).toMatchObject({ ok: true });
    expect(await agenda.jumpTo(host.store, itemIds[3]!)).toMatchObject({ ok: true });

    const state = await until(attendee.store, (seen) => seen.snapshot!.sequence === start + 4);
    expect(state.snapshot!.call).toMatchObject({ status: 'live', currentItemId: itemIds[3] });
    const hostState = await until(host.store, (seen) => seen.snapshot!.sequence === start + 4);
    expect(state.snapshot!.call).toEqual(hostState.snapshot!.call);
  });

  it('waits for a missing event, then takes a fresh snapshot instead of guessing', async () => {
    const { slug, host, itemIds } = await openCall();
    const attendee = openStore(slug);
    const start = (await until(attendee.store, isOnline)).snapshot!.sequence;
    // A lossy wire: the next event on its way to this store never arrives.
    const [deliver] = attendee.socket.listeners('call:event');
    attendee.socket.off('call:event', deliver);
    let isLost = false;
    const arrived: number[] = [];
    attendee.socket.on('call:event', (event) => {
      if (!isLost) return void (isLost = true);
      arrived.push(Date.now());
      deliver!(event);
    });

    // Starting sends the call's status and its first item; the status is lost.
    await agenda.startCall(host.store);
    await agenda.advance(host.store, 'next');
    await expect.poll(() => arrived.length).toBe(2);
    // The later events wait behind the gap rather than being applied over a missing one.
    expect(attendee.store.getState().snapshot!.sequence).toBe(start);
    expect(attendee.joins).toHaveLength(1);

    const state = await until(attendee.store, (seen) => seen.snapshot!.sequence === start + 3);
    expect(state.snapshot!.call).toMatchObject({ status: 'live', currentItemId: itemIds[1] });
    expect(attendee.joins).toHaveLength(2);
    expect(attendee.joins[1]! - arrived[1]!).toBeGreaterThanOrEqual(GAP_WAIT_MS - 20);
  });

  it('after a lost connection rejoins with its token and takes what changed meanwhile from the snapshot', async () => {
    const { slug, host, itemIds } = await openCall();
    await agenda.startCall(host.store);
    const attendee = openStore(slug, undefined, { reconnectionDelay: 600 });
    await until(attendee.store, isOnline);
    const checkedIn = await participantCommands.checkIn(attendee.store, { displayName: 'Grace', affiliation: '', pronouns: '', reason: '' });
    expect(checkedIn.ok).toBe(true);
    const asked = await questions.ask(attendee.store, { text: 'Will the release slip?', isAnonymous: false, itemId: null });
    if (!asked.ok) throw new Error(asked.error.message);
    const voted = await questions.vote(attendee.store, asked.data.question.id);
    expect(voted).toMatchObject({ ok: true, data: { voteCount: 1 } });
    expect(attendee.store.getState()).toMatchObject({ myQuestions: [asked.data.question.id], myVotes: [asked.data.question.id] });

    attendee.socket.io.engine.close();
    await until(attendee.store, (state) => state.connection === 'reconnecting');
    await agenda.jumpTo(host.store, itemIds[2]!);
    expect(attendee.store.getState().snapshot!.call.currentItemId).not.toBe(itemIds[2]);

    const state = await until(attendee.store, (seen) => isOnline(seen) && seen.snapshot!.call.currentItemId === itemIds[2]);
    expect(attendee.joins).toHaveLength(2);
    expect(state.me?.displayName).toBe('Grace');
    expect(state.myVotes).toEqual([asked.data.question.id]);
    expect(state.myQuestions).toEqual([asked.data.question.id]);
    expect(state.snapshot!.questions.find((question) => question.id === asked.data.question.id)?.voteCount).toBe(1);
  });

  it('answers every command with an ack: a refusal keeps its code, issues and message, a lost answer becomes one', async () => {
    const { slug } = await openCall();
    const attendee = openStore(slug);
    await until(attendee.store, isOnline);

    const refused = await questions.ask(attendee.store, { text: 'Before checking in?', isAnonymous: false, itemId: null });
    expect(refused).toMatchObject({ ok: false, error: { code: 'not_checked_in' } });
    if (refused.ok) return;
    expect(errorText(refused.error)).toBe(refused.error.message);

    const invalid = await participantCommands.checkIn(attendee.store, { displayName: '   ', affiliation: '', pronouns: '', reason: '' });
    expect(invalid).toMatchObject({ ok: false, error: { code: 'invalid_payload', issues: [{ path: 'displayName' }] } });
    if (invalid.ok) return;
    expect(errorText(invalid.error)).toBe('Enter a display name');
    expect(attendee.store.getState().me).toBeNull();

    const unreachable = new CallStore(slug, undefined, { commandTimeoutMs: 100, connect: () => io(server.url, { autoConnect: false }) });
    stores.push(unreachable);
    expect(await agenda.advance(unreachable, 'next')).toEqual({ ok: false, error: NO_ANSWER });
  });

  it('follows a poll: the draft to its creator, results merged per tick, one’s answer in every tab and after a rejoin', async () => {
    const { slug, host } = await openCall();
    const otherHost = openStore(slug, host.store.getState().keys!.host);
    await until(otherHost.store, isOnline);
    const created = await polls.create(host.store, { question: 'Ship it?', kind: 'single', options: ['Yes', 'No'], showResults: 'live', isNamed: false });
    if (!created.ok) throw new Error(created.error.message);
    const { poll } = created.data;
    expect(host.store.getState().snapshot!.polls).toEqual([poll]);
    expect((await until(otherHost.store, (state) => state.snapshot!.polls.length === 1)).snapshot!.polls).toEqual([poll]);

    const storage = memoryStorage();
    const tab = openStore(slug, undefined, { storage });
    await until(tab.store, isOnline);
    expect(tab.store.getState().snapshot!.polls).toEqual([]);
    expect(await participantCommands.checkIn(tab.store, { displayName: 'Grace', affiliation: '', pronouns: '', reason: '' })).toMatchObject({ ok: true });
    const otherTab = openStore(slug, undefined, { storage });
    await until(otherTab.store, (state) => isOnline(state) && state.me !== null);

    expect(await polls.open(host.store, poll.id)).toMatchObject({ ok: true });
    await until(tab.store, (state) => state.snapshot!.polls.some((each) => each.id === poll.id && each.status === 'open'));
    const yes = poll.options[0]!.id;
    expect(await polls.answer(tab.store, poll.id, { optionIds: [yes] })).toMatchObject({ ok: true });
    expect(tab.store.getState().myPollAnswers).toEqual({ [poll.id]: { optionIds: [yes] } });

    await until(otherTab.store, (state) => state.myPollAnswers[poll.id] !== undefined);
    for (const store of [tab.store, otherTab.store, host.store]) {
      const state = await until(store, (seen) => seen.snapshot!.pollResults[poll.id]?.answered === 1);
      expect(state.snapshot!.pollResults[poll.id]!.options.map((option) => option.count)).toEqual([1, 0]);
    }
    const rejoined = openStore(slug, undefined, { storage });
    const state = await until(rejoined.store, (seen) => isOnline(seen) && seen.me !== null);
    expect(state.myPollAnswers).toEqual({ [poll.id]: { optionIds: [yes] } });
    expect(state.snapshot!.pollResults[poll.id]?.answered).toBe(1);
  });

  it('shows why it cannot join and stops trying', async () => {
    const stranger = openStore('no-such-call');
    const state = await until(stranger.store, (seen) => seen.connection === 'failed');
    expect(state.joinError).toMatchObject({ code: 'not_found' });
    expect(state.snapshot).toBeNull();
  });

  it('removes a group larger than one command names as one action, with progress, and every count ends exact', async () => {
    const { slug, host } = await openCall();
    const asker = openStore(slug);
    await until(asker.store, isOnline);
    expect(await participantCommands.checkIn(asker.store, { displayName: 'Ada', affiliation: '', pronouns: '', reason: '' })).toMatchObject({ ok: true });
    const asked = await questions.ask(asker.store, { text: 'Stuffed from one conference network?', isAnonymous: false, itemId: null });
    if (!asked.ok) throw new Error(asked.error.message);
    const questionId = asked.data.question.id;
    // One address (the test server allows it, as a host behind a conference NAT would): one group of voters.
    const size = MAX_GROUP_REMOVAL + 20;
    for (let start = 0; start < size; start += 40) {
      await Promise.all(
        Array.from({ length: Math.min(40, size - start) }, async (_, index) => {
          const bot = await checkedIn(server, slug, `Fan ${start + index}`);
          await sendOk(bot, 'qa:vote', { questionId });
          bot.disconnect();
        }),
      );
    }
    const countOf = (state: CallViewState) => state.snapshot!.questions.find((question) => question.id === questionId)?.voteCount;
    await until(asker.store, (state) => countOf(state) === size);

    const reviewed = await questions.reviewVoters(host.store, questionId);
    if (!reviewed.ok) throw new Error(reviewed.error.message);
    expect(reviewed.data.voters).toBe(size);
    expect(reviewed.data.groups.map((group) => group.participants.length)).toEqual([size]);
    const progress: number[] = [];
    const removed = await questions.removeGroup(host.store, reviewed.data.groups[0]!.participants.map((participant) => participant.id), (count) => progress.push(count));
    expect(removed).toMatchObject({ ok: true });
    expect(progress).toEqual([MAX_GROUP_REMOVAL, size]);
    for (const store of [host.store, asker.store]) await until(store, (state) => countOf(state) === 0);
    const again = await questions.reviewVoters(host.store, questionId);
    expect(again).toMatchObject({ ok: true, data: { groups: [], voters: 0 } });
  }, 60_000);

  it('once the host deletes the call, says so, forgets its check-in and does not rejoin', async () => {
    const created = await createCall(server.url);
    const storage = memoryStorage();
    const attendee = openStore(created.slug, undefined, { storage });
    await until(attendee.store, (seen) => seen.connection === 'online');
    expect(await participantCommands.checkIn(attendee.store, { displayName: 'Grace', affiliation: '', pronouns: '', reason: '' })).toMatchObject({ ok: true });
    expect(storage.getItem(`roundtable:token:${created.slug}`)).not.toBeNull();

    const response = await fetch(`${server.url}/api/calls/${created.slug}`, { method: 'DELETE', headers: { authorization: `Bearer ${created.keys.host}` } });
    expect(response.status).toBe(200);
    const state = await until(attendee.store, (seen) => seen.deletedNotice !== null);
    expect(state).toMatchObject({ deletedNotice: 'This call was deleted by its host.', me: null });
    expect(storage.getItem(`roundtable:token:${created.slug}`)).toBeNull();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(attendee.joins).toHaveLength(1);
  });
});
