import { describe, expect, it } from 'vitest';
import { forecastAgenda, readTimer } from './forecast';
import type { PublicCall } from './protocol';
import { sampleCall, sampleItem, sampleSection } from './testing/samples';

const t = (time: string) => Date.parse(`2026-11-26T${time}:00.000Z`);
const call: PublicCall = sampleCall({
  slug: 'x',
  title: 'Call',
  timezone: 'UTC',
  currentItemId: 'a',
  sections: [sampleSection('s', 'S', [sampleItem('a', 10), sampleItem('b', 15), sampleItem('c', null), sampleItem('d', 5)])],
});

describe('readTimer', () => {
  it('is ok within the plan, over past it, far over past 20 % or a minute', () => {
    expect(readTimer(call, t('17:05'))).toEqual({ elapsedMs: 300_000, plannedMs: 600_000, level: 'ok', isPaused: false });
    expect(readTimer(call, t('17:11'))?.level).toBe('over');
    expect(readTimer(call, t('17:13'))?.level).toBe('far-over');
  });

  it('freezes while paused and counts extensions', () => {
    const paused = { ...call, timerPausedAt: '2026-11-26T17:04:00.000Z', timerExtraSeconds: 120 };
    expect(readTimer(paused, t('17:30'))).toMatchObject({ elapsedMs: 240_000, plannedMs: 720_000, isPaused: true });
  });
});

const withItems = (items: PublicCall['sections'][number]['items'], changes: Partial<PublicCall> = {}): PublicCall => ({
  ...call,
  ...changes,
  sections: [{ id: 's', title: 'S', notes: '', items }],
});
const scheduled = { status: 'scheduled' as const, startedAt: null, currentItemId: null, itemStartedAt: null };
const startTimes = (forecast: ReturnType<typeof forecastAgenda>) => [...forecast.startsAt.values()].map((time) => new Date(time).toISOString().slice(11, 19));

describe('forecastAgenda', () => {
  it('shares the planned length evenly among items without durations', () => {
    const items = ['a', 'b', 'c', 'd', 'e', 'f'].map((id) => sampleItem(id, null));
    const forecast = forecastAgenda(withItems(items, scheduled), t('16:00'));
    expect(startTimes(forecast)).toEqual(['17:00:00', '17:10:00', '17:20:00', '17:30:00', '17:40:00', '17:50:00']);
    expect(forecast.endsAt).toBe(t('18:00'));
  });

  it('gives unplanned items what the planned ones leave, ending at the planned end', () => {
    const items = [sampleItem('a', 10), sampleItem('b', 15), sampleItem('c', null), sampleItem('d', 5), sampleItem('e', null)];
    const forecast = forecastAgenda(withItems(items, scheduled), t('16:00'));
    expect(startTimes(forecast)).toEqual(['17:00:00', '17:10:00', '17:25:00', '17:40:00', '17:45:00']);
    expect(forecast.endsAt).toBe(t('18:00'));
    expect([...forecast.sharesMs]).toEqual([['c', 15 * 60_000], ['e', 15 * 60_000]]);
  });

  it('gives unplanned items nothing when the planned ones fill the length', () => {
    const items = [sampleItem('a', 40), sampleItem('b', null), sampleItem('c', 30)];
    const forecast = forecastAgenda(withItems(items, scheduled), t('16:00'));
    expect(startTimes(forecast)).toEqual(['17:00:00', '17:40:00', '17:40:00']);
    expect(forecast.sharesMs.get('b')).toBe(0);
    expect(forecast.endsAt).toBe(t('18:10'));
  });

  it('starts a scheduled call that has not begun at the earliest now', () => {
    const forecast = forecastAgenda(withItems([sampleItem('a', 10), sampleItem('b', null)], scheduled), t('17:05'));
    expect(forecast.startsAt.get('a')).toBe(t('17:05'));
    expect(forecast.startsAt.get('b')).toBe(t('17:15'));
    expect(forecast.endsAt).toBe(t('18:05'));
  });

  it('has no forecast while the date is to be announced', () => {
    const forecast = forecastAgenda(withItems([sampleItem('a', 10), sampleItem('b', null)], { ...scheduled, startsAt: null }), t('16:00'));
    expect(forecast.startsAt.size).toBe(0);
    expect(forecast.endsAt).toBeNull();
  });

  it('counts a TBA call from its real start once it is live', () => {
    const live = withItems([sampleItem('a', 10), sampleItem('b', null), sampleItem('c', null)], {
      startsAt: null,
      startedAt: '2026-11-26T09:00:00.000Z',
      itemStartedAt: '2026-11-26T09:00:00.000Z',
    });
    const forecast = forecastAgenda(live, t('09:05'));
    expect(startTimes(forecast)).toEqual(['09:10:00', '09:35:00']);
    expect(forecast.endsAt).toBe(t('10:00'));
  });

  it('starts later items after what remains of the current one', () => {
    const forecast = forecastAgenda(call, t('17:04'));
    expect(forecast.startsAt.get('a')).toBeUndefined();
    expect(forecast.startsAt.get('b')).toBe(t('17:10'));
    expect(forecast.startsAt.get('c')).toBe(t('17:25'));
    expect(forecast.startsAt.get('d')).toBe(t('17:55'));
    expect(forecast.endsAt).toBe(t('18:00'));
  });

  it('lets an overrun eat into the unplanned time first, pushing the items before it', () => {
    const forecast = forecastAgenda(call, t('17:14'));
    expect(forecast.startsAt.get('b')).toBe(t('17:14'));
    expect(forecast.startsAt.get('c')).toBe(t('17:29'));
    expect(forecast.sharesMs.get('c')).toBe(26 * 60_000);
    expect(forecast.startsAt.get('d')).toBe(t('17:55'));
    expect(forecast.endsAt).toBe(t('18:00'));
  });

  it('pushes everything past the planned end once no unplanned time is left, never before now', () => {
    const items = [sampleItem('a', 10), sampleItem('b', null), sampleItem('c', 45)];
    const forecast = forecastAgenda(withItems(items), t('17:20'));
    expect(forecast.startsAt.get('b')).toBe(t('17:20'));
    expect(forecast.startsAt.get('c')).toBe(t('17:20'));
    expect(forecast.endsAt).toBe(t('18:05'));
  });

  it('gives a current item without duration its share, and shares what is left after it overruns', () => {
    const items = ['a', 'b', 'c', 'd', 'e', 'f'].map((id) => sampleItem(id, null));
    const onSecond = withItems(items, { currentItemId: 'b', itemStartedAt: '2026-11-26T17:10:00.000Z' });
    expect(startTimes(forecastAgenda(onSecond, t('17:15')))).toEqual(['17:20:00', '17:30:00', '17:40:00', '17:50:00']);
    const overrun = forecastAgenda(onSecond, t('17:24'));
    expect(startTimes(overrun)).toEqual(['17:24:00', '17:33:00', '17:42:00', '17:51:00']);
    expect(overrun.endsAt).toBe(t('18:00'));
  });

  it('forecasts nothing for an ended call', () => {
    expect(forecastAgenda({ ...call, status: 'ended' }, t('18:00'))).toEqual({ startsAt: new Map(), sharesMs: new Map(), endsAt: null });
  });
});
