import { z } from 'zod';
import { LOG_LEVELS } from './observability/logger';

const RETENTION_DAYS_ERROR = 'ROUNDTABLE_RETENTION_DAYS must be a whole number of days from 1 to 36500 (leave it unset to keep names)';

const environmentSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_URL: z
    .string()
    .default('file:./data/roundtable.db')
    .refine(
      (url) => /^(file:|postgres(ql)?:\/\/)/.test(url),
      'DATABASE_URL must be a file: URL (SQLite) or a postgres:// or postgresql:// URL (PostgreSQL)',
    ),
  PUBLIC_URL: z.url().optional(),
  /** Per client IP address: creating calls, other API requests, new socket connections; per socket: commands. */
  RATE_LIMIT_CALLS_PER_MINUTE: z.coerce.number().int().min(1).default(30),
  RATE_LIMIT_API_PER_MINUTE: z.coerce.number().int().min(1).default(300),
  RATE_LIMIT_CONNECTIONS_PER_10S: z.coerce.number().int().min(1).default(60),
  RATE_LIMIT_COMMANDS_PER_SECOND: z.coerce.number().int().min(1).default(20),
  /**
   * New participants one address may create in one call per window (a browser keeps its participant across tabs
   * and reloads). Raise it for conferences where many attendees share one address behind a NAT.
   */
  CHECK_INS_PER_ADDRESS: z.coerce.number().int().min(1).default(10),
  CHECK_IN_WINDOW_MINUTES: z.coerce.number().int().min(1).max(1440).default(10),
  /**
   * Reverse proxies in front of the node that append to X-Forwarded-For (1 behind deploy/nginx.conf): the
   * per-IP limits then count the address that many entries from the header's right. 0 uses the peer address.
   */
  TRUST_PROXY: z.coerce
    .number({ error: 'TRUST_PROXY must be the number of reverse proxies in front of the node, an integer from 0 to 10' })
    .int()
    .min(0)
    .max(10)
    .default(0),
  /** Set on every node of a multi-node deployment: Socket.IO broadcasts and presence go through Redis. */
  REDIS_URL: z.url({ protocol: /^rediss?$/, error: 'REDIS_URL must be a redis:// or rediss:// URL' }).optional(),
  /**
   * Seals the access tokens hosts give for publishing to Git repositories (AES-256-GCM). Without it the server
   * refuses to store tokens. Keep it secret and keep it the same across restarts and nodes.
   */
  ROUNDTABLE_SECRET_KEY: z.string().min(32, 'ROUNDTABLE_SECRET_KEY must be at least 32 characters long (for example: openssl rand -base64 32)').optional(),
  /**
   * Folders (absolute paths, separated by ":") under which hosts may name repositories on this server's own disk
   * (file:// URLs or paths). Unset, only https:// and http:// repositories can be used.
   */
  ROUNDTABLE_LOCAL_REPOSITORIES: z
    .string()
    .default('')
    .transform((value) => value.split(':').filter(Boolean))
    .refine((roots) => roots.every((root) => root.startsWith('/')), 'ROUNDTABLE_LOCAL_REPOSITORIES must list absolute paths separated by ":"'),
  /**
   * Let hosts point webhooks and repositories at this machine or its private network (loopback, 10/8, 192.168/16,
   * link-local…). Off by default: a call's host could otherwise make the server probe what only it can reach.
   */
  ROUNDTABLE_ALLOW_PRIVATE_NETWORK: z.enum(['0', '1', 'true', 'false']).default('0').transform((value) => value === '1' || value === 'true'),
  /**
   * On SIGTERM/SIGINT: seconds the node keeps serving while `/api/ready` answers 503, so a load balancer takes it
   * out of rotation before it closes (0: close at once).
   */
  SHUTDOWN_DELAY_SECONDS: z.coerce.number().int().min(0).max(600).default(0),
  /** Seconds closing may take after that (flushing votes and minutes, closing sockets) before the process exits anyway. */
  SHUTDOWN_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(600).default(10),
  /**
   * Days after a call ends before its attendees' names, affiliations, pronouns and check-in notes (and the names
   * on its questions) are removed; the record keeps how many attended, asked, voted and answered. Swept at start
   * and hourly. Unset (or empty): kept until the host deletes the call.
   */
  ROUNDTABLE_RETENTION_DAYS: z.preprocess(
    (value) => (value === '' ? undefined : value),
    z.coerce.number({ error: RETENTION_DAYS_ERROR }).int(RETENTION_DAYS_ERROR).min(1, RETENTION_DAYS_ERROR).max(36_500, RETENTION_DAYS_ERROR).optional(),
  ),
  /** Prefix of this deployment's Redis keys and streams, when several deployments share one Redis. */
  REDIS_PREFIX: z.string().regex(/^[\w.-]+$/).default('roundtable'),
  /** trace, debug, info, warn, error, fatal or silent. JSON lines when NODE_ENV=production, readable lines otherwise. */
  LOG_LEVEL: z.enum(LOG_LEVELS, { error: `LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}` }).default('info'),
  /**
   * Serves Prometheus metrics at `/metrics` on this port, on its own listener at METRICS_HOST (default 127.0.0.1,
   * so only the machine itself or what you expose reaches it).
   */
  METRICS_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  METRICS_HOST: z.string().default('127.0.0.1'),
  /**
   * Serves Prometheus metrics at `/metrics` on the main port to requests carrying `Authorization: Bearer <token>`.
   * Neither METRICS_PORT nor METRICS_TOKEN: no metrics endpoint at all.
   */
  METRICS_TOKEN: z.string().min(16, 'METRICS_TOKEN must be at least 16 characters long (for example: openssl rand -base64 24)').optional(),
});

export type Environment = z.infer<typeof environmentSchema>;

export function readEnvironment(source: NodeJS.ProcessEnv = process.env): Environment {
  const parsed = environmentSchema.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`).join('\n');
    throw new Error(`Invalid environment:\n${problems}`);
  }
  return parsed.data;
}
