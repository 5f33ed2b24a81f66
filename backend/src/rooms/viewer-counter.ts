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
  /** Distinct viewers counted from one client address, so one machine cannot inflate a ranking. */
  viewersPerIp: number;
}

/**
 * Viewer counts: unique viewer keys (a user id, or a server-signed anonymous key) among the sockets
 * in the room, across every node (the adapter answers for the others), at most `viewersPerIp` of
 * them from one client address. Counting from live sockets means a client that vanished is gone
 * from the count as soon as its socket is. Recounts are coalesced so a join storm costs one count
 * and one broadcast per interval per room.
 */
/** Up to this many viewers a socket's first join counts the room exactly (see forJoin). */
const EXACT_ON_JOIN_UP_TO = 200;

export function createViewerCounter({ io, streamerOf, persist, onError, intervalMs, viewersPerIp }: Deps) {
  const latest = new Map<string, number>();
  async function count(streamId: string): Promise<number> {
    const [sockets, streamerId] = await Promise.all([
      io.in(streamRoom(streamId)).fetchSockets(),
      streamerOf(streamId),
    ]);
    const counted = new Set<string>();
    const perIp = new Map<string, number>();
    for (const s of sockets) {
      const key = s.data.viewerKey;
      if (s.data.principal?.userId === streamerId || counted.has(key)) continue;
      // A viewer over its address's cap is not counted there, but may still be from another address.
      const fromIp = perIp.get(s.data.ip) ?? 0;
      if (fromIp >= viewersPerIp) continue;
      perIp.set(s.data.ip, fromIp + 1);
      counted.add(key);
    }
    return counted.size;
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
     * The count for a join's answer. A socket's first join into a room of up to
     * EXACT_ON_JOIN_UP_TO viewers counts it: that figure is what the new viewer shows until the next
     * change. A re-join, or a join into a bigger room, gets the last recount's figure (at most one
     * interval old, and a fresh one is scheduled), since walking every socket per join in a join
     * storm would be O(n²).
     */
    async forJoin(streamId: string, firstJoin: boolean): Promise<number> {
      const known = latest.get(streamId);
      if (known !== undefined && !(firstJoin && known <= EXACT_ON_JOIN_UP_TO)) return known;
      // Counting asks every node; with the adapter's Redis away the join still goes on, on the last figure.
      return count(streamId).catch(() => known ?? 0);
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
