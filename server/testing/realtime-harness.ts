import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import { io as connect } from 'socket.io-client';
import type { Role, ServerToClientEvents } from '@/lib/protocol';
import { openDatabase, type Database } from '../persistence/database';
import { callRoomsOf } from '../realtime/fan-out';
import { moderatorRoom, participantRoom, participantsRoom } from '../realtime/rooms';
import type { RoundtableServer, RoundtableSocket } from '../realtime/sockets';
import { createCall, joinPayload, sendOk, startTestServer, type TestClient } from './test-server';

type EventName = keyof ServerToClientEvents;
type Payload<Name extends EventName> = Parameters<ServerToClientEvents[Name]>[0];

/** Where a socket sits in a call: the rooms the join handler would have put it in. */
export type Seat = {
  callId: string;
  /** Hosts and scribes also sit in the moderator room. */
  role?: Role;
  /** The participant's own room (their own notices and pending questions). */
  participantId?: string;
  /** Whether the socket shows the participants list. */
  watchesParticipants?: boolean;
};

/**
 * Every unit under test here emits through the rooms only; none sends `call:health` (the database health notices
 * do, and they are not part of these tests), so the harness uses it as a marker that a client has caught up.
 */
const MARKER = 'call:health';

/** A real client seated in a call's rooms, recording what reaches it, in order. */
export class SeatedClient {
  readonly #log: { event: string; payload: unknown }[] = [];
  readonly #waiters = new Set<() => void>();

  constructor(
    readonly client: TestClient,
    /** The server's side of the connection, as a handler would see it. */
    readonly socket: RoundtableSocket,
  ) {
    client.onAny((event: string, payload: unknown) => {
      this.#log.push({ event, payload });
      for (const waiter of [...this.#waiters]) waiter();
    });
  }

  /** Every payload of `event` received so far, oldest first. */
  received<Name extends EventName>(event: Name): Payload<Name>[] {
    // Socket.IO delivers each event with the payload its typed emit was given; the map cannot be expressed generically.
    return this.#log.filter((entry) => entry.event === event).map((entry) => entry.payload as Payload<Name>);
  }

  /** The names of the events received so far, markers left out. */
  get eventNames(): string[] {
    return this.#log.filter((entry) => entry.event !== MARKER).map((entry) => entry.event);
  }

  /** Resolves with every payload of `event` once at least `count` have arrived. */
  waitFor<Name extends EventName>(event: Name, count = 1, timeoutMs = 5000): Promise<Payload<Name>[]> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const payloads = this.received(event);
        if (payloads.length < count) return;
        this.#waiters.delete(check);
        clearTimeout(timer);
        resolve(payloads);
      };
      const timer = setTimeout(() => {
        this.#waiters.delete(check);
        reject(new Error(`${this.client.id ?? 'client'}: ${this.received(event).length} of ${count} ${event} within ${timeoutMs} ms`));
      }, timeoutMs);
      this.#waiters.add(check);
      check();
    });
  }

  /** Resolves once this client has received everything the server emitted to it before the call. */
  async catchUp(): Promise<void> {
    const count = this.received(MARKER).length + 1;
    this.socket.emit(MARKER, { database: 'ok' });
    await this.waitFor(MARKER, count);
  }
}

/**
 * A bare Socket.IO server on port 0 for one realtime unit, beside a full test server that creates calls,
 * participants and questions through the real API, and the same migrated SQLite database opened directly.
 */
export async function startRealtimeHarness() {
  const api = await startTestServer();
  const database: Database = await openDatabase(api.databaseUrl);
  const httpServer = createServer();
  const io: RoundtableServer = new Server(httpServer, { serveClient: false });
  await new Promise<void>((resolve) => httpServer.listen({ port: 0, host: '127.0.0.1' }, resolve));
  const { port } = httpServer.address() as AddressInfo;
  const seated: SeatedClient[] = [];

  async function connectClient(): Promise<TestClient> {
    const client: TestClient = connect(`http://127.0.0.1:${port}`, { transports: ['websocket'], reconnection: false });
    await new Promise<void>((resolve, reject) => {
      client.once('connect', resolve);
      client.once('connect_error', reject);
    });
    return client;
  }

  return {
    api,
    database,
    io,
    /** Connects a real client and puts its socket into the seat's rooms, as `call:join` would. */
    async seat(seat: Seat): Promise<SeatedClient> {
      const client = await connectClient();
      const socket = io.sockets.sockets.get(client.id ?? '');
      if (!socket) throw new Error('the server does not know the new socket');
      const role = seat.role ?? 'attendee';
      socket.data = { callId: seat.callId, role, participantId: seat.participantId };
      const rooms = callRoomsOf(socket, seat.callId);
      if (role !== 'attendee') rooms.push(moderatorRoom(seat.callId));
      if (seat.participantId) rooms.push(participantRoom(seat.participantId));
      if (seat.watchesParticipants) rooms.push(participantsRoom(seat.callId));
      await socket.join(rooms);
      const seatedClient = new SeatedClient(client, socket);
      seated.push(seatedClient);
      return seatedClient;
    },
    /** Resolves once every connected client has received everything emitted to it so far. */
    async catchUp(): Promise<void> {
      await Promise.all(seated.filter((each) => each.client.connected).map((each) => each.catchUp()));
    },
    async close(): Promise<void> {
      for (const each of seated) each.client.disconnect();
      await new Promise<void>((resolve) => io.close(() => resolve()));
      await database.$disconnect();
      await api.close();
    },
  };
}

export type RealtimeHarness = Awaited<ReturnType<typeof startRealtimeHarness>>;

/** The id of the call created at `slug`. */
export async function callIdOf(database: Database, slug: string): Promise<string> {
  return (await database.call.findUniqueOrThrow({ where: { slug }, select: { id: true } })).id;
}

/**
 * A call created through the real API, with its host and the named attendees joined and checked in (each over
 * the API server's own sockets, which the unit under test never sees).
 */
export async function startCall(harness: RealtimeHarness, attendeeNames: string[], settings: { qaModerated?: boolean } = {}) {
  const created = await createCall(harness.api.url);
  const join = async (displayName: string, key?: string) => {
    const client = harness.api.connect();
    await sendOk(client, 'call:join', joinPayload(created.slug, { key }));
    const { participant } = await sendOk(client, 'participant:checkIn', { displayName });
    return { client, participant };
  };
  const host = await join('Kai', created.keys.host);
  if (settings.qaModerated) await sendOk(host.client, 'qa:settings', { qaModerated: true });
  const attendees: Awaited<ReturnType<typeof join>>[] = [];
  for (const name of attendeeNames) attendees.push(await join(name));
  return { created, callId: await callIdOf(harness.database, created.slug), host, attendees };
}
