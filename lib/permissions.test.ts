import { describe, expect, it } from 'vitest';
import { can, higherRole, refusalOf, requiredRole } from './permissions';

describe('can', () => {
  it('refuses a role below the one a command requires', () => {
    expect(refusalOf('attendee', 'agenda:advance')).toEqual({ code: 'forbidden', message: 'Only the host can do that.' });
    expect(refusalOf('attendee', 'minutes:update')).toEqual({ code: 'forbidden', message: 'Only the scribe can do that.' });
    expect(can('scribe', 'minutes:update')).toBe(true);
    expect(can('host', 'agenda:advance')).toBe(true);
    expect(requiredRole('qa:pin')).toBe('scribe');
  });

  it('lets scribes moderate only when the call allows it, and hosts always', () => {
    expect(can('scribe', 'qa:pin', { settings: { qaScribesModerate: false, scribesRunPolls: false } })).toBe(false);
    expect(refusalOf('scribe', 'qa:merge', { settings: { qaScribesModerate: false, scribesRunPolls: false } })?.message).toBe('The host has not allowed scribes to moderate questions.');
    expect(can('scribe', 'qa:pin', { settings: { qaScribesModerate: true, scribesRunPolls: false } })).toBe(true);
    expect(can('host', 'qa:pin', { settings: { qaScribesModerate: false, scribesRunPolls: false } })).toBe(true);
    // Not known yet (the gate): the decider checks again with the call.
    expect(can('scribe', 'qa:pin')).toBe(true);
    expect(can('attendee', 'qa:pin', { settings: { qaScribesModerate: true, scribesRunPolls: false } })).toBe(false);
  });

  it('lets scribes run polls only when the call allows it, apart from moderating questions', () => {
    const polls = { qaScribesModerate: true, scribesRunPolls: false };
    expect(refusalOf('scribe', 'poll:open', { settings: polls })?.message).toBe('The host has not allowed scribes to run polls.');
    expect(can('scribe', 'qa:pin', { settings: polls })).toBe(true);
    expect(can('scribe', 'poll:create', { settings: { qaScribesModerate: false, scribesRunPolls: true } })).toBe(true);
    expect(can('host', 'poll:close', { settings: polls })).toBe(true);
    expect(can('attendee', 'poll:create', { settings: { qaScribesModerate: true, scribesRunPolls: true } })).toBe(false);
    expect(refusalOf('attendee', 'poll:answer', { isCheckedIn: false })).toEqual({ code: 'not_checked_in', message: 'Check in first to answer.' });
    expect(refusalOf('attendee', 'reaction:send', { isCheckedIn: false })).toEqual({ code: 'not_checked_in', message: 'Check in first to react.' });
  });

  it('lets anyone act on themselves and only the host on someone else', () => {
    expect(can('attendee', 'hand:lower', { isSelf: true, isCheckedIn: true })).toBe(true);
    expect(refusalOf('scribe', 'intro:skip', { isSelf: false, isCheckedIn: true })).toEqual({ code: 'forbidden', message: 'Only the host can do that for someone else.' });
    expect(can('host', 'intro:later', { isSelf: false, isCheckedIn: false })).toBe(true);
  });

  it('asks who acts for themselves to check in first', () => {
    expect(refusalOf('attendee', 'qa:vote', { isCheckedIn: false })).toEqual({ code: 'not_checked_in', message: 'Check in first to ask or vote.' });
    expect(refusalOf('host', 'hand:raise', { isCheckedIn: false })).toEqual({ code: 'not_checked_in', message: 'Check in first.' });
    expect(refusalOf('host', 'hand:lower', { isCheckedIn: false })).toEqual({ code: 'not_checked_in', message: 'Check in first.' });
    expect(can('attendee', 'participants:list', { isCheckedIn: false })).toBe(true);
  });

  it('keeps the higher of two roles', () => {
    expect(higherRole('attendee', 'scribe')).toBe('scribe');
    expect(higherRole('host', 'scribe')).toBe('host');
  });
});
