import type { Config } from '../config.ts';
import type { Db } from '../db/client.ts';
import type { Logger } from '../logger.ts';
import { backgroundErrorLog } from '../platform/background-errors.ts';
import type { BusinessEvents } from '../platform/business-events.ts';
import { createKeyedThrottle } from '../platform/keyed-throttle.ts';
import type { LimiterFactory } from '../platform/rate-limit.ts';
import type { AirwaveServer, AirwaveSocket } from '../realtime/socket-handler.ts';
import { streamRoom } from '../rooms/room-names.ts';
import type { StreamsService } from '../streams/streams.service.ts';
import type { WalletNotifier } from '../wallet/wallet-notifier.ts';
import { startBeanSettler } from './bean-settler.ts';
import { createGiftsRepository } from './gifts.repository.ts';
import { createGiftsService } from './gifts.service.ts';
import { registerGiftHandlers } from './gifts.socket.ts';

interface Deps {
  db: Db;
  economy: Config['economy'];
  streams: StreamsService;
  limiterFactory: LimiterFactory;
  logger: Logger;
  events: BusinessEvents;
}

/** Gifts: the service now; the room side (settler, leaderboards, socket events) once sockets exist. */
export function createGiftsFeature({ db, economy, streams, limiterFactory, logger, events }: Deps) {
  const gifts = createGiftsService({
    beansPerCoin: economy.beansPerCoin,
    repo: createGiftsRepository(db),
    streams,
    limiter: limiterFactory('gifts', economy.giftRate),
    events,
  });

  function attach(io: AirwaveServer, notifyWallet: WalletNotifier) {
    const onError = backgroundErrorLog(logger, 'gifts background task');
    const leaderboard = createKeyedThrottle(
      1000,
      async (streamId) => {
        io.to(streamRoom(streamId)).emit('top-gifters', {
          streamId,
          ...(await gifts.topGiftersOfStream(streamId)),
        });
      },
      onError,
    );
    const stopSettler = startBeanSettler(
      db,
      economy.settleIntervalMs,
      (ids) => ids.forEach(notifyWallet),
      onError,
    );
    return {
      register: (socket: AirwaveSocket) =>
        registerGiftHandlers(socket, {
          io,
          gifts,
          notifyWallet,
          scheduleLeaderboard: leaderboard.schedule,
          logger,
        }),
      stop() {
        stopSettler();
        leaderboard.stop();
      },
    };
  }

  return { gifts, attach };
}
