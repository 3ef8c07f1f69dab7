import type { RedisClientType } from 'redis';
import type { SharedPresence } from './presence';

/**
 * Presence in Redis: one sorted set per call whose members are "<node>\n<participant>" and whose scores are
 * expiry times. Each node refreshes its own members; a node that dies stops refreshing and its members expire.
 */
export class RedisPresence implements SharedPresence {
  constructor(
    private readonly client: RedisClientType,
    private readonly prefix: string,
    private readonly nodeId: string,
    private readonly ttlMs: number,
  ) {}

  async add(callId: string, participantId: string): Promise<void> {
    const key = this.#key(callId);
    await this.client.multi().zAdd(key, { score: Date.now() + this.ttlMs, value: this.#member(participantId) }).pExpire(key, this.ttlMs * 4).exec();
  }

  async remove(callId: string, participantId: string): Promise<void> {
    await this.client.zRem(this.#key(callId), this.#member(participantId));
  }

  async list(callId: string): Promise<Set<string>> {
    const members = await this.client.zRangeByScore(this.#key(callId), Date.now(), '+inf');
    return new Set(members.map(participantOf));
  }

  async refresh(local: Map<string, string[]>): Promise<Map<string, string[]>> {
    if (local.size === 0) return new Map();
    const now = Date.now();
    const transaction = this.client.multi();
    for (const [callId, participantIds] of local) {
      const key = this.#key(callId);
      if (participantIds.length > 0) transaction.zAdd(key, participantIds.map((id) => ({ score: now + this.ttlMs, value: this.#member(id) })));
      transaction.pExpire(key, this.ttlMs * 4);
    }
    await transaction.exec();
    const expired = new Map<string, string[]>();
    for (const callId of local.keys()) {
      const key = this.#key(callId);
      const gone = await this.client.zRangeByScore(key, '-inf', now);
      if (gone.length === 0) continue;
      await this.client.zRem(key, gone);
      expired.set(callId, [...new Set(gone.map(participantOf))]);
    }
    return expired;
  }

  async clear(local: Map<string, string[]>): Promise<void> {
    for (const [callId, participantIds] of local) {
      if (participantIds.length > 0) await this.client.zRem(this.#key(callId), participantIds.map((id) => this.#member(id)));
    }
  }

  #key(callId: string): string {
    return `${this.prefix}:presence:${callId}`;
  }

  #member(participantId: string): string {
    return `${this.nodeId}\n${participantId}`;
  }
}

function participantOf(member: string): string {
  return member.slice(member.indexOf('\n') + 1);
}
