import { describe, expect, it } from 'vitest';
import { formatDuration, instantToZonedStart, isIsoInstant, isLocalDateTime, isValidTimeZone, utcToZonedLocal, zonedLocalToUtc } from './time';

describe('zonedLocalToUtc', () => {
  it('converts summer and winter wall-clock times in Berlin', () => {
    expect(zonedLocalToUtc('2026-07-02T17:30', 'Europe/Berlin').toISOString()).toBe('2026-07-02T15:30:00.000Z');
    expect(zonedLocalToUtc('2026-12-03T17:30', 'Europe/Berlin').toISOString()).toBe('2026-12-03T16:30:00.000Z');
  });

  it('handles zones west of UTC and half-hour offsets', () => {
    expect(zonedLocalToUtc('2026-11-26T09:00', 'America/Los_Angeles').toISOString()).toBe('2026-11-26T17:00:00.000Z');
    expect(zonedLocalToUtc('2026-11-26T09:00', 'Asia/Kolkata').toISOString()).toBe('2026-11-26T03:30:00.000Z');
  });

  it('round-trips through utcToZonedLocal', () => {
    const instant = zonedLocalToUtc('2026-03-29T12:15', 'Europe/London');
    expect(utcToZonedLocal(instant, 'Europe/London')).toBe('2026-03-29T12:15');
  });
});

describe('validation helpers', () => {
  it('rejects impossible dates and unknown zones', () => {
    expect(isLocalDateTime('2026-02-30T10:00')).toBe(false);
    expect(isLocalDateTime('2026-02-28T24:00')).toBe(false);
    expect(isLocalDateTime('2026-02-28T10:00')).toBe(true);
    expect(isValidTimeZone('Mars/Olympus')).toBe(false);
    expect(isValidTimeZone('Europe/Berlin')).toBe(true);
  });

  it('formats durations as a clock', () => {
    expect(formatDuration(65_000)).toBe('1:05');
    expect(formatDuration(3_725_000)).toBe('1:02:05');
    expect(formatDuration(-5)).toBe('0:00');
  });

  it('reads ISO 8601 instants with Z or an offset as the wall clock of a timezone', () => {
    expect(isIsoInstant('2026-12-03T16:30:00Z')).toBe(true);
    expect(isIsoInstant('2026-12-03T17:30+01:00')).toBe(true);
    expect(isIsoInstant('2026-12-03T17:30:00.000+0530')).toBe(true);
    expect(isIsoInstant('2026-12-03T17:30')).toBe(false);
    expect(isIsoInstant('2026-02-30T17:30Z')).toBe(false);
    expect(instantToZonedStart('2026-12-03T16:30:00Z', 'Europe/Berlin')).toEqual({ startsAt: '2026-12-03T17:30', timezone: 'Europe/Berlin' });
    expect(instantToZonedStart('2026-12-03T16:30:00Z', undefined)).toEqual({ startsAt: '2026-12-03T16:30', timezone: 'UTC' });
    expect(instantToZonedStart('2026-12-03T17:30+01:00', undefined)).toEqual({ startsAt: '2026-12-03T17:30', timezone: 'Etc/GMT-1' });
    expect(instantToZonedStart('2026-12-03T22:00+05:30', undefined)).toEqual({ startsAt: '2026-12-03T16:30', timezone: 'UTC' });
  });
});
