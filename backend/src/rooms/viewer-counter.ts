import { createKeyedThrottle } from '../platform/keyed-throttle.ts';
import type { AirwaveServer } from '../realtime/socket-handler.ts';
import { streamRoom } from './room-names.ts';

interface Deps {
  io: AirwaveServer;
  /** Who does not count as a viewer of this stream (the streamer). */
  streamerOf: (streamId: string) => Promise<string | undefined>;
  persist: (streamId: string, viewerCount: number) => Promise<void>;
  onError: (err: unknown) => void;
  /** Shortest time between two broadcasts for one room. */
  intervalMs: number;
}

/**
 * Exact viewer counts: unique viewer keys (a user id, or an anonymous browser key) among the sockets
 * in the room, across every node (the adapter answers for the others). Counting from live sockets
 * means a client that vanished is gone from the count as soon as its socket is. Recounts are
 * coalesced so a join storm costs one count and one broadcast per interval per room.
 */
/** Up to this many viewers a join recounts the room; past it, the last coalesced figure is answered. */
const EXACT_ON_JOIN_UP_TO = 200;

export function createViewerCounter({ io, streamerOf, persist, onError, intervalMs }: Deps) {
  const latest = new Map<string, number>();
  async function count(streamId: string): Promise<number> {
    const [sockets, streamerId] = await Promise.all([
      io.in(streamRoom(streamId)).fetchSockets(),
      streamerOf(streamId),
    ]);
    const keys = new Set<string>();
    for (const s of sockets) {
      if (s.data.principal?.userId === streamerId) continue;
      keys.add(s.data.viewerKey);
    }
    return keys.size;
  }

  async function recount(streamId: string) {
    // No "unchanged, skip" shortcut: another node may have announced a different figure since this
    // node last counted, so every recount is announced (the throttle already bounds how often).
    const n = await count(streamId);
    latest.set(streamId, n);
    io.to(streamRoom(streamId)).emit('viewer-count', { streamId, viewerCount: n });
    await persist(streamId, n);
  }

  const throttle = createKeyedThrottle(intervalMs, recount, onError);

  return {
    count,
    /**
     * The count for a join's answer. Recounting walks every socket in the room, so in a big room a
     * join storm would cost O(n²); there the figure from the last recount (at most one interval old,
     * and a fresh one is already scheduled) is good enough.
     */
    async forJoin(streamId: string): Promise<number> {
      const known = latest.get(streamId);
      return known !== undefined && known > EXACT_ON_JOIN_UP_TO ? known : count(streamId);
    },
    /** Asks for a recount soon: at once if the room was quiet, else at the end of the interval. */
    schedule: throttle.schedule,
    forget(streamId: string) {
      throttle.forget(streamId);
      latest.delete(streamId);
    },
    stop: throttle.stop,
  };
}

export type ViewerCounter = ReturnType<typeof createViewerCounter>;
