import type { Config } from '../config.ts';
import type { EventBus } from '../core/event-bus.ts';
import { defineFeature } from '../core/feature.ts';
import type { Logger } from '../logger.ts';
import type { LimiterFactory } from '../platform/rate-limit.ts';
import type { RedisConnections } from '../platform/redis.ts';
import type { StreamsService } from '../streams/streams.service.ts';
import { iceServerEvents } from './ice-servers.socket.ts';
import { createIceServers } from './ice-servers.ts';
import { connectMediaServer, createMediaMode } from './media-modes.ts';
import { rtcHandlers } from './rtc.routes.ts';
import { rtcEvents } from './rtc.socket.ts';

interface Deps {
  config: Config;
  bus: EventBus;
  streams: StreamsService;
  limiterFactory: LimiterFactory;
  redis: RedisConnections | undefined;
  logger: Logger;
}

/** Media: ICE servers (REST and socket), signaling, and the mesh/SFU paths a stream's media takes. */
export function createRtcFeature({ config, bus, streams, limiterFactory, redis, logger }: Deps) {
  const iceServers = createIceServers({
    media: config.media,
    streams,
    limiterFactory,
    perIp: config.rateLimits.turnCredentialsPerIp,
  });
  const janus = connectMediaServer(config.media, logger, Boolean(redis));
  let mode: ReturnType<typeof createMediaMode> | undefined;
  let unsubscribe: (() => void) | undefined;
  return defineFeature({
    routes: rtcHandlers(iceServers),
    registerSocket({ io, addEvents }) {
      mode = createMediaMode({
        config: config.media,
        io,
        streams,
        janus,
        redis: redis?.limits,
        logger,
      });
      const { media } = mode;
      // Subscribed after the rooms feature, so a room hears `stream-ended` before its media goes.
      unsubscribe = bus.on('stream.ended', ({ streamId }) => media.streamEnded?.(streamId));
      addEvents(rtcEvents(io, media));
      addEvents(iceServerEvents(iceServers));
    },
    stop: () => unsubscribe?.(),
    async close() {
      await mode?.close();
      await janus?.close();
    },
  });
}
