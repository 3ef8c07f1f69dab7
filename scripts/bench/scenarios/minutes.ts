import * as Y from 'yjs';
import { minutesText } from '@/lib/minutes';
import { toBytes } from '@/lib/protocol';
import { createCall } from '../call-setup';
import type { Socket } from 'socket.io-client';
import { asBytes, BenchClient, connectBare, listenOnEach, send, sendOk, sleep, waitFor } from '../clients';
import { latencyMetrics, type BenchContext, type Metric, type ScenarioOutput } from '../scenario';
import type { ServerFigures } from '../server-metrics';
import { Histogram, summarize } from '../stats';

const SCRIBES = 50;
const KEYSTROKES_PER_SECOND = 5;
const SAMPLED_VIEWERS = 500;
const DOCUMENT_BYTES = 160 * 1024;
const LOADS = 20;

/** Per receiving socket: how far it has seen each scribe's keystrokes. */
type Watermarks = Map<number, number>;

/** One server under test: its scribes, the sockets that only watch, and how to hear every `minutes:update`. */
type Side = {
  name: string;
  scribes: Socket[];
  viewers: Socket[];
  listen(handler: (receiver: Socket, update: Uint8Array, now: number) => void): () => void;
  figures(reset: boolean): Promise<ServerFigures>;
};

type TypingRun = {
  keystrokesPerS: number;
  failures: string[];
  scribeLatency: Histogram;
  viewerLatency: Histogram;
  notSeen: number;
  deliveriesPerS: number;
  sampledViewers: number;
  server: ServerFigures;
};

/**
 * 50 scribes type while every viewer watches, first against the bare equivalent (baseline-server.ts: plain
 * Socket.IO, the same two ticks, nothing stored), then against ours with the join storm's attendees; and a 160 KB
 * document loads fast. The bare side's sockets are connected for its run and closed before ours runs.
 */
export async function runMinutes(context: BenchContext, log: (line: string) => void): Promise<ScenarioOutput> {
  const load = await measureDocumentLoad(context);
  const durationS = context.isQuick ? 8 : 12;

  const bareUrl = await context.control.startBaseline();
  const bareScribes = await connectBare(bareUrl, SCRIBES, { role: 'scribe' });
  const bareViewers = await connectBare(bareUrl, context.clients.length);
  const bareSockets = [...bareScribes.sockets, ...bareViewers.sockets];
  const bare = await typeWhileWatched(
    {
      name: 'bare',
      scribes: bareScribes.sockets,
      viewers: bareViewers.sockets,
      listen: (handler) => listenOnEach<Uint8Array | ArrayBuffer>(bareSockets, 'minutes:update', (index, update, now) => handler(bareSockets[index]!, asBytes(update), now)),
      figures: (reset) => context.control.baselineMetrics(reset, 'step'),
    },
    durationS,
    log,
  );
  for (const socket of bareSockets) socket.disconnect();
  await sleep(2000); // both processes close 5,000 sockets; not during our run

  const scribes = await Promise.all(
    Array.from({ length: SCRIBES }, async () => {
      const client = new BenchClient(context.url, context.slug, context.keys.scribe);
      await client.connected();
      await client.join();
      return client;
    }),
  );
  const ours = await typeWhileWatched(
    {
      name: 'ours',
      scribes: scribes.map((client) => client.socket),
      viewers: context.clients.map((client) => client.socket),
      listen: (handler) => {
        context.hooks.onMinutes = (client, update, now) => handler(client.socket, update, now);
        return () => (context.hooks.onMinutes = undefined);
      },
      figures: (reset) => context.control.serverMetrics(reset, 'step'),
    },
    durationS,
    log,
  );
  for (const scribe of scribes) scribe.close();

  const ratio = (ourValue: number, bareValue: number) => (bareValue > 0 ? Math.round((ourValue / bareValue) * 10) / 10 : Number.NaN);
  const failures = [...bare.failures, ...ours.failures];
  return {
    metrics: [
      ...load,
      ...latencyMetrics('bare: scribe → scribe', bare.scribeLatency.summary()),
      ...latencyMetrics('bare: scribe → viewer', bare.viewerLatency.summary()),
      { name: 'bare: keystrokes not seen (sampled receivers)', value: bare.notSeen, unit: '', target: { op: '=', value: 0 } },
      { name: 'bare server CPU', value: bare.server.cpuPercent, unit: '%' },
      { name: 'ours: keystrokes/s', value: ours.keystrokesPerS, unit: '/s' },
      { name: 'ours: keystrokes refused or failed', value: ours.failures.length, unit: '', target: { op: '=', value: 0 } },
      ...latencyMetrics('ours: scribe → scribe', ours.scribeLatency.summary(), { p95: 100 }),
      ...latencyMetrics('ours: scribe → viewer', ours.viewerLatency.summary(), { p99: 400 }),
      { name: 'ours: keystrokes not seen (sampled receivers)', value: ours.notSeen, unit: '', target: { op: '=', value: 0 } },
      { name: 'ours: minutes deliveries/s', value: ours.deliveriesPerS, unit: '/s' },
      { name: 'ours server CPU', value: ours.server.cpuPercent, unit: '%' },
      { name: 'ours: scribe → scribe p95 as a multiple of bare', value: ratio(ours.scribeLatency.percentile(95), bare.scribeLatency.percentile(95)), unit: '×' },
      { name: 'ours: scribe → viewer p99 as a multiple of bare', value: ratio(ours.viewerLatency.percentile(99), bare.viewerLatency.percentile(99)), unit: '×' },
    ],
    notes: [
      `${SCRIBES} scribes typing ${SCRIBES * KEYSTROKES_PER_SECOND} keystrokes/s for ${durationS} s per side; latency to viewers measured on ${ours.sampledViewers} viewers spread over the call; every viewer counted in deliveries`,
      `bare: ${bareSockets.length} plain sockets (${bareScribes.connectFailures + bareViewers.connectFailures} failed to connect), closed before ours ran`,
      ...[...new Set(failures)].slice(0, 3),
    ],
  };
}

