import parsePrometheusTextFormat, { type Labels, type MetricFamily } from 'parse-prometheus-text-format';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startServer } from '../app';
import { applyMigrations } from '../persistence/migrator';
import { startProxy } from '../testing/cluster-nodes';
import { checkServices, redisTestUrl } from '../testing/services';
import { callWithHost, checkedIn, joinPayload, send, sendOk, startTestServer, type TestClient } from '../testing/test-server';

const services = await checkServices('Redis error metric test', { redis: true });

const METRICS_TOKEN = 'metrics-token-for-the-tests-0123456789';

type TestServer = Awaited<ReturnType<typeof startTestServer>>;
let withToken: TestServer;
let withPort: TestServer;
beforeAll(async () => {
  [withToken, withPort] = await Promise.all([
    startTestServer({ server: { metrics: { token: METRICS_TOKEN } } }),
    startTestServer({ server: { metrics: { port: 0, host: '127.0.0.1' } } }),
  ]);
});
afterAll(() => Promise.all([withToken.close(), withPort.close()]));

/** Histograms of the server; their series are read as `<name>_count`, `<name>_bucket` and `<name>_sum`. */
const HISTOGRAMS = ['roundtable_command_duration_seconds', 'roundtable_http_request_duration_seconds', 'roundtable_broadcast_tick_duration_seconds', 'roundtable_database_query_duration_seconds'];

/**
 * The scraped families. parse-prometheus-text-format merges every labelled series of a histogram into one
 * unlabelled sample, so the histograms' TYPE lines are checked here and dropped before parsing: their
 * `_count` and `_bucket` series then come out as untyped families with their labels.
 */
