import type { Redis } from 'ioredis';
import type { Config } from '../config.ts';
import type { Logger } from '../logger.ts';
import type { AirwaveServer } from '../realtime/socket-handler.ts';
import type { StreamsService } from '../streams/streams.service.ts';
import { createAutoMode } from './auto-mode.ts';
import { findOnPath } from './janus/janus-config.ts';
import { connectJanus } from './janus/janus-runtime.ts';
import type { MediaMode } from './media-mode.ts';
import { createP2pMode } from './p2p-mode.ts';
import { createMemoryPlacementStore, createRedisPlacementStore } from './sfu/placement-store.ts';
import { createSfuMode } from './sfu-mode.ts';

type MediaServers = ReturnType<typeof connectJanus>;

/**
 * The Janus servers the configured mode needs: always for `sfu` (which fails loudly without one),
 * and for `auto` when some are configured, or one is installed and this node is alone. Without
 * them `auto` says once that streams stay on the mesh.
 */
export function connectMediaServer(
  media: Config['media'],
  logger: Logger,
  clustered: boolean,
): MediaServers | undefined {
  if (media.mode === 'p2p') return undefined;
  if (media.mode === 'auto' && media.janus.urls.length === 0) {
    const reason = !findOnPath('janus')
      ? 'without a Janus (set JANUS_URLS, or apt-get install janus)'
      : clustered
        ? // A private Janus per node would strand viewers on other nodes than the streamer's.
          'with REDIS_URL but no JANUS_URLS that every node reaches'
        : undefined;
    if (reason) {
      logger.info(
        `MEDIA_MODE=auto ${reason}: every stream stays peer-to-peer, up to P2P_MAX_VIEWERS viewers`,
      );
      return undefined;
    }
  }
  return connectJanus(media, logger, clustered);
}

export function createMediaMode(deps: {
  config: Config['media'];
  io: AirwaveServer;
  streams: StreamsService;
  janus: MediaServers | undefined;
  /** With several nodes, where SFU placements (which Janus, room, feed) are shared. */
  redis: Redis | undefined;
  logger: Logger;
}): { media: MediaMode; close(): Promise<void> } {
  const { config, io, streams, janus, redis, logger } = deps;
  const p2p = createP2pMode({ io, streams, maxViewers: config.p2pMaxViewers });
  const store =
    janus &&
    (redis
      ? createRedisPlacementStore(redis, (err) => logger.warn({ err }, 'reporting SFU load failed'))
      : createMemoryPlacementStore());
  const sfu =
    janus &&
    store &&
    createSfuMode({ io, streams, servers: janus.servers, store, clustered: redis !== undefined, logger });
  const close = async () => {
    await store?.close();
  };
  if (config.mode === 'p2p') return { media: p2p, close };
  if (config.mode === 'sfu') {
    if (!sfu) throw new Error('MEDIA_MODE=sfu needs a Janus');
    return { media: sfu, close };
  }
  const auto = createAutoMode({ io, streams, p2p, sfu, switchViewers: config.sfuSwitchViewers, logger });
  return { media: auto, close };
}
