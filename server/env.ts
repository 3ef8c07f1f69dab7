import { z } from 'zod';

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
  /** Set on every node of a multi-node deployment: Socket.IO broadcasts and presence go through Redis. */
  REDIS_URL: z.url({ protocol: /^rediss?$/, error: 'REDIS_URL must be a redis:// or rediss:// URL' }).optional(),
  /** Prefix of this deployment's Redis keys and streams, when several deployments share one Redis. */
  REDIS_PREFIX: z.string().regex(/^[\w.-]+$/).default('roundtable'),
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