/**
 * The scribes type (each keystroke a Yjs update of its own document, sent as `minutes:update`) at
 * KEYSTROKES_PER_SECOND each for `durationS`; every receiver that is a scribe or a sampled viewer records, per
 * keystroke, the time from its send to the first update that contains it.
 */
async function typeWhileWatched(side: Side, durationS: number, log: (line: string) => void): Promise<TypingRun> {
  const scribes = side.scribes.map((socket) => ({ socket, doc: new Y.Doc(), sentAt: [] as number[] }));
  const scribeBySocket = new Map(scribes.map((scribe) => [scribe.socket, scribe]));
  const sentAtByDocClient = new Map(scribes.map((scribe) => [scribe.doc.clientID, scribe.sentAt]));
  // Sampled viewers spread over the call: a broadcast reaches sockets in the order they connected (bare) or by
  // slice (ours), so the first viewers would see every update first.
  const spacing = Math.max(1, Math.floor(side.viewers.length / SAMPLED_VIEWERS));
  const sampled = side.viewers.filter((_, index) => index % spacing === 0).slice(0, SAMPLED_VIEWERS);
  const isSampled = new Set(sampled);
  const watermarks = new Map<Socket, Watermarks>();
  const scribeLatency = new Histogram();
  const viewerLatency = new Histogram();
  let deliveries = 0;

  const stopListening = side.listen((receiver, update, now) => {
    deliveries += 1;
    const own = scribeBySocket.get(receiver)?.doc.clientID;
    if (own === undefined && !isSampled.has(receiver)) return;
    const marks = watermarks.get(receiver) ?? new Map<number, number>();
    watermarks.set(receiver, marks);
    const histogram = own === undefined ? viewerLatency : scribeLatency;
    for (const [docClient, clock] of Y.parseUpdateMeta(update).to) {
      const sentAt = sentAtByDocClient.get(docClient);
      if (!sentAt || docClient === own) continue;
      for (let index = marks.get(docClient) ?? 0; index < clock; index += 1) histogram.record(now - sentAt[index]!);
      marks.set(docClient, Math.max(marks.get(docClient) ?? 0, clock));
    }
  });

  await side.figures(true);
  const failures: string[] = [];
  const pending: Promise<void>[] = [];
  const started = Date.now();
  const total = scribes.length * KEYSTROKES_PER_SECOND * durationS;
  const rate = scribes.length * KEYSTROKES_PER_SECOND;
  for (let index = 0; index < total; index += 1) {
    if (index % 5 === 0) await sleep(Math.max(0, started + (index / rate) * 1000 - Date.now()));
    const scribe = scribes[index % scribes.length]!;
    const before = Y.encodeStateVector(scribe.doc);
    const text = minutesText(scribe.doc);
    text.insert(text.length, index % 40 === 39 ? '\n' : String.fromCharCode(97 + (index % 26)));
    const update = Y.encodeStateAsUpdate(scribe.doc, before);
    scribe.sentAt.push(Date.now());
    pending.push(
      send(scribe.socket, 'minutes:update', { update }).then(
        (response) => void (response.ok || failures.push(response.error.code)),
        (error: unknown) => void failures.push(String(error)),
      ),
    );
  }
  const typedS = (Date.now() - started) / 1000;
  await Promise.all(pending);
  const receivers = [...side.scribes, ...sampled];
  const notSeen = () => {
    let count = 0;
    for (const receiver of receivers) {
      const marks = watermarks.get(receiver);
      const own = scribeBySocket.get(receiver)?.doc.clientID;
      for (const scribe of scribes) if (scribe.doc.clientID !== own) count += scribe.sentAt.length - (marks?.get(scribe.doc.clientID) ?? 0);
    }
    return count;
  };
  await waitFor(() => notSeen() === 0, 5000);
  const server = await side.figures(false);
  stopListening();
  const run: TypingRun = {
    keystrokesPerS: Math.round(total / typedS),
    failures,
    scribeLatency,
    viewerLatency,
    notSeen: notSeen(),
    deliveriesPerS: Math.round(deliveries / typedS),
    sampledViewers: sampled.length,
    server,
  };
  log(
    `minutes ${side.name}: ${run.keystrokesPerS} keystrokes/s, scribe → scribe p95 ${scribeLatency.percentile(95)} ms, scribe → viewer p99 ${viewerLatency.percentile(99)} ms, ` +
      `not seen ${run.notSeen}, failed ${failures.length}; server CPU ${server.cpuPercent} %, loop lag p99 ${server.lagP99Ms} ms`,
  );
  return run;
}

