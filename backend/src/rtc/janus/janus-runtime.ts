import type { Config } from '../../config.ts';
import type { Logger } from '../../logger.ts';
import { findOnPath } from './janus-config.ts';
import { createJanusGateway, type JanusGateway } from './janus-gateway.ts';
import { startJanusProcess } from './janus-process.ts';

/** One Janus the SFU may place streams on; `id` names it the same way on every backend node. */
export interface JanusServer {
  id: string;
  gateway: JanusGateway;
}

/** The private Janus's id: it is this node's own, so no other node can reach a stream placed on it. */
export const PRIVATE_JANUS_ID = 'private';

/**
 * The Janus servers an SFU-mode server talks to: JANUS_URLS (or JANUS_URL) when set, one gateway
 * each, all with JANUS_API_SECRET; otherwise a private child process from the `janus` binary on the
 * PATH (Debian: `apt-get install janus`), relaying through the viewers' TURN when one is set.
 */
export function connectJanus(media: Config['media'], logger: Logger, clustered: boolean) {
  const { janus } = media;
  let stopProcess = async () => {};
  let servers: JanusServer[];
  if (janus.urls.length) {
    const apiSecret = janus.apiSecret ?? '';
    servers = janus.urls.map((url) => ({
      id: url,
      gateway: createJanusGateway(async () => ({ url, apiSecret }), logger.child({ janus: url })),
    }));
  } else {
    const binary = findOnPath('janus');
    if (!binary) {
      throw new Error(
        'MEDIA_MODE=sfu needs a Janus: set JANUS_URLS and JANUS_API_SECRET, or install one (apt-get install janus) for a private Janus',
      );
    }
    if (clustered) {
      logger.warn(
        'REDIS_URL with a private Janus: each node has its own, so a viewer on another node than the streamer gets no picture; set JANUS_URLS to Janus servers every node reaches',
      );
    }
    const proc = startJanusProcess({
      binary,
      dir: janus.dir,
      templatesDir: janus.templatesDir,
      rtpPorts: janus.rtpPorts,
      turn: media.turnSecret ? { urls: media.turnUrls, secret: media.turnSecret } : undefined,
      logger,
    });
    servers = [{ id: PRIVATE_JANUS_ID, gateway: createJanusGateway(proc.endpoint, logger) }];
    stopProcess = proc.stop;
  }
  return {
    servers,
    async close() {
      await Promise.all(servers.map((s) => s.gateway.close()));
      await stopProcess();
    },
  };
}
