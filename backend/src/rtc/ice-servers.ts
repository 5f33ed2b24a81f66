import { createHmac } from 'node:crypto';
import type { IceServersResponse } from '@airwave/shared';
import type { Config } from '../config.ts';
import { AppError } from '../core/app-error.ts';
import type { LimiterFactory, LimitRule } from '../platform/rate-limit.ts';
import type { AirwaveSocket } from '../realtime/socket-handler.ts';
import type { StreamsService } from '../streams/streams.service.ts';

/**
 * The TURN REST form coturn checks with `use-auth-secret`: username = "<expiry unix time>:<who>",
 * credential = base64(HMAC-SHA1(secret, username)). coturn refuses it past the expiry.
 */
export function mintTurnCredential(secret: string, who: string, ttlSeconds: number, now = Date.now()) {
  const username = `${Math.floor(now / 1000) + ttlSeconds}:${who}`;
  const credential = createHmac('sha1', secret).update(username).digest('base64');
  return { username, credential };
}

interface Deps {
  media: Config['media'];
  streams: StreamsService;
  limiterFactory: LimiterFactory;
  perIp: LimitRule;
}

/**
 * Who gets which ICE servers. STUN is public. A TURN credential lets its holder relay any traffic
 * through our server until it expires, so it is minted only for a socket that joined a live stream,
 * lives at most an hour (TURN_TTL_SECONDS), and each client address gets a bounded number per hour.
 */
export function createIceServers({ media, streams, limiterFactory, perIp }: Deps) {
  const limiter = limiterFactory('turn-credentials-ip', perIp);
  const stun = (): IceServersResponse['iceServers'] =>
    media.stunUrls.length ? [{ urls: media.stunUrls }] : [];

  return {
    /** For anyone, signed in or not, joined or not: STUN only. */
    public(): IceServersResponse {
      return { iceServers: stun(), ttlSeconds: media.turnTtlSeconds, p2pUplinkKbps: media.p2pUplinkKbps };
    },

    async forSocket(socket: AirwaveSocket, streamId: string, now = Date.now()): Promise<IceServersResponse> {
      if (!socket.data.joined.includes(streamId)) {
        throw new AppError('FORBIDDEN', 'Join the stream before asking for its ICE servers.');
      }
      const stream = await streams.loadCached(streamId);
      if (stream.status !== 'live') throw new AppError('STREAM_NOT_LIVE', 'This stream has ended.');
      const iceServers = stun();
      if (media.turnUrls.length && media.turnSecret) {
        await limiter.consume(socket.data.ip);
        // The user id, or the socket for an anonymous viewer: coturn's per-user quota counts by it.
        // Never the anonymous viewer key, which is a bearer token of its own.
        const who = socket.data.principal?.userId ?? `anon-${socket.id}`;
        iceServers.push({
          urls: media.turnUrls,
          ...mintTurnCredential(media.turnSecret, who, media.turnTtlSeconds, now),
        });
      }
      return { iceServers, ttlSeconds: media.turnTtlSeconds, p2pUplinkKbps: media.p2pUplinkKbps };
    },
  };
}

export type IceServers = ReturnType<typeof createIceServers>;
