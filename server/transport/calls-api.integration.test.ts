import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCall, sampleCall, startTestServer } from '../testing/test-server';

let server: Awaited<ReturnType<typeof startTestServer>>;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const post = (body: string, contentType = 'application/json') =>
  fetch(`${server.url}/api/calls`, { method: 'POST', headers: { 'content-type': contentType }, body });

describe('POST /api/calls', () => {
  it('creates a call and returns its public, host and scribe links', async () => {
    const created = await createCall(server.url);
    expect(created.slug).toMatch(/^[a-z2-9]{10}$/);
    expect(created.publicUrl).toBe(`${server.url}/c/${created.slug}`);
    expect(created.hostUrl).toMatch(new RegExp(`^${created.publicUrl}#key=[\\w-]{43}$`));
    expect(created.scribeUrl).toMatch(new RegExp(`^${created.publicUrl}#key=[\\w-]{43}$`));
    expect(created.keys.host).not.toBe(created.keys.scribe);
  });

  it('lists every problem of an invalid body with its path', async () => {
    const response = await post(
      JSON.stringify({ ...sampleCall, title: '', timezone: 'Mars/Olympus', links: [{ label: 'Slides', url: 'javascript:alert(1)' }] }),
    );
    expect(response.status).toBe(400);
    const body = await response.json();
    expect(body.error.code).toBe('invalid_payload');
    const paths = body.error.issues.map((issue: { path: string }) => issue.path);
    expect(paths).toEqual(expect.arrayContaining(['title', 'timezone', 'links.0.url']));
  });

  it('rejects malformed JSON, other content types and oversized bodies', async () => {
    expect((await post('{"title": ')).status).toBe(400);
    expect((await post('title=x', 'application/x-www-form-urlencoded')).status).toBe(415);
    const huge = await post(JSON.stringify({ ...sampleCall, description: 'x'.repeat(1_100_000) }));
    expect(huge.status).toBe(413);
    expect((await huge.json()).error.code).toBe('too_large');
  });

  it('stores the start as an instant computed from the call timezone', async () => {
    const created = await createCall(server.url, { ...sampleCall, startsAt: '2026-12-03T17:30' });
    const body = await (await fetch(`${server.url}/api/calls/${created.slug}`)).json();
    expect(body.call.startsAt).toBe('2026-12-03T16:30:00.000Z');
    expect(body.call.timezone).toBe('Europe/Berlin');
  });
});

describe('GET /api/calls/:slug', () => {
  it('returns the public state with the agenda in order and no secrets', async () => {
    const created = await createCall(server.url);
    const response = await fetch(`${server.url}/api/calls/${created.slug}`);
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(text).not.toContain(created.keys.host);
    expect(text).not.toContain(created.keys.scribe);
    const body = JSON.parse(text);
    expect(body.call.status).toBe('scheduled');
    expect(body.call.sections.map((section: { title: string }) => section.title)).toEqual([
      'Welcome',
      'Spotlight: release process',
      'Q&A',
    ]);
    expect(body.call.sections[1].items).toMatchObject([{ title: 'Release cadence', presenter: 'Kai', plannedMinutes: 15 }, { title: 'Demo' }]);
    expect(body.call.links).toMatchObject([{ label: 'Slides', url: 'https://example.org/slides' }]);
  });

  it('answers 404 with a JSON error for an unknown call', async () => {
    const response = await fetch(`${server.url}/api/calls/doesnotexist`);
    expect(response.status).toBe(404);
    expect((await response.json()).error.code).toBe('not_found');
  });
});
