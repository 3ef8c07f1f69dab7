import { CommandError } from '@/lib/protocol';
import type { Database } from '../persistence/database';
import type { Broadcaster } from '../realtime/broadcaster';
import type { DatabaseHealth } from '../persistence/database-health';
import type { MinutesRooms } from '../realtime/minutes-rooms';
import type { ActionSync } from '../realtime/action-sync';
import type { JoinReader } from '../realtime/join-reader';
import type { SnapshotCache } from '../realtime/snapshot-cache';
import type { AnswerBatcher, VoteBatcher } from '../realtime/write-batcher';
import type { PresenceTracker } from '../realtime/presence';
import type { RateLimiter } from '../domain/rate-limiter';
import type { GitLimits } from '../outbound/git-repository';
import type { WebhookAnnouncer } from '../outbound/webhook-announcer';
import type { NetworkLimits } from './network-limits';
import type { KeyedSerializer } from './keyed-serializer';
import type { IdentityLimit } from '../domain/vote-integrity';
import type { Readiness } from './readiness';
import type { Logger } from '../observability/logger';
import type { ServerMetrics } from '../observability/metrics';
import type { RoundtableServer, RoundtableSocket } from '../realtime/sockets';

export type PublishingContext = { sealingKey: Buffer | null; localRepositoryRoots: string[]; allowPrivateNetwork: boolean; git?: Partial<GitLimits> };

/** What every handler may use. Built once per server. */
export type ServerContext = {
  io: RoundtableServer;
  database: Database;
  tokenSecret: string;
  broadcaster: Broadcaster;
  snapshots: SnapshotCache;
  joins: JoinReader;
  votes: VoteBatcher;
  pollAnswers: AnswerBatcher;
  minutes: MinutesRooms;
  /** The action items and decisions read out of each call's minutes. */
  actions: ActionSync;
  presence: PresenceTracker;
  health: DatabaseHealth;
  /** What `/api/ready` reports: database, migrations, Redis, shutting down. */
  readiness: Readiness;
  /** Sealing the hosts' access tokens (null without ROUNDTABLE_SECRET_KEY), where local repositories may be, Git's bounds. */
  publishing: PublishingContext;
  webhooks: WebhookAnnouncer;
  logger: Logger;
  metrics: ServerMetrics;
  limits: {
    questions: RateLimiter;
    votes: RateLimiter;
    answers: RateLimiter;
    reactions: RateLimiter;
    network: NetworkLimits;
    /** New participants per address per call and window. */
    identity: IdentityLimit;
    /** Check-ins from one join bucket, one at a time, so a burst cannot pass the identity limit together. */
    checkIns: KeyedSerializer;
  };
};

/** The call a socket joined. The command gate refuses every command but `call:join` before a join. */
export function joinedCallId(socket: RoundtableSocket): string {
  const { callId } = socket.data;
  if (!callId) throw new CommandError('not_joined', 'Join a call first.');
  return callId;
}
