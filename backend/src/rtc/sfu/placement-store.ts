import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';

/** Where a stream's media goes through: which Janus, its VideoRoom room there, and the live feed. */
export interface Placement {
  janus: string;
  room: number;
  /** The publisher's feed once its PeerConnection is up; viewers subscribe to it. */
  feed?: number;
}

/**
 * The SFU state every backend node must agree on, so that the node holding the streamer's socket
 * and the nodes holding viewers' sockets signal against the same Janus and room. Writes are
 * conditional on the room: a node that saw an older placement cannot overwrite a newer one.
 */
export interface PlacementStore {
  get(streamId: string): Promise<Placement | undefined>;
  /**
   * Places the stream unless it is placed already; with `replacing`, moves it only if it is still
   * in that room. Resolves with the placement that holds afterwards (none once the stream is gone).
   */
  claim(streamId: string, next: Placement, replacing?: number): Promise<Placement | undefined>;
  /** The feed viewers subscribe to (none: between publications), if the stream is still in `room`. */
  setFeed(streamId: string, room: number, feed: number | undefined): Promise<void>;
  remove(streamId: string): Promise<void>;
  /** The peer connections the other nodes hold on each Janus (this node counts its own). */
  othersLoad(): Promise<Map<string, number>>;
  /** This node's peer connections on each Janus, for the other nodes' placements. */
  reportLoad(load: Map<string, number>): void;
  close(): Promise<void>;
}

/** One node: nothing to share. */
export function createMemoryPlacementStore(): PlacementStore {
  const placements = new Map<string, Placement>();
  return {
    async get(streamId) {
      return placements.get(streamId);
    },
    async claim(streamId, next, replacing) {
      const current = placements.get(streamId);
      if (replacing === undefined ? !current : current?.room === replacing) {
        placements.set(streamId, { janus: next.janus, room: next.room });
      }
      return placements.get(streamId);
    },
    async setFeed(streamId, room, feed) {
      const current = placements.get(streamId);
      if (current?.room === room) placements.set(streamId, { ...current, feed });
    },
    async remove(streamId) {
      placements.delete(streamId);
    },
    othersLoad: async () => new Map(),
    reportLoad() {},
    async close() {},
  };
}

// A placement outlives no stream; the expiry only sweeps those of a cluster that died mid-stream.
const PLACEMENT_TTL_SECONDS = 7 * 86_400;
const LOAD_KEY = 'sfu:load';
/** Each node re-reports this often; a report older than LOAD_STALE_MS is a node that is gone. */
const LOAD_REFRESH_MS = 10_000;
const LOAD_STALE_MS = 30_000;
const LOAD_DEBOUNCE_MS = 200;

const CLAIM = `
local current = redis.call('HGET', KEYS[1], 'room')
if (ARGV[3] == '' and not current) or (ARGV[3] ~= '' and current == ARGV[3]) then
  redis.call('DEL', KEYS[1])
  redis.call('HSET', KEYS[1], 'janus', ARGV[1], 'room', ARGV[2])
  redis.call('EXPIRE', KEYS[1], ARGV[4])
end
return redis.call('HGETALL', KEYS[1])`;
const SET_FEED = `
if redis.call('HGET', KEYS[1], 'room') ~= ARGV[1] then return 0 end
if ARGV[2] == '' then redis.call('HDEL', KEYS[1], 'feed') else redis.call('HSET', KEYS[1], 'feed', ARGV[2]) end
return 1`;

/** A placement hash, as HGETALL answers it (an object) or a script returns it (a flat list). */
function fromHash(hash: Record<string, string> | string[]): Placement | undefined {
  const h: Record<string, string | undefined> = Array.isArray(hash)
    ? Object.fromEntries(hash.flatMap((v, i) => (i % 2 ? [] : [[v, hash[i + 1]]])))
    : hash;
  if (!h.janus || !h.room) return undefined;
  return { janus: h.janus, room: Number(h.room), ...(h.feed ? { feed: Number(h.feed) } : {}) };
}

/**
 * Shared through Redis (the node's fail-fast connection: with Redis away a placement fails at once
 * and the caller answers SERVICE_UNAVAILABLE). Placements are hashes; load is one hash of
 * "<node> <janus>" → "<connections> <reported at>", which ignores (and sweeps) a dead node's figures.
 */
export function createRedisPlacementStore(redis: Redis, onError: (err: unknown) => void): PlacementStore {
  const node = randomUUID();
  const key = (streamId: string) => `sfu:placement:${streamId}`;
  let latest = new Map<string, number>();
  let reported = new Set<string>();
  let debounce: NodeJS.Timeout | undefined;

  async function writeLoad() {
    const fields: string[] = [];
    const now = Date.now();
    for (const janus of new Set([...reported, ...latest.keys()])) {
      fields.push(`${node} ${janus}`, `${latest.get(janus) ?? 0} ${now}`);
    }
    reported = new Set(latest.keys());
    if (fields.length) await redis.hset(LOAD_KEY, ...fields);
  }
  const refresh = setInterval(() => writeLoad().catch(onError), LOAD_REFRESH_MS);
  refresh.unref();

  return {
    async get(streamId) {
      return fromHash(await redis.hgetall(key(streamId)));
    },
    async claim(streamId, next, replacing) {
      const hash = (await redis.eval(
        CLAIM,
        1,
        key(streamId),
        next.janus,
        String(next.room),
        replacing === undefined ? '' : String(replacing),
        String(PLACEMENT_TTL_SECONDS),
      )) as string[];
      return fromHash(hash);
    },
    async setFeed(streamId, room, feed) {
      await redis.eval(SET_FEED, 1, key(streamId), String(room), feed === undefined ? '' : String(feed));
    },
    async remove(streamId) {
      await redis.del(key(streamId));
    },
    async othersLoad() {
      const all = await redis.hgetall(LOAD_KEY);
      const load = new Map<string, number>();
      const stale: string[] = [];
      for (const [field, value] of Object.entries(all)) {
        const [who = '', janus = ''] = field.split(' ');
        const [count = 0, at = 0] = value.split(' ').map(Number);
        if (Date.now() - at > LOAD_STALE_MS) stale.push(field);
        else if (who !== node) load.set(janus, (load.get(janus) ?? 0) + count);
      }
      if (stale.length) await redis.hdel(LOAD_KEY, ...stale);
      return load;
    },
    reportLoad(load) {
      latest = load;
      debounce ??= setTimeout(() => {
        debounce = undefined;
        writeLoad().catch(onError);
      }, LOAD_DEBOUNCE_MS);
    },
    async close() {
      clearInterval(refresh);
      clearTimeout(debounce);
      const mine = [...new Set([...reported, ...latest.keys()])].map((janus) => `${node} ${janus}`);
      if (mine.length) await redis.hdel(LOAD_KEY, ...mine).catch(() => {});
    },
  };
}
