import { setTimeout as sleep } from 'node:timers/promises';
import Janode, { type Connection, type Session } from 'janode';
import VideoRoomPlugin, { type VideoRoomHandle } from 'janode/plugins/videoroom';
import type { Logger } from '../../logger.ts';
import type { JanusEndpoint } from './janus-process.ts';

// janode prints to stdout on its own; the gateway logs what matters through pino instead.
Janode.Logger.setLevel('none');

/** Janus drops a session silent for session_timeout (60 s in deploy/janus); keep ours well inside it. */
const KEEPALIVE_SECONDS = 15;
const FIRST_RETRY_MS = 200;
const MAX_RETRY_MS = 5000;

export interface JanusLink {
  /** Counts connections: a handle or room made under an older epoch died with that Janus. */
  readonly epoch: number;
  attach(): Promise<VideoRoomHandle>;
  /** The handle for room management (create/destroy), attached once per connection. */
  readonly manager: VideoRoomHandle;
}

interface Listener {
  ready(link: JanusLink): void;
  lost(epoch: number): void;
}

/**
 * One connection and one session to Janus, over its WebSocket API with janode. When the connection
 * drops (Janus died or restarted) every handle on it is gone: listeners hear `lost`, the gateway
 * reconnects with backoff, and listeners hear `ready` with the new link to rebuild their rooms.
 */
export function createJanusGateway(endpoint: () => Promise<JanusEndpoint>, logger: Logger) {
  const log = logger.child({ component: 'janus' });
  const listeners: Listener[] = [];
  let link: JanusLink | undefined;
  let connection: Connection | undefined;
  let waiting: Array<(l: JanusLink) => void> = [];
  let epoch = 0;
  let closed = false;

  async function open(): Promise<{ connection: Connection; session: Session; manager: VideoRoomHandle }> {
    const { url, apiSecret } = await endpoint();
    const conn = await Janode.connect({ address: { url, apisecret: apiSecret }, max_retries: 0 });
    try {
      const session = await conn.create(KEEPALIVE_SECONDS);
      const manager = await session.attach(VideoRoomPlugin);
      return { connection: conn, session, manager };
    } catch (err) {
      await conn.close().catch(() => {});
      throw err;
    }
  }

  async function connectLoop() {
    let delay = FIRST_RETRY_MS;
    while (!closed) {
      try {
        const opened = await open();
        if (closed) {
          await opened.connection.close().catch(() => {});
          return;
        }
        const mine = ++epoch;
        connection = opened.connection;
        const onLost = () => dropped(mine);
        opened.connection.once(Janode.EVENT.CONNECTION_ERROR, onLost);
        opened.connection.once(Janode.EVENT.CONNECTION_CLOSED, onLost);
        opened.session.once(Janode.EVENT.SESSION_DESTROYED, onLost);
        const current: JanusLink = {
          epoch: mine,
          manager: opened.manager,
          attach: () => opened.session.attach(VideoRoomPlugin),
        };
        link = current;
        log.info({ epoch: mine }, 'connected to Janus');
        for (const resolve of waiting.splice(0)) resolve(current);
        for (const l of listeners) l.ready(current);
        return;
      } catch (err) {
        log.warn(
          { err: err instanceof Error ? err.message : err, retryInMs: delay },
          'Janus not reachable yet',
        );
        await sleep(delay);
        delay = Math.min(MAX_RETRY_MS, delay * 2);
      }
    }
  }

  function dropped(lostEpoch: number) {
    if (link?.epoch !== lostEpoch) return;
    link = undefined;
    const old = connection;
    connection = undefined;
    old?.close().catch(() => {});
    if (closed) return;
    log.warn({ epoch: lostEpoch }, 'lost Janus; every room and handle on it is gone, reconnecting');
    for (const l of listeners) l.lost(lostEpoch);
    void connectLoop();
  }

  void connectLoop();

  return {
    /** The live link, waiting up to `timeoutMs` for one; undefined if Janus stays away. */
    async link(timeoutMs: number): Promise<JanusLink | undefined> {
      if (link) return link;
      let resolveFn: ((l: JanusLink) => void) | undefined;
      const got = new Promise<JanusLink>((resolve) => {
        resolveFn = resolve;
        waiting.push(resolve);
      });
      const timer = sleep(timeoutMs, undefined, { ref: false });
      const result = await Promise.race([got, timer]);
      waiting = waiting.filter((w) => w !== resolveFn);
      return result;
    },
    current: () => link,
    onChange(listener: Listener) {
      listeners.push(listener);
    },
    async close() {
      closed = true;
      link = undefined;
      await connection?.close().catch(() => {});
    },
  };
}

export type JanusGateway = ReturnType<typeof createJanusGateway>;
