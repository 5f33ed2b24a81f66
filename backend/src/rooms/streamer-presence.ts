import type { AirwaveServer } from '../realtime/socket-handler.ts';
import { broadcasterRoom, streamRoom } from './room-names.ts';

interface Deps {
  io: AirwaveServer;
  graceMs: number;
  /** Ends the stream; called when the streamer stayed away for the whole grace period. */
  endStream: (streamId: string) => Promise<void>;
  onError: (err: unknown) => void;
}

/**
 * Keeps a stream live while its streamer's connection drops for less than the grace period, so a
 * flaky network resumes the same stream. The check at the end asks every node (through the
 * adapter) whether the streamer came back, so a reconnect to another node also counts.
 */
export function createStreamerPresence({ io, graceMs, endStream, onError }: Deps) {
  const timers = new Map<string, NodeJS.Timeout>();

  async function isOnline(streamId: string): Promise<boolean> {
    return (await io.in(broadcasterRoom(streamId)).fetchSockets()).length > 0;
  }

  /** At the end of the grace period, ends the stream unless the streamer is back on any node. */
  function startGrace(streamId: string) {
    clearTimeout(timers.get(streamId));
    timers.set(
      streamId,
      setTimeout(() => {
        timers.delete(streamId);
        isOnline(streamId)
          .then((online) => (online ? undefined : endStream(streamId)))
          .catch(onError);
      }, graceMs),
    );
  }

  return {
    isOnline,
    arrived(streamId: string) {
      const timer = timers.get(streamId);
      if (timer) {
        clearTimeout(timer);
        timers.delete(streamId);
      }
      io.to(streamRoom(streamId)).emit('streamer-status', { streamId, online: true });
    },

    async left(streamId: string) {
      if (await isOnline(streamId)) return; // another tab or device of the streamer is still here
      io.to(streamRoom(streamId)).emit('streamer-status', { streamId, online: false });
      startGrace(streamId);
    },

    /**
     * Starts the grace period for a stream whose streamer is connected nowhere, unless this node is
     * already timing it. It catches streams whose timer died with another node, and streams whose
     * streamer never connected at all, so no stream stays live forever.
     */
    async watchIfOrphaned(streamId: string) {
      if (timers.has(streamId) || (await isOnline(streamId))) return;
      startGrace(streamId);
    },

    forget(streamId: string) {
      clearTimeout(timers.get(streamId));
      timers.delete(streamId);
    },

    stop() {
      for (const t of timers.values()) clearTimeout(t);
      timers.clear();
    },
  };
}

export type StreamerPresence = ReturnType<typeof createStreamerPresence>;
