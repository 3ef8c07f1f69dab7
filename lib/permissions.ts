import type { CommandName, Role } from './protocol';

const RANK: Record<Role, number> = { attendee: 0, scribe: 1, host: 2 };

/** The least role that may send each command. */
const REQUIRED_ROLE: Record<CommandName, Role> = {
  'call:join': 'attendee',
  'participant:checkIn': 'attendee',
  'call:start': 'host',
  'call:end': 'host',
  'call:schedule': 'host',
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
  'qa:ask': 'attendee',
  'qa:vote': 'attendee',
  'qa:unvote': 'attendee',
  'qa:edit': 'host',
  'qa:settings': 'host',
  // Moderation: hosts, and scribes when the host allows it (checked per call by the handler).
  'qa:approve': 'scribe',
  'qa:pin': 'scribe',
  'qa:answer': 'scribe',
  'qa:dismiss': 'scribe',
  'qa:restore': 'scribe',
  'qa:merge': 'scribe',
  // Attendees read the minutes; scribes and hosts write them; only the host sees and restores history.
  'minutes:sync': 'attendee',
  'minutes:update': 'scribe',
  'minutes:awareness': 'scribe',
  'minutes:history': 'host',
  'minutes:snapshot': 'host',
  'minutes:restore': 'host',
  'participants:list': 'attendee',
  'participants:unfollow': 'attendee',
  'participant:setTeam': 'host',
  'participant:remove': 'host',
  'hand:raise': 'attendee',
  // Anyone lowers their own hand; lowering someone else's is checked for the host by the handler.
  'hand:lower': 'attendee',
  'intro:start': 'host',
  'intro:next': 'host',
  'intro:reorder': 'host',
  // A participant skips or postpones themselves; doing it for someone else is checked for the host by the handler.
  'intro:skip': 'attendee',
  'intro:later': 'attendee',
  'intro:end': 'host',
};

export function requiredRole(command: CommandName): Role {
  return REQUIRED_ROLE[command];
}

export function can(role: Role, command: CommandName): boolean {
  return RANK[role] >= RANK[REQUIRED_ROLE[command]];
}