/** Writes a 160 KB document into a fresh call, lets the server drop it from memory, then times loads. */
async function measureDocumentLoad(context: BenchContext): Promise<Metric[]> {
  const call = await createCall(context.url);
  const writer = new BenchClient(context.url, call.slug, call.keys.scribe);
  await writer.connected();
  await writer.join();
  const doc = new Y.Doc();
  const text = minutesText(doc);
  // 40 updates of 4 KB: within a socket's burst of commands.
  const line = 'The release process moves to a four-week cadence; LTS picks every twelve weeks. '.repeat(52).slice(0, 4095) + '\n';
  for (let written = 0; text.length < DOCUMENT_BYTES; written += 1) {
    const before = Y.encodeStateVector(doc);
    text.insert(Math.floor(((written * 7919) % (text.length + 1)) / 4096) * 4096, line);
    await sendOk(writer.socket, 'minutes:update', { update: Y.encodeStateAsUpdate(doc, before) });
  }
  writer.close();
  await sleep(1000);

  const loads: number[] = [];
  const readers: BenchClient[] = [];
  let loadedBytes = 0;
  for (let attempt = 0; attempt < LOADS; attempt += 1) {
    const reader = new BenchClient(context.url, call.slug);
    await reader.connected();
    await reader.join();
    const started = performance.now();
    const answer = await sendOk(reader.socket, 'minutes:sync', { stateVector: Y.encodeStateVector(new Y.Doc()) });
    loads.push(performance.now() - started);
    if (attempt === 0) {
      const copy = new Y.Doc();
      Y.applyUpdate(copy, toBytes(answer.update));
      loadedBytes = minutesText(copy).length;
    }
    readers.push(reader);
  }
  // The first reader loaded the document from storage; the others found it in memory.
  for (const reader of readers) reader.close();
  const warm = summarize(loads.slice(1));
  return [
    { name: '160 KB document: characters loaded', value: loadedBytes, unit: '', target: { op: '>=', value: DOCUMENT_BYTES } },
    { name: '160 KB document: cold load', value: Math.round(loads[0]! * 10) / 10, unit: 'ms', target: { op: '<', value: 50 } },
    { name: '160 KB document: warm load max', value: Math.round(warm.max * 10) / 10, unit: 'ms', target: { op: '<', value: 50 } },
  ];
}
