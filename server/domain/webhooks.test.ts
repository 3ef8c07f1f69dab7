import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DEFAULT_RETRY_WINDOW_MS, nextAttemptDelay, signatureOf, webhookBody, type WebhookCall } from './webhooks';

const call = (patch: Partial<WebhookCall> = {}): WebhookCall => ({
  slug: 'abc123',
  title: 'Node.js community call',
  url: 'https://calls.example.org/c/abc123',
  startsAt: '2026-12-10T17:00:00.000Z',
  timezone: 'UTC',
  status: 'scheduled',
  ...patch,
});
const at = new Date('2026-12-01T09:00:00.000Z');

describe('webhookBody', () => {
  it('carries the event, a readable line, the series and the call', () => {
    expect(JSON.parse(webhookBody('call.scheduled', { call: call(), seriesTitle: 'Node.js', at }))).toEqual({
      event: 'call.scheduled',
      text: 'Node.js community call (2026-12-10 17:00 UTC) is scheduled: https://calls.example.org/c/abc123',
      occurredAt: '2026-12-01T09:00:00.000Z',
      series: { title: 'Node.js' },
      call: call(),
    });
  });

  it('dates the call in its own timezone, named, or says the date is to be announced', () => {
    const berlin = JSON.parse(webhookBody('call.started', { call: call({ timezone: 'Europe/Berlin', status: 'live' }), seriesTitle: 'S', at }));
    expect(berlin.text).toBe('Node.js community call (2026-12-10 18:00 Europe/Berlin) has started: https://calls.example.org/c/abc123');
    const undated = JSON.parse(webhookBody('call.ended', { call: call({ startsAt: null }), seriesTitle: 'S', at }));
    expect(undated.text).toBe('Node.js community call (date to be announced) has ended: https://calls.example.org/c/abc123');
  });

  it('names the record’s path and the compare URL, or the commit when there is none', () => {
    const publication = { commit: '0123456789abcdef0123', branch: 'roundtable/abc123', path: 'meetings/2026-12-10.md', compareUrl: 'https://github.com/o/r/compare/main...roundtable/abc123' };
    const body = JSON.parse(webhookBody('record.published', { call: call({ status: 'ended' }), seriesTitle: 'S', publication, at }));
    expect(body.text).toBe('The record of Node.js community call (2026-12-10 17:00 UTC) was published to meetings/2026-12-10.md: https://github.com/o/r/compare/main...roundtable/abc123');
    expect(body.publication).toEqual(publication);
    const pushed = JSON.parse(webhookBody('record.published', { call: call(), seriesTitle: 'S', publication: { ...publication, compareUrl: null, branch: 'main' }, at }));
    expect(pushed.text).toBe('The record of Node.js community call (2026-12-10 17:00 UTC) was published to meetings/2026-12-10.md: commit 0123456789ab on main');
  });
});

describe('signatureOf', () => {
  it('is sha256= and the hex HMAC-SHA256 of the body', () => {
    const body = '{"event":"call.started"}';
    expect(signatureOf('s3cret', body)).toBe(`sha256=${createHmac('sha256', 's3cret').update(body).digest('hex')}`);
    expect(signatureOf('s3cret', body)).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(signatureOf('other', body)).not.toBe(signatureOf('s3cret', body));
  });
});

describe('nextAttemptDelay', () => {
  it('backs off exponentially, then repeats the longest wait', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 20].map((attempts) => nextAttemptDelay(attempts))).toEqual([10_000, 30_000, 60_000, 300_000, 900_000, 3_600_000, 3_600_000, 3_600_000]);
  });

  it('gives up once the next attempt would fall outside the retry window', () => {
    expect(nextAttemptDelay(6, { elapsedMs: DEFAULT_RETRY_WINDOW_MS - 3_600_000 })).toBe(3_600_000);
    expect(nextAttemptDelay(6, { elapsedMs: DEFAULT_RETRY_WINDOW_MS - 3_599_999 })).toBeNull();
    expect(nextAttemptDelay(1, { elapsedMs: DEFAULT_RETRY_WINDOW_MS + 1 })).toBeNull();
  });

  it('takes other delays and another window', () => {
    expect(nextAttemptDelay(1, { delaysMs: [5, 20], windowMs: 100 })).toBe(5);
    expect(nextAttemptDelay(3, { delaysMs: [5, 20], windowMs: 100, elapsedMs: 80 })).toBe(20);
    expect(nextAttemptDelay(3, { delaysMs: [5, 20], windowMs: 100, elapsedMs: 81 })).toBeNull();
    expect(nextAttemptDelay(1, { delaysMs: [] })).toBeNull();
  });
});
