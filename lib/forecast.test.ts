import { describe, expect, it } from 'vitest';
import { forecastAgenda, readTimer } from './forecast';
import type { PublicCall } from './protocol';

const t = (time: string) => Date.parse(`2026-11-26T${time}:00.000Z`);
const item = (id: string, plannedMinutes: number | null) => ({ id, title: id, notes: '', presenter: '', plannedMinutes });
const call: PublicCall = {
  slug: 'x',
  title: 'Call',
  description: '',
  startsAt: '2026-11-26T17:00:00.000Z',
  timezone: 'UTC',
  plannedMinutes: 60,
  status: 'live',
  startedAt: '2026-11-26T17:00:00.000Z',
  endedAt: null,
  currentItemId: 'a',
  itemStartedAt: '2026-11-26T17:00:00.000Z',
  timerPausedAt: null,
  timerExtraSeconds: 0,
  qaOpen: true,
  qaModerated: false,
  qaScribesModerate: false,
  intro: null,
  links: [],
  sections: [{ id: 's', title: 'S', notes: '', items: [item('a', 10), item('b', 15), item('c', null), item('d', 5)] }],
};

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

describe('forecastAgenda', () => {
  it('starts later items after what remains of the current one', () => {
    const forecast = forecastAgenda(call, t('17:04'));
    expect(forecast.startsAt.get('a')).toBeUndefined();
    expect(forecast.startsAt.get('b')).toBe(t('17:10'));
    expect(forecast.startsAt.get('c')).toBe(t('17:25'));
    expect(forecast.startsAt.get('d')).toBe(t('17:25'));
    expect(forecast.endsAt).toBe(t('17:30'));
  });

  it('pushes everything back when the current item overruns', () => {
    const forecast = forecastAgenda(call, t('17:14'));
    expect(forecast.startsAt.get('b')).toBe(t('17:14'));
    expect(forecast.endsAt).toBe(t('17:34'));
  });

  it('plans from the scheduled start before the call begins', () => {
    const scheduled = { ...call, status: 'scheduled' as const, currentItemId: null, itemStartedAt: null };
    const forecast = forecastAgenda(scheduled, t('16:00'));
    expect(forecast.startsAt.get('a')).toBe(t('17:00'));
    expect(forecast.endsAt).toBe(t('17:30'));
  });
});
