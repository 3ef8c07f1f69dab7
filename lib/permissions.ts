import { CommandError, type CommandName, type Role } from './protocol';

const RANK: Record<Role, number> = { attendee: 0, scribe: 1, host: 2 };

export function isAtLeast(role: Role, least: Role): boolean {
  return RANK[role] >= RANK[least];
}

/** The higher of two roles. */
export function higherRole(first: Role, second: Role): Role {
  return isAtLeast(first, second) ? first : second;
}

type ScribeSetting = 'qaScribesModerate' | 'scribesRunPolls';
const SCRIBE_REFUSALS: Record<ScribeSetting, string> = {
  qaScribesModerate: 'The host has not allowed scribes to moderate questions.',
  scribesRunPolls: 'The host has not allowed scribes to run polls.',
};

type Rule = {
  /** The least role that may send the command. */
  least: Role;
  /** Scribes only while the host allows it in this call setting (moderating questions, running polls). */
  scribesWhen?: ScribeSetting;
  /** A command about a participant that anyone may send about themselves, and only the host about someone else. */
  isOwnOrHost?: true;
  /** The actor must have checked in (for a command about themselves); the refusal says so. */
  checkIn?: string;
};

const CHECK_IN_TO_ASK = 'Check in first to ask or vote.';
const CHECK_IN = 'Check in first.';
const host: Rule = { least: 'host' };
const attendee: Rule = { least: 'attendee' };
const moderation: Rule = { least: 'scribe', scribesWhen: 'qaScribesModerate' };
const pollRunner: Rule = { least: 'scribe', scribesWhen: 'scribesRunPolls' };
const checkedIn = (message: string): Rule => ({ least: 'attendee', checkIn: message });
const ownOrHost: Rule = { least: 'attendee', isOwnOrHost: true, checkIn: CHECK_IN };

/** Who may send each command. */
const RULES: Record<CommandName, Rule> = {
  'call:join': attendee,
  'participant:checkIn': attendee,
  'call:start': host,
  'call:end': host,
  'call:schedule': host,
  'agenda:advance': host,
  'agenda:jump': host,
  'timer:pause': host,
  'timer:resume': host,
  'timer:reset': host,
  'timer:extend': host,
  'agenda:addSection': host,
  'agenda:updateSection': host,
  'agenda:deleteSection': host,
  'agenda:moveSection': host,
  'agenda:addItem': host,
  'agenda:updateItem': host,
  'agenda:deleteItem': host,
  'agenda:moveItem': host,
  'qa:ask': checkedIn(CHECK_IN_TO_ASK),
  'qa:vote': checkedIn(CHECK_IN_TO_ASK),
  'qa:unvote': checkedIn(CHECK_IN_TO_ASK),
  'qa:edit': host,
  'qa:settings': host,
  'qa:approve': moderation,
  'qa:pin': moderation,
  'qa:answer': moderation,
  'qa:dismiss': moderation,
  'qa:restore': moderation,
  'qa:merge': moderation,
  'qa:voters': moderation,
  'qa:removeGroup': moderation,
  // Attendees read the minutes; scribes and hosts write them; only the host sees and restores history.
  'minutes:sync': attendee,
  'minutes:update': { least: 'scribe' },
  'minutes:awareness': { least: 'scribe' },
  'minutes:history': host,
  'minutes:snapshot': host,
  'minutes:restore': host,
  'participants:list': attendee,
  'participants:unfollow': attendee,
  'participant:setTeam': host,
  'participant:remove': host,
  'hand:raise': { least: 'attendee', checkIn: CHECK_IN },
  'hand:lower': ownOrHost,
  'intro:start': host,
  'intro:next': host,
  'intro:reorder': host,
  'intro:skip': ownOrHost,
  'intro:later': ownOrHost,
  'intro:end': host,
  'poll:create': pollRunner,
  'poll:open': pollRunner,
  'poll:close': pollRunner,
  'poll:delete': pollRunner,
  'poll:hideAnswer': pollRunner,
  'poll:answer': checkedIn('Check in first to answer.'),
  'reaction:send': checkedIn('Check in first to react.'),
  // Those who write the minutes keep their action items: owner, due date, done.
  'action:update': { least: 'scribe' },
};

/**
 * What a command's permission depends on besides the role (fixed at the handshake). A field left out is not
 * known where the check runs: the command gate knows the actor and the target, a decider knows the call's settings.
 */
export type PermissionContext = {
  settings?: Record<ScribeSetting, boolean>;
  /** Whether the command is about the actor; left out when it names nobody. */
  isSelf?: boolean;
  isCheckedIn?: boolean;
};

export type Refusal = { code: 'forbidden' | 'not_checked_in'; message: string };

/** Why `role` may not send `command` in this context, or null when it may. */
export function refusalOf(role: Role, command: CommandName, context: PermissionContext = {}): Refusal | null {
  const rule = RULES[command];
  if (!isAtLeast(role, rule.least)) return { code: 'forbidden', message: `Only the ${rule.least} can do that.` };
  if (rule.scribesWhen && role === 'scribe' && context.settings && !context.settings[rule.scribesWhen]) {
    return { code: 'forbidden', message: SCRIBE_REFUSALS[rule.scribesWhen] };
  }
  if (context.isSelf === false) {
    if (rule.isOwnOrHost && role !== 'host') return { code: 'forbidden', message: 'Only the host can do that for someone else.' };
  } else if (rule.checkIn && context.isCheckedIn === false) {
    return { code: 'not_checked_in', message: rule.checkIn };
  }
  return null;
}

export function can(role: Role, command: CommandName, context: PermissionContext = {}): boolean {
  return refusalOf(role, command, context) === null;
}

/** Throws the refusal as a command error. */
export function requirePermission(role: Role, command: CommandName, context: PermissionContext = {}): void {
  const refusal = refusalOf(role, command, context);
  if (refusal) throw new CommandError(refusal.code, refusal.message);
}

/** The least role that may send each command. */
export function requiredRole(command: CommandName): Role {
  return RULES[command].least;
}
