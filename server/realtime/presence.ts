import { silentLogger, type Logger } from '../observability/logger';
/** Presence shared by every node (Redis), keyed by call; entries of a node that stops refreshing expire. */
export interface SharedPresence {
  add(callId: string, participantId: string): Promise<void>;
  remove(callId: string, participantId: string): Promise<void>;
  list(callId: string): Promise<Set<string>>;
  /** Re-announces this node's entries and returns other nodes' expired ones, per call this node serves. */
  refresh(local: Map<string, string[]>): Promise<Map<string, string[]>>;
  clear(local: Map<string, string[]>): Promise<void>;
}

const REFRESH_MS = 3_000;

/**
 * Which checked-in participants have at least one socket connected. Several tabs of one participant count once.
 * Sockets are counted on this node; with a shared store (several nodes) the store says who is online anywhere.
 */
export class PresenceTracker {
  readonly #sockets = new Map<string, Map<string, number>>();
  #writes: Promise<void> = Promise.resolve();
  readonly #timer: NodeJS.Timeout | undefined;
  /** Called with participants whose node went away without saying so. */
  onExpired: (callId: string, participantIds: string[]) => void = () => undefined;

  constructor(
    private readonly shared?: SharedPresence,
    private readonly logger: Logger = silentLogger,
  ) {
    if (!shared) return;
    this.#timer = setInterval(() => {
      this.#write(async () => {
        for (const [callId, participantIds] of await shared.refresh(this.#local())) this.onExpired(callId, participantIds);
      });
    }, REFRESH_MS);
    this.#timer.unref();
  }

  /** Returns true when the participant just came online on this node. */
  connect(callId: string, participantId: string): boolean {
    const call = this.#sockets.get(callId) ?? new Map<string, number>();
    const count = (call.get(participantId) ?? 0) + 1;
    call.set(participantId, count);
    this.#sockets.set(callId, call);
    if (count === 1 && this.shared) this.#write(() => this.shared!.add(callId, participantId));
    return count === 1;
  }

  /** Returns true when the participant's last socket on this node went away. */
  disconnect(callId: string, participantId: string): boolean {
    const call = this.#sockets.get(callId);
    const count = (call?.get(participantId) ?? 0) - 1;
    if (!call || count < 0) return false;
    if (count === 0) call.delete(participantId);
    else call.set(participantId, count);
    if (call.size === 0) this.#sockets.delete(callId);
    if (count === 0 && this.shared) this.#write(() => this.shared!.remove(callId, participantId));
    return count === 0;
  }

  /** Participants online on any node (this node's view if the shared store cannot be read). */
  async onlineIds(callId: string): Promise<Set<string>> {
    const local = new Set(this.#sockets.get(callId)?.keys());
    if (!this.shared) return local;
    await this.#writes;
    try {
      return new Set([...(await this.shared.list(callId)), ...local]);
    } catch (error) {
      this.logger.error({ err: error }, 'presence: shared store unreadable, counting this node only');
      return local;
    }
  }

  async onlineCount(callId: string): Promise<number> {
    // One node: the socket map's size, without copying every id on each join.
    if (!this.shared) return this.#sockets.get(callId)?.size ?? 0;
    return (await this.onlineIds(callId)).size;
  }

  /** Takes this node's entries out of the shared store (a graceful shutdown). */
  async stop(): Promise<void> {
    clearInterval(this.#timer);
    if (this.shared) this.#write(() => this.shared!.clear(this.#local()));
    await this.#writes;
  }

  #local(): Map<string, string[]> {
    return new Map([...this.#sockets].map(([callId, participants]) => [callId, [...participants.keys()]]));
  }

  /** Shared-store writes run in order, so a quick connect and disconnect cannot land reversed. */
  #write(run: () => Promise<void>): void {
    this.#writes = this.#writes.then(run).catch((error: unknown) => this.logger.error({ err: error }, 'presence: shared store write failed'));
  }
}
