import { z } from 'zod';
import { can, requiredRole } from '@/lib/permissions';
import {
  COMMAND_NAMES,
  CommandError,
  commandSchemas,
  fail,
  ok,
  type Ack,
  type CommandName,
  type CommandPayload,
  type CommandResults,
} from '@/lib/protocol';
import type { ServerContext } from './context';
import type { RoundtableSocket } from '../realtime/sockets';
import { DATABASE_UNAVAILABLE_MESSAGE, isDatabaseUnavailableError } from '../persistence/database-health';

export type CommandHandler<Name extends CommandName> = (
  payload: CommandPayload<Name>,
  socket: RoundtableSocket,
  context: ServerContext,
) => Promise<CommandResults[Name]>;

export type CommandHandlers<Names extends CommandName> = { [Name in Names]: CommandHandler<Name> };

/** A token bucket per socket: bursts are fine, a flood is refused with `rate_limited`. */
function createRateLimiter(rate: { perSecond: number; burst: number }) {
  let tokens = rate.burst;
  let last = Date.now();
  return () => {
    const now = Date.now();
    tokens = Math.min(rate.burst, tokens + ((now - last) / 1000) * rate.perSecond);
    last = now;
    if (tokens < 1) return false;
    tokens -= 1;
    return true;
  };
}

function toIssues(error: z.ZodError) {
  return error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
}

/**
 * Registers every command on a socket through one gate: the payload is parsed, the role checked and
 * errors turned into acks before a handler runs. Unknown events get an error ack too.
 */
export function registerCommands(
  socket: RoundtableSocket,
  context: ServerContext,
  handlers: CommandHandlers<CommandName>,
): void {
  const allow = createRateLimiter(context.limits.network.commands);
  const known = new Set<string>(COMMAND_NAMES);

  socket.onAny((eventName: unknown, ...args: unknown[]) => {
    if (typeof eventName === 'string' && known.has(eventName)) return;
    const ack = args.at(-1);
    if (typeof ack === 'function') ack(fail('invalid_payload', `Unknown command: ${String(eventName).slice(0, 64)}`));
  });

  for (const name of COMMAND_NAMES) {
    const handler: CommandHandler<CommandName> = handlers[name] as CommandHandler<CommandName>;
    socket.on(name, async (...args: unknown[]) => {
      const [payload] = args;
      const ack = args.at(-1);
      if (typeof ack !== 'function') return;
      const reply = (response: Ack<unknown>) => ack(response);
      if (!allow()) return reply(fail('rate_limited', 'Too many actions at once. Wait a moment and try again.'));
      if (args.length !== 2) return reply(fail('invalid_payload', 'Send one payload and an acknowledgement callback.'));
      const parsed = commandSchemas[name].safeParse(payload);
      if (!parsed.success) return reply(fail('invalid_payload', 'The request was not valid.', toIssues(parsed.error)));
      if (name !== 'call:join' && !socket.data.callId) return reply(fail('not_joined', 'Join a call first.'));
      if (!can(socket.data.role, name)) {
        return reply(fail('forbidden', `Only the ${requiredRole(name)} can do that.`));
      }
      try {
        reply(ok(await handler(parsed.data, socket, context)));
      } catch (error) {
        if (error instanceof CommandError) return reply(fail(error.code, error.message));
        if (isDatabaseUnavailableError(error)) {
          console.warn(`command ${name}: database unreachable`, error instanceof Error ? error.message.trim().split('\n').at(-1) : error);
          context.health.reportUnavailable(socket.data.callId);
          return reply(fail('unavailable', DATABASE_UNAVAILABLE_MESSAGE));
        }
        console.error(`command ${name} failed`, error);
        reply(fail('internal', 'Something went wrong on the server. Nothing was changed.'));
      }
    });
  }
}
