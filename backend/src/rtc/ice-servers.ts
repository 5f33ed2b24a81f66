import { createHmac } from 'node:crypto';
import type { IceServersResponse } from '@airwave/shared';
import type { Config } from '../config.ts';

/**
 * STUN, plus TURN credentials in the TURN REST form coturn checks with `use-auth-secret`:
 * username = "<expiry unix time>:<user>", credential = base64(HMAC-SHA1(secret, username)).
 */
export function iceServersFor(media: Config['media'], user: string, now = Date.now()): IceServersResponse {
  const iceServers: IceServersResponse['iceServers'] = [];
  if (media.stunUrls.length) iceServers.push({ urls: media.stunUrls });
  if (media.turnUrls.length && media.turnSecret) {
    const username = `${Math.floor(now / 1000) + media.turnTtlSeconds}:${user}`;
    const credential = createHmac('sha1', media.turnSecret).update(username).digest('base64');
    iceServers.push({ urls: media.turnUrls, username, credential });
  }
  return { iceServers, ttlSeconds: media.turnTtlSeconds, p2pUplinkKbps: media.p2pUplinkKbps };
}
