import type { CommandName, Role } from './protocol';

const RANK: Record<Role, number> = { attendee: 0, scribe: 1, host: 2 };

/** The least role that may send each command. */
const REQUIRED_ROLE: Record<CommandName, Role> = {
  'call:join': 'attendee',
  'participant:checkIn': 'attendee',
  'call:start': 'host',
  'call:end': 'host',
  'agenda:advance': 'host',
  'agenda:jump': 'host',
  'timer:pause': 'host',
  'timer:resume': 'host',
  'timer:reset': 'host',
  'timer:extend': 'host',
  'agenda:addSection': 'host',
  'agenda:updateSection': 'host',
  'agenda:deleteSection': 'host',
  'agenda:moveSection': 'host',
  'agenda:addItem': 'host',
  'agenda:updateItem': 'host',
  'agenda:deleteItem': 'host',
  'agenda:moveItem': 'host',
};

export function requiredRole(command: CommandName): Role {
  return REQUIRED_ROLE[command];
}

export function can(role: Role, command: CommandName): boolean {
  return RANK[role] >= RANK[REQUIRED_ROLE[command]];
}
