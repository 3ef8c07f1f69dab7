import * as Y from 'yjs';
import { minutesText } from '@/lib/minutes';
import { toBytes } from '@/lib/protocol';
import { createCall } from '../call-setup';
import { BenchClient, send, sendOk, sleep, type Hooks } from '../clients';
import { latencyMetrics, type BenchContext, type Metric, type ScenarioOutput } from '../scenario';
import { Histogram, summarize } from '../stats';

const SCRIBES = 50;
const KEYSTROKES_PER_SECOND = 5;
const SAMPLED_VIEWERS = 500;
const DOCUMENT_BYTES = 160 * 1024;
const LOADS = 20;

/** Per receiving client: how far it has seen each scribe's keystrokes. */
type Watermarks = Map<number, number>;

/** 50 scribes type while every attendee watches; and a 160 KB document loads fast. */
export async function runMinutes(context: BenchContext): Promise<ScenarioOutput> {
  const load = await measureDocumentLoad(context);
  const durationS = context.isQuick ? 8 : 20;
  const scribes = await Promise.all(
    Array.from({ length: SCRIBES }, async () => {
      const client = new BenchClient(context.url, context.slug, context.keys.scribe);
      await client.connected();
      await client.join();
      return { client, doc: new Y.Doc(), sentAt: [] as number[] };
    }),
  );
  const scribeByClient = new Map(scribes.map((scribe) => [scribe.client, scribe]));
  const sentAtByDocClient = new Map(scribes.map((scribe) => [scribe.doc.clientID, scribe.sentAt]));
  const sampled = new Set<BenchClient>(context.clients.slice(0, SAMPLED_VIEWERS));
  const watermarks = new Map<BenchClient, Watermarks>();
  const scribeLatency = new Histogram();
  const viewerLatency = new Histogram();
  let deliveries = 0;

  const onMinutes: Hooks['onMinutes'] = (client, update, now) => {
    deliveries += 1;
    const isScribe = scribeByClient.has(client);
    if (!isScribe && !sampled.has(client)) return;
    const marks = watermarks.get(client) ?? new Map<number, number>();
    watermarks.set(client, marks);
    const histogram = isScribe ? scribeLatency : viewerLatency;
    const own = scribeByClient.get(client)?.doc.clientID;
    for (const [docClient, clock] of Y.parseUpdateMeta(update).to) {
      const sentAt = sentAtByDocClient.get(docClient);
      if (!sentAt || docClient === own) continue;
      for (let index = marks.get(docClient) ?? 0; index < clock; index += 1) histogram.record(now - sentAt[index]!);
      marks.set(docClient, Math.max(marks.get(docClient) ?? 0, clock));
    }
  };
  context.hooks.onMinutes = onMinutes;

  const failures: string[] = [];
  const pending: Promise<void>[] = [];
  const started = Date.now();
  const total = SCRIBES * KEYSTROKES_PER_SECOND * durationS;
  const rate = SCRIBES * KEYSTROKES_PER_SECOND;
  for (let index = 0; index < total; index += 1) {
    if (index % 5 === 0) await sleep(Math.max(0, started + (index / rate) * 1000 - Date.now()));
    const scribe = scribes[index % SCRIBES]!;
    const before = Y.encodeStateVector(scribe.doc);
    const text = minutesText(scribe.doc);
    text.insert(text.length, index % 40 === 39 ? '\n' : String.fromCharCode(97 + (index % 26)));
    const update = Y.encodeStateAsUpdate(scribe.doc, before);
    scribe.sentAt.push(Date.now());
    pending.push(
      send(scribe.client.socket, 'minutes:update', { update }).then(
        (response) => void (response.ok || failures.push(response.error.code)),
        (error: unknown) => void failures.push(String(error)),
      ),
    );
  }
  const typedS = (Date.now() - started) / 1000;
  await Promise.all(pending);
  const receivers = [...scribes.map((scribe) => scribe.client), ...context.clients.filter((client) => sampled.has(client))];
  const missing = () => {
    let count = 0;
    for (const receiver of receivers) {
      const marks = watermarks.get(receiver);
      const own = scribeByClient.get(receiver)?.doc.clientID;
      for (const scribe of scribes) if (scribe.doc.clientID !== own) count += scribe.sentAt.length - (marks?.get(scribe.doc.clientID) ?? 0);
    }
    return count;
  };
  const deadline = Date.now() + 5000;
  while (missing() > 0 && Date.now() < deadline) await sleep(100);
  context.hooks.onMinutes = undefined;
  for (const scribe of scribes) scribe.client.close();

  return {
    metrics: [
      ...load,
      { name: 'keystrokes/s', value: Math.round(total / typedS), unit: '/s' },
      { name: 'keystrokes refused or failed', value: failures.length, unit: '', target: { op: '=', value: 0 } },
      ...latencyMetrics('scribe → scribe', scribeLatency.summary(), { p95: 100 }),
      ...latencyMetrics('scribe → viewer', viewerLatency.summary(), { p99: 400 }),
      { name: 'keystrokes not seen (sampled receivers)', value: missing(), unit: '', target: { op: '=', value: 0 } },
      { name: 'minutes deliveries/s', value: Math.round(deliveries / typedS), unit: '/s' },
    ],
    notes: [`latency to viewers measured on ${Math.min(SAMPLED_VIEWERS, context.clients.length)} viewers; every viewer counted in deliveries`, ...[...new Set(failures)].slice(0, 3)],
  };
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
