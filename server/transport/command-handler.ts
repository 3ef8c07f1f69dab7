import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { refusalOf, type PermissionContext } from '@/lib/permissions';
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
import { lastLineOf } from '../observability/logger';

export type CommandHandler<Name extends CommandName> = (
  payload: CommandPayload<Name>,
  socket: RoundtableSocket,
  context: ServerContext,
) => Promise<CommandResults[Name]>;

export type CommandHandlers<Names extends CommandName> = { [Name in Names]: CommandHandler<Name> };

/** What the gate knows besides the role: whether the actor checked in, and whether a named participant is them. */
function permissionContext(socket: RoundtableSocket, payload: object): PermissionContext {
  const self = socket.data.participantId;
  const named = 'participantId' in payload && typeof payload.participantId === 'string' ? payload.participantId : undefined;
  return { isCheckedIn: self !== undefined, isSelf: named === undefined ? undefined : named === self };
}

function toIssues(error: z.ZodError) {
  return error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
}

/**
 * Registers every command on a socket through one gate: the payload is parsed, `can` decides what the gate
 * knows (role, check-in, whether the target is the actor) and errors are turned into acks before a handler
 * runs. Unknown events get an error ack too. One listener per socket dispatches every command: a listener per
 * command (about 70) cost each connected socket ~15 KB of closures and listener tables.
 */
export function registerCommands(
  socket: RoundtableSocket,
  context: ServerContext,
  handlers: CommandHandlers<CommandName>,
): void {
  const allow = context.limits.network.createCommandLimiter();
  socket.onAny((eventName: unknown, ...args: unknown[]) => {
    const ack = args.at(-1);
    if (typeof ack !== 'function') return;
    const isKnown = typeof eventName === 'string' && KNOWN_COMMANDS.has(eventName);
    const reply = acknowledgement(isKnown ? eventName : 'unknown', socket, context, (response) => ack(response));
    if (!isKnown) return reply(fail('invalid_payload', `Unknown command: ${String(eventName).slice(0, 64)}`));
    void runCommand(eventName as CommandName, args, reply, allow, socket, context, handlers);
  });
}

type Reply = (response: Ack<unknown>, cause?: unknown) => void;

/**
 * Sends a command's ack, counts it by command and outcome, and logs a failure once under a new request id;
 * an `internal` failure's ack carries that id so a user's report can be matched to the log line.
 */
function acknowledgement(command: string, socket: RoundtableSocket, { logger, metrics }: ServerContext, send: (response: Ack<unknown>) => void): Reply {
  const startedAt = performance.now();
  return (response, cause) => {
    metrics.recordCommand(command, response.ok ? 'ok' : response.error.code, (performance.now() - startedAt) / 1000);
    if (response.ok) return send(response);
    const { code } = response.error;
    const line = { requestId: randomUUID(), command, code, callId: socket.data.callId, role: socket.data.role };
    if (code === 'internal') {
      logger.error({ ...line, err: cause }, 'command failed');
      const message = `${response.error.message} If you report it, quote request ${line.requestId}.`;
      return send({ ok: false, error: { code, message, requestId: line.requestId } });
    }
    if (code === 'unavailable') logger.warn({ ...line, reason: lastLineOf(cause) }, 'command failed: database unreachable');
    // A client over its limit would otherwise write a line per refused command.
    else if (code === 'rate_limited') logger.debug(line, 'command refused');
    else logger.info(line, 'command refused');
    send(response);
  };
}

const KNOWN_COMMANDS: ReadonlySet<string> = new Set<string>(COMMAND_NAMES);

async function runCommand(
  name: CommandName,
  args: unknown[],
  reply: Reply,
  allow: () => boolean,
  socket: RoundtableSocket,
  context: ServerContext,
  handlers: CommandHandlers<CommandName>,
): Promise<void> {
  if (!allow()) return reply(fail('rate_limited', 'Too many actions at once. Wait a moment and try again.'));
  if (args.length !== 2) return reply(fail('invalid_payload', 'Send one payload and an acknowledgement callback.'));
  const parsed = commandSchemas[name].safeParse(args[0]);
  if (!parsed.success) return reply(fail('invalid_payload', 'The request was not valid.', toIssues(parsed.error)));
  if (name !== 'call:join' && !socket.data.callId) return reply(fail('not_joined', 'Join a call first.'));
  const refusal = refusalOf(socket.data.role, name, permissionContext(socket, parsed.data));
  if (refusal) return reply(fail(refusal.code, refusal.message));
  const handler = handlers[name] as CommandHandler<CommandName>;
  try {
    reply(ok(await handler(parsed.data, socket, context)));
  } catch (error) {
    if (error instanceof CommandError) return reply(fail(error.code, error.message));
    if (isDatabaseUnavailableError(error)) {
      context.health.reportUnavailable(socket.data.callId);
      return reply(fail('unavailable', DATABASE_UNAVAILABLE_MESSAGE), error);
    }
    reply(fail('internal', 'Something went wrong on the server. Nothing was changed.'), error);
  }
}
