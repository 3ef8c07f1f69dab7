import type { Logger } from '../observability/logger';
import { extractActions } from '@/lib/actions';
import type { PublicCall } from '@/lib/protocol';
import { createId } from '../domain/secrets';
import { readCallActions, saveCallActions, type ExtractedActions } from '../persistence/actions.repository';
import type { Database } from '../persistence/database';
import { spreadOverCall } from './fan-out';
import type { SnapshotCache } from './snapshot-cache';
import type { RoundtableServer } from './sockets';

/** The minutes are read for action items at most this often per call while scribes type, and once after the last change. */
export const ACTION_SYNC_MS = 300;

const normalTitle = (title: string) => title.replace(/^#+\s*/, '').replace(/\s+/g, ' ').trim().toLowerCase();

/** The agenda item a minutes heading names (case and spacing aside), if any. */
export function itemIdForHeading(call: Pick<PublicCall, 'sections'>, heading: string | null): string | null {
  if (!heading) return null;
  const wanted = normalTitle(heading);
  for (const section of call.sections) {
    const item = section.items.find((candidate) => normalTitle(candidate.title) === wanted);
    if (item) return item.id;
  }
  return null;
}

/** What the minutes text says, with each line's heading matched to the call's agenda. */
export function readActionsOf(minutes: string, call: Pick<PublicCall, 'sections'>): ExtractedActions {
  const { actions, decisions } = extractActions(minutes);
  return {
    actions: actions.map(({ key, text, owner, due, isDone, heading }) => ({ key, text, owner, due, isDone, itemId: itemIdForHeading(call, heading) })),
    decisions: decisions.map(({ key, text, heading }) => ({ key, text, itemId: itemIdForHeading(call, heading) })),
  };
}

/**
 * Keeps each call's stored action items and decisions in step with its minutes. The minutes rooms tell it after
 * every stored change (`schedule`, which never waits); it reads the text again at most every ACTION_SYNC_MS, one
 * run per call at a time, and when something changed sends the call's items to everyone in the call.
 */
export class ActionSync {
  readonly #timers = new Map<string, NodeJS.Timeout>();
  readonly #running = new Map<string, Promise<void>>();
  /** Calls whose minutes changed while a run was reading them. */
  readonly #changedWhileRunning = new Set<string>();
  #isClosed = false;

  constructor(
    private readonly io: RoundtableServer,
    private readonly database: Database,
    private readonly snapshots: SnapshotCache,
    private readonly readText: (callId: string) => Promise<string>,
    private readonly logger: Logger,
  ) {}

  /** The call's minutes changed: sync within ACTION_SYNC_MS. */
  schedule(callId: string): void {
    if (this.#isClosed || this.#timers.has(callId)) return;
    if (this.#running.has(callId)) {
      this.#changedWhileRunning.add(callId);
      return;
    }
    const timer = setTimeout(() => {
      this.#timers.delete(callId);
      this.#run(callId).catch((error: unknown) => this.logger.error({ err: error, callId }, 'actions: reading the action items failed'));
    }, ACTION_SYNC_MS);
    this.#timers.set(callId, timer);
  }

  /** Syncs now (after a run under way), e.g. after a command changed the minutes or a call was created with them. */
  sync(callId: string): Promise<void> {
    clearTimeout(this.#timers.get(callId));
    this.#timers.delete(callId);
    return this.#run(callId);
  }

  /** For a call created with minutes (an imported past call): its items are listed before anyone opens it. */
  async syncCreated(callId: string): Promise<void> {
    await this.sync(callId).catch((error: unknown) => this.logger.error({ err: error, callId }, 'actions: reading the action items of a new call failed'));
  }

  /** Sends the call's items and decisions to everyone in it. */
  async publish(callId: string): Promise<void> {
    const actions = await readCallActions(this.database, callId);
    if (actions) await spreadOverCall(callId, (room) => this.io.to(room).emit('actions:update', actions));
  }

  /** Runs the syncs still waiting for their tick and waits for those under way. */
  async close(): Promise<void> {
    this.#isClosed = true;
    for (const callId of [...this.#timers.keys()]) {
      this.sync(callId).catch((error: unknown) => this.logger.error({ err: error, callId }, 'actions: reading the action items failed'));
    }
    while (this.#running.size > 0) await Promise.all([...this.#running.values()]);
  }

  #run(callId: string): Promise<void> {
    const previous = this.#running.get(callId) ?? Promise.resolve();
    const run = previous.then(() => this.#syncOnce(callId));
    const settled: Promise<void> = run
      .catch(() => undefined)
      .then(() => {
        if (this.#running.get(callId) !== settled) return;
        this.#running.delete(callId);
        if (this.#changedWhileRunning.delete(callId)) this.schedule(callId);
      });
    this.#running.set(callId, settled);
    return run;
  }

  async #syncOnce(callId: string): Promise<void> {
    const entry = await this.snapshots.get(callId);
    if (!entry) return;
    const text = await this.readText(callId);
    const isChanged = await saveCallActions(this.database, callId, readActionsOf(text, entry.call), createId);
    if (isChanged) await this.publish(callId);
  }
}
