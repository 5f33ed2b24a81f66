import type { ClientEventName } from '@airwave/shared';

/**
 * What each event costs against the per-IP and per-user budgets: roughly the work it makes the
 * server (and the other clients in the room) do. A join touches the room, the viewer count and
 * chat history; a gift moves money; an rtc-request makes the streamer open a peer connection.
 */
export const EVENT_COST: Record<ClientEventName, number> = {
  whoami: 1,
  'leave-stream': 1,
  'rtc-signal': 2,
  'rtc-quality': 2,
  'rtc-release': 2,
  // Reads the stream and signs a credential; the per-address TURN budget is the real bound.
  'rtc-ice-servers': 2,
  'send-message': 5,
  'delete-message': 5,
  'moderate-user': 5,
  'update-chat-settings': 5,
  'set-moderator': 5,
  // Verifies a token and reads the session, like a handshake.
  'refresh-auth': 5,
  'report-message': 5,
  'join-stream': 10,
  'send-gift': 10,
  'rtc-request': 10,
};

const isEvent = (name: unknown): name is ClientEventName =>
  typeof name === 'string' && Object.hasOwn(EVENT_COST, name);

/** An event nobody listens to costs one point: it is refused without work. */
export const eventCost = (name: unknown): number => (isEvent(name) ? EVENT_COST[name] : 1);

/**
 * Concurrent connections per key (a client IP, a user) on this node. Per node on purpose: what the
 * cap protects (sockets, memory, this node's event loop) is per node, and a node that dies takes
 * its counts with it, which counts kept in Redis could not do without leases. The budgets that
 * must hold across nodes (handshakes and event points) go through the shared limiter instead.
 */
export function createConnectionCounter(limit: number) {
  const open = new Map<string, number>();
  return {
    /** Takes a slot for `key`, or returns undefined when the key is full. The release is idempotent. */
    take(key: string): (() => void) | undefined {
      const n = open.get(key) ?? 0;
      if (n >= limit) return undefined;
      open.set(key, n + 1);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        const left = (open.get(key) ?? 1) - 1;
        if (left > 0) open.set(key, left);
        else open.delete(key);
      };
    },
  };
}
