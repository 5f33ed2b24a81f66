import type { rtcRoutes } from '@airwave/shared';
import type { Handlers } from '../http/register-routes.ts';
import type { IceServers } from './ice-servers.ts';

/**
 * STUN only, for anyone: TURN credentials come over the socket once it has joined a live stream
 * (`rtc-ice-servers`). Kept so that clients built before that still get STUN.
 */
export function rtcHandlers(iceServers: IceServers): Handlers<typeof rtcRoutes> {
  return {
    async iceServers({ res }) {
      res.set('cache-control', 'no-store');
      return iceServers.public();
    },
  };
}