async function scrape(url: string, token?: string): Promise<MetricFamily[]> {
  const response = await fetch(url, token ? { headers: { authorization: `Bearer ${token}` } } : {});
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toContain('text/plain');
  const text = await response.text();
  for (const name of HISTOGRAMS) expect(text).toContain(`# TYPE ${name} histogram`);
  return parsePrometheusTextFormat(text.replace(/^# TYPE \w+ histogram\n/gm, ''));
}

/** A family's samples; a histogram's series alternate per label set, so one name may come as several families. */
function samplesOf(families: MetricFamily[], name: string) {
  const found = families.filter((candidate) => candidate.name === name);
  if (found.length === 0) throw new Error(`no metric family ${name}`);
  return found.flatMap((candidate) => {
    if (candidate.type === 'HISTOGRAM' || candidate.type === 'SUMMARY') throw new Error(`${name}: read its _count series`);
    return candidate.metrics;
  });
}

const matches = (labels: Labels | undefined, wanted: Labels) => Object.entries(wanted).every(([name, value]) => labels?.[name] === value);

/** The sum of a family's samples with these labels (0 when there are none). */
function valueOf(families: MetricFamily[], name: string, labels: Labels = {}): number {
  return samplesOf(families, name)
    .filter((sample) => matches(sample.labels, labels))
    .reduce((sum, sample) => sum + Number(sample.value), 0);
}

function connected(server: TestServer): Promise<TestClient> {
  const client = server.connect();
  return new Promise((resolve) => client.on('connect', () => resolve(client)));
}

describe('metrics', () => {
  it('counts sockets per role, live calls, commands by outcome, votes and poll answers, never labelled by call', async () => {
    const first = await callWithHost(withToken);
    const second = await callWithHost(withToken);
    const scribe = withToken.connect();
    await sendOk(scribe, 'call:join', joinPayload(first.created.slug, { key: first.created.keys.scribe }));
    const attendees = await Promise.all([first, first, second].map(({ created }, index) => checkedIn(withToken, created.slug, `Attendee ${index}`)));
    await connected(withToken);

    const { question } = await sendOk(first.host, 'qa:ask', { text: 'When is the next release?' });
    const voteAcks = await Promise.all([first.host, attendees[0]!, attendees[1]!].map((voter) => send(voter, 'qa:vote', { questionId: question.id })));
    const refusedVote = await send(attendees[2]!, 'qa:vote', { questionId: 'no-such-question' });
    const invalid = await send(attendees[0]!, 'qa:ask', { text: '' });
    expect(refusedVote).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(invalid).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });

    const { poll } = await sendOk(second.host, 'poll:create', { question: 'Which day?', kind: 'single', options: ['Tuesday', 'Wednesday'], showResults: 'live' });
    await sendOk(second.host, 'poll:open', { pollId: poll.id });
    const answerAcks = await Promise.all([second.host, attendees[2]!].map((voter) => send(voter, 'poll:answer', { pollId: poll.id, optionIds: [poll.options[0]!.id] })));

    const families = await scrape(`${withToken.url}/metrics`, METRICS_TOKEN);
    expect(valueOf(families, 'roundtable_votes_total')).toBe(voteAcks.filter((ack) => ack.ok).length);
    expect(valueOf(families, 'roundtable_votes_total')).toBe(3);
    expect(valueOf(families, 'roundtable_poll_answers_total')).toBe(answerAcks.filter((ack) => ack.ok).length);
    expect(valueOf(families, 'roundtable_poll_answers_total')).toBe(2);
    expect(valueOf(families, 'roundtable_commands_total', { command: 'qa:vote', outcome: 'ok' })).toBe(3);
    expect(valueOf(families, 'roundtable_commands_total', { command: 'qa:vote', outcome: 'not_found' })).toBe(1);
    expect(valueOf(families, 'roundtable_command_duration_seconds_count', { command: 'qa:ask', outcome: 'invalid_payload' })).toBe(1);
    expect(valueOf(families, 'roundtable_command_duration_seconds_count', { command: 'call:join', outcome: 'ok' })).toBe(6);

    // Two hosts, one scribe, three attendees who joined, and one socket that only connected.
    expect(valueOf(families, 'roundtable_connected_sockets', { role: 'host' })).toBe(2);
    expect(valueOf(families, 'roundtable_connected_sockets', { role: 'scribe' })).toBe(1);
    expect(valueOf(families, 'roundtable_connected_sockets', { role: 'attendee' })).toBe(3);
    expect(valueOf(families, 'roundtable_connected_sockets', { role: 'unjoined' })).toBe(1);
    expect(valueOf(families, 'roundtable_live_calls')).toBe(2);

    expect(valueOf(families, 'roundtable_http_request_duration_seconds_count', { method: 'POST', route: '/api/calls', status_class: '2xx' })).toBe(2);
    expect(valueOf(families, 'roundtable_database_query_duration_seconds_count')).toBeGreaterThan(0);
    expect(valueOf(families, 'roundtable_broadcast_tick_duration_seconds_count')).toBeGreaterThan(0);
    expect(samplesOf(families, 'roundtable_redis_errors_total')).toEqual([{ value: '0' }]);
    expect(valueOf(families, 'nodejs_eventloop_lag_seconds')).toBeGreaterThanOrEqual(0);
    expect(valueOf(families, 'process_resident_memory_bytes')).toBeGreaterThan(0);

    // Bounded cardinality: no label carries a call's slug or id, whichever metric.
    await fetch(`${withToken.url}/api/calls/${first.created.slug}`);
    await fetch(`${withToken.url}/api/calls/${second.created.slug}/attendees.csv?key=${second.created.keys.host}`);
    const afterReads = await scrape(`${withToken.url}/metrics`, METRICS_TOKEN);
    const labelValues = afterReads.flatMap((found) => found.metrics.flatMap((sample) => Object.values(sample.labels ?? {})));
    expect(labelValues).toContain('/api/calls/{slug}');
    for (const secretOrId of [first.created.slug, second.created.slug, second.created.keys.host, question.id, poll.id]) {
      expect(labelValues.filter((value) => value.includes(secretOrId))).toEqual([]);
    }
  });

  it('answers 401 with the API error body without the bearer token, and serves nothing on the main port without one', async () => {
    const attempts: Record<string, string>[] = [{}, { authorization: 'Bearer wrong-token' }, { authorization: `Basic ${METRICS_TOKEN}` }];
    for (const headers of attempts) {
      const refused = await fetch(`${withToken.url}/metrics`, { headers });
      expect(refused.status).toBe(401);
      expect(await refused.json()).toMatchObject({ error: { code: 'unauthorized' } });
    }
    expect((await fetch(`${withPort.url}/metrics`)).status).toBe(404);
    expect((await fetch(`${withPort.url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).status).toBe(404);
  });

  it('serves the metrics on a port of their own without a token', async () => {
    const { host } = await callWithHost(withPort);
    await sendOk(host, 'qa:ask', { text: 'Who reviews the docs?' });
    const metricsUrl = withPort.metricsUrl;
    if (!metricsUrl) throw new Error('no metrics listener');
    const families = await scrape(metricsUrl);
    expect(valueOf(families, 'roundtable_commands_total', { command: 'qa:ask', outcome: 'ok' })).toBe(1);
    expect(valueOf(families, 'roundtable_connected_sockets', { role: 'host' })).toBe(1);
    expect(valueOf(families, 'roundtable_live_calls')).toBe(1);
    expect((await fetch(new URL('/api/health', metricsUrl))).status).toBe(404);
  });
});

describe.skipIf(services.shouldSkip)('metrics of a node behind Redis', () => {
  it('counts the Redis client errors when its connection is cut', async () => {
    services.assertServices();
    const redis = new URL(redisTestUrl);
    const proxy = await startProxy(Number(redis.port || 6379));
    const throughProxy = new URL(redisTestUrl);
    throughProxy.port = new URL(proxy.url).port;
    throughProxy.hostname = '127.0.0.1';
    const databaseUrl = withToken.databaseUrl.replace('test.db', 'redis-node.db');
    await applyMigrations(databaseUrl);
    const node = await startServer({ databaseUrl, port: 0, host: '127.0.0.1', redis: { url: throughProxy.toString(), prefix: `metrics-test-${process.pid}` }, metrics: { token: METRICS_TOKEN } });
    try {
      expect(valueOf(await scrape(`${node.url}/metrics`, METRICS_TOKEN), 'roundtable_redis_errors_total')).toBe(0);
      proxy.cut();
      await vi.waitFor(async () => expect(valueOf(await scrape(`${node.url}/metrics`, METRICS_TOKEN), 'roundtable_redis_errors_total')).toBeGreaterThan(0), { timeout: 5_000, interval: 100 });
      proxy.restore();
      // Closing while the client still reconnects does not finish; its retries are at most 2 s apart.
      await new Promise((resolve) => setTimeout(resolve, 3_000));
    } finally {
      await node.close();
      await proxy.close();
    }
  }, 20_000);
});
