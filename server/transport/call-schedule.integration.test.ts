import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCall, joinPayload, nextEvent, send, sendOk, startTestServer } from '../testing/test-server';

let server: Awaited<ReturnType<typeof startTestServer>>;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const publicCall = async (slug: string) => (await (await fetch(`${server.url}/api/calls/${slug}`)).json()).call;

describe('call:schedule', () => {
  it('lets the host date a call to be announced; everyone in the call sees it, and the calendar has it', async () => {
    const created = await createCall(server.url, { title: 'Date to be announced', timezone: 'Europe/Berlin' });
    expect((await fetch(`${server.url}/api/calls/${created.slug}/calendar.ics`)).status).toBe(409);
    const host = server.connect();
    const attendee = server.connect();
    await sendOk(host, 'call:join', joinPayload(created.slug, { key: created.keys.host }));
    const joined = await sendOk(attendee, 'call:join', joinPayload(created.slug));
    expect(joined.snapshot.call.startsAt).toBeNull();

    const seen = nextEvent(attendee, 'call:event');
    const { sequence } = await sendOk(host, 'call:schedule', { startsAt: '2027-03-02T17:30', plannedMinutes: 45, documentsBaseUrl: 'https://example.org/calls/' });
    expect(await seen).toEqual({
      sequence,
      event: { type: 'call.scheduled', startsAt: '2027-03-02T16:30:00.000Z', timezone: 'Europe/Berlin', plannedMinutes: 45, documentsBaseUrl: 'https://example.org/calls/' },
    });
    expect(await publicCall(created.slug)).toMatchObject({ startsAt: '2027-03-02T16:30:00.000Z', plannedMinutes: 45, documentsBaseUrl: 'https://example.org/calls/' });
    const calendar = await fetch(`${server.url}/api/calls/${created.slug}/calendar.ics`);
    expect(calendar.status).toBe(200);
    expect(await calendar.text()).toContain('DTSTART:20270302T163000Z');

    await sendOk(host, 'call:schedule', { startsAt: null });
    expect(await publicCall(created.slug)).toMatchObject({ startsAt: null, plannedMinutes: 45 });
  });

  it('refuses an attendee and an unreadable date', async () => {
    const created = await createCall(server.url);
    const host = server.connect();
    const attendee = server.connect();
    await sendOk(host, 'call:join', joinPayload(created.slug, { key: created.keys.host }));
    await sendOk(attendee, 'call:join', joinPayload(created.slug));
    const { startsAt } = await publicCall(created.slug);
    expect(startsAt).not.toBeNull();
    expect(await send(attendee, 'call:schedule', { startsAt: null })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await send(host, 'call:schedule', { startsAt: 'next Tuesday' })).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
    expect((await publicCall(created.slug)).startsAt).toBe(startsAt);
  });
});
