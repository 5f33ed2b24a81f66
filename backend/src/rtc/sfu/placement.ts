import { randomInt } from 'node:crypto';
import type { JanusLink } from '../janus/janus-gateway.ts';
import type { JanusServer } from '../janus/janus-runtime.ts';
import type { Placement, PlacementStore } from './placement-store.ts';

/** VideoRoom's answer to creating a room id that is taken: the room we want is there already. */
const ROOM_EXISTS = 427;

interface Deps {
  servers: JanusServer[];
  store: PlacementStore;
  /** This node's peer connections on each Janus. */
  localLoad(): Map<string, number>;
}

/**
 * Which Janus a stream goes through. A stream is placed on the reachable Janus with the fewest
 * peer connections now (publishers and subscribers, as the backend nodes count them: Janus's own
 * admin API stays off), and moved when the Janus it is on cannot be reached. The VideoRoom room is
 * made by whichever node needs it first; its id is in the placement, so any node can make it.
 */
export function createPlacer({ servers, store, localLoad }: Deps) {
  const byId = new Map(servers.map((s) => [s.id, s]));
  const link = (janus: string): JanusLink | undefined => byId.get(janus)?.gateway.current();

  async function leastLoaded(): Promise<JanusServer | undefined> {
    const up = servers.filter((s) => s.gateway.current());
    if (up.length < 2) return up[0];
    const [others, local] = [await store.othersLoad(), localLoad()];
    const load = (s: JanusServer) => (others.get(s.id) ?? 0) + (local.get(s.id) ?? 0);
    // Ties go to the first listed, so a quiet cluster fills JANUS_URLS in order.
    return up.reduce((best, s) => (load(s) < load(best) ? s : best));
  }

  /**
   * The stream's placement for its publisher: kept while its Janus answers, otherwise moved to the
   * least loaded one that does. With none reachable it stays, for when that Janus is back.
   */
  async function place(streamId: string): Promise<Placement | undefined> {
    const current = await store.get(streamId);
    if (current && link(current.janus)) return current;
    const target = await leastLoaded();
    if (!target) return current;
    return store.claim(streamId, { janus: target.id, room: randomInt(1, 2 ** 47) }, current?.room);
  }

  return {
    link,
    place,
    /** Whether any Janus answers right now. */
    available: () => servers.some((s) => s.gateway.current()),

    /** The stream placed on a Janus that answers, waiting up to `timeoutMs` for one to (re)connect. */
    async placeReachable(streamId: string, timeoutMs: number) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const placement = await place(streamId);
        const live = placement && link(placement.janus);
        if (placement && live) return { placement, link: live };
        const left = deadline - Date.now();
        const down = servers.filter((s) => !s.gateway.current());
        // Every Janus up and still none to use: placed (by another node) on one this node does not know.
        if (left <= 0 || !down.length) return undefined;
        await Promise.race(down.map((s) => s.gateway.link(left)));
      }
    },

    /** The placement's VideoRoom room on that Janus: made now unless there (it dies with Janus). */
    async ensureRoom(janus: JanusLink, streamId: string, room: number) {
      await janus.manager
        .create({
          room,
          description: `airwave ${streamId}`,
          max_publishers: 1,
          is_private: true,
          videocodec: 'vp8', // simulcast in every browser; the layer switch is VideoRoom's
          audiocodec: 'opus',
          // A keyframe at least every 3 s on every layer (the GOP live services use): a viewer that lost
          // packets, or moved up a simulcast layer, waits at most that long for a full picture. Janus's
          // own keyframe request on a layer switch was seen not to produce one (e2e/sfu.e2e.test.ts).
          fir_freq: 3,
          notify_joining: false,
        })
        .catch((err: unknown) => {
          if ((err as { _code?: unknown })._code !== ROOM_EXISTS) throw err;
        });
    },
  };
}

export type Placer = ReturnType<typeof createPlacer>;
