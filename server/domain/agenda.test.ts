import { describe, expect, it } from 'vitest';
import { decideAgendaCommand, type AgendaState } from './agenda';

const now = new Date('2026-11-26T17:00:00.000Z');
const live: AgendaState = { status: 'live', currentItemId: 'b', itemIds: ['a', 'b', 'c'] };

describe('decideAgendaCommand', () => {
  it('starts a scheduled call on its first item', () => {
    const events = decideAgendaCommand({ ...live, status: 'scheduled', currentItemId: null }, { type: 'start' }, now);
    expect(events).toEqual([
      { type: 'call.status', status: 'live', startedAt: now.toISOString(), endedAt: null },
      { type: 'agenda.current', currentItemId: 'a', itemStartedAt: now.toISOString() },
    ]);
  });

  it('refuses to start a call twice', () => {
    expect(() => decideAgendaCommand(live, { type: 'start' }, now)).toThrow(/already live/);
  });

  it('moves next and previous, and stops at both ends', () => {
    expect(decideAgendaCommand(live, { type: 'advance', direction: 'next' }, now)[0]).toMatchObject({ currentItemId: 'c' });
    expect(decideAgendaCommand(live, { type: 'advance', direction: 'previous' }, now)[0]).toMatchObject({ currentItemId: 'a' });
    expect(() => decideAgendaCommand({ ...live, currentItemId: 'c' }, { type: 'advance', direction: 'next' }, now)).toThrow(
      expect.objectContaining({ code: 'invalid_state' }),
    );
    expect(() =>
      decideAgendaCommand({ ...live, currentItemId: 'a' }, { type: 'advance', direction: 'previous' }, now),
    ).toThrow(expect.objectContaining({ code: 'invalid_state' }));
  });

  it('jumps to any existing item and rejects unknown ones', () => {
    expect(decideAgendaCommand(live, { type: 'jump', itemId: 'a' }, now)).toEqual([
      { type: 'agenda.current', currentItemId: 'a', itemStartedAt: now.toISOString() },
    ]);
    expect(() => decideAgendaCommand(live, { type: 'jump', itemId: 'zzz' }, now)).toThrow(
      expect.objectContaining({ code: 'not_found' }),
    );
  });

  it('refuses agenda moves before the call starts and after it ends', () => {
    for (const status of ['scheduled', 'ended'] as const) {
      expect(() => decideAgendaCommand({ ...live, status }, { type: 'advance', direction: 'next' }, now)).toThrow(
        expect.objectContaining({ code: 'invalid_state' }),
      );
    }
  });

  it('ends a live call and clears the current item', () => {
    expect(decideAgendaCommand(live, { type: 'end' }, now)).toEqual([
      { type: 'call.status', status: 'ended', startedAt: null, endedAt: now.toISOString() },
      { type: 'agenda.current', currentItemId: null, itemStartedAt: null },
    ]);
  });
});
