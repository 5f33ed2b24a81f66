import type { Config } from '../config.ts';
import type { Logger } from '../logger.ts';
import type { AirwaveServer } from '../realtime/socket-handler.ts';
import type { StreamsService } from '../streams/streams.service.ts';
import { createAutoMode } from './auto-mode.ts';
import { findOnPath } from './janus/janus-config.ts';
import { connectJanus } from './janus/janus-runtime.ts';
import type { MediaMode } from './media-mode.ts';
import { createP2pMode } from './p2p-mode.ts';
import { createSfuMode } from './sfu-mode.ts';

type MediaServer = ReturnType<typeof connectJanus>;

/**
 * The Janus the configured mode needs: always for `sfu` (which fails loudly without one), and for
 * `auto` when one is configured or installed. Without one, `auto` says once that it stays on the mesh.
 */
export function connectMediaServer(media: Config['media'], logger: Logger): MediaServer | undefined {
  if (media.mode === 'p2p') return undefined;
  if (media.mode === 'auto' && !media.janus.url && !findOnPath('janus')) {
    logger.info(
      'MEDIA_MODE=auto without a Janus (set JANUS_URL, or apt-get install janus): every stream stays peer-to-peer, up to P2P_MAX_VIEWERS viewers',
    );
    return undefined;
  }
  return connectJanus(media.janus, logger);
}

export function createMediaMode(deps: {
  config: Config['media'];
  io: AirwaveServer;
  streams: StreamsService;
  janus: MediaServer | undefined;
  logger: Logger;
}): MediaMode {
  const { config, io, streams, janus, logger } = deps;
  const p2p = createP2pMode({ io, streams, maxViewers: config.p2pMaxViewers });
  const sfu = janus && createSfuMode({ io, streams, gateway: janus.gateway, logger });
  if (config.mode === 'p2p') return p2p;
  if (config.mode === 'sfu') {
    if (!sfu) throw new Error('MEDIA_MODE=sfu needs a Janus');
    return sfu;
  }
  return createAutoMode({ io, streams, p2p, sfu, switchViewers: config.sfuSwitchViewers, logger });
}
