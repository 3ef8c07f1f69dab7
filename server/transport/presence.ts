/**
 * Which checked-in participants have at least one socket connected on this node. Several tabs of one
 * participant count once.
 */
export class PresenceTracker {
  readonly #sockets = new Map<string, Map<string, number>>();

  /** Returns true when the participant just came online. */
  connect(callId: string, participantId: string): boolean {
    const call = this.#sockets.get(callId) ?? new Map<string, number>();
    const count = (call.get(participantId) ?? 0) + 1;
    call.set(participantId, count);
    this.#sockets.set(callId, call);
    return count === 1;
  }

  /** Returns true when the participant's last socket went away. */
  disconnect(callId: string, participantId: string): boolean {
    const call = this.#sockets.get(callId);
    const count = (call?.get(participantId) ?? 0) - 1;
    if (!call || count < 0) return false;
    if (count === 0) call.delete(participantId);
    else call.set(participantId, count);
    if (call.size === 0) this.#sockets.delete(callId);
    return count === 0;
  }

  isOnline(callId: string, participantId: string): boolean {
    return (this.#sockets.get(callId)?.get(participantId) ?? 0) > 0;
  }

  onlineCount(callId: string): number {
    return this.#sockets.get(callId)?.size ?? 0;
  }
}
