import { randomUUID } from 'node:crypto';
import type { RedisClientType } from 'redis';
import { RedisPresence } from './redis-presence';
import { silentLogger, type Logger } from '../observability/logger';

export type ClusterOptions = {
  url: string;
  /** Keeps deployments (and test runs) that share a Redis apart. */
  prefix?: string;
  /** How long a node's presence outlives its last refresh (a killed node's attendees go offline after this). */
  presenceTtlMs?: number;
};

const DEFAULT_PRESENCE_TTL_MS = 12_000;

/**
 * What several nodes share through Redis: the Socket.IO adapter (broadcasts and room emits reach every node's
 * clients) and presence. Everything that must be exact is decided in the database, not here.
 */
/** Where the Redis client's errors go: the log, and a counter of the metrics. */
export type ClusterObservers = { logger?: Logger; countError?: () => void };

export async function connectCluster(options: ClusterOptions, { logger = silentLogger, countError }: ClusterObservers = {}) {
  const prefix = options.prefix ?? 'roundtable';
  // Loaded only here: a single node does not hold the Redis client in memory.
  const [{ createClient }, { createAdapter }] = await Promise.all([import('redis'), import('@socket.io/redis-streams-adapter')]);
  const client: RedisClientType = createClient({ url: options.url, socket: { reconnectStrategy: (retries) => Math.min(50 * 2 ** retries, 2_000) } });
  client.on('error', (error: Error) => {
    countError?.();
    logger.error({ reason: error.message }, 'redis: client error');
  });
  await client.connect();
  const nodeId = randomUUID();
  return {
    nodeId,
    adapter: createAdapter(client, { streamName: `${prefix}:socket.io`, channelPrefix: `${prefix}:socket.io`, sessionKeyPrefix: `${prefix}:sio:session:` }),
    presence: new RedisPresence(client, prefix, nodeId, options.presenceTtlMs ?? DEFAULT_PRESENCE_TTL_MS),
    /** Resolves when Redis answers; a client that is reconnecting fails at once rather than queueing the ping. */
    ping: async () => {
      if (!client.isReady) throw new Error('Not connected to Redis.');
      await client.ping();
    },
    close: async () => {
      if (client.isOpen) await client.close();
    },
  };
}
