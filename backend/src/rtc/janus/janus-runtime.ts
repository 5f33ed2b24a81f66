import type { Config } from '../../config.ts';
import type { Logger } from '../../logger.ts';
import { findOnPath } from './janus-config.ts';
import { createJanusGateway } from './janus-gateway.ts';
import { type JanusEndpoint, startJanusProcess } from './janus-process.ts';

/**
 * The Janus an SFU-mode server talks to: JANUS_URL when set, otherwise a private child process
 * from the `janus` binary on the PATH (Debian: `apt-get install janus`).
 */
export function connectJanus(janus: Config['media']['janus'], logger: Logger) {
  let endpoint: () => Promise<JanusEndpoint>;
  let stopProcess = async () => {};
  if (janus.url) {
    const external = { url: janus.url, apiSecret: janus.apiSecret ?? '' };
    endpoint = async () => external;
  } else {
    const binary = findOnPath('janus');
    if (!binary) {
      throw new Error(
        'MEDIA_MODE=sfu needs a Janus: set JANUS_URL and JANUS_API_SECRET, or install one (apt-get install janus) for a private Janus',
      );
    }
    const proc = startJanusProcess({
      binary,
      dir: janus.dir,
      templatesDir: janus.templatesDir,
      rtpPorts: janus.rtpPorts,
      logger,
    });
    endpoint = proc.endpoint;
    stopProcess = proc.stop;
  }
  const gateway = createJanusGateway(endpoint, logger);
  return {
    gateway,
    async close() {
      await gateway.close();
      await stopProcess();
    },
  };
}
