import type { BlocksService } from '../blocks/blocks.service.ts';
import type { Config } from '../config.ts';
import type { EventBus } from '../core/event-bus.ts';
import { defineFeature, type SocketHost } from '../core/feature.ts';
import type { Db } from '../db/client.ts';
import { startBeanSettler } from '../ledger/bean-settler.ts';
import type { Logger } from '../logger.ts';
import { backgroundErrorLog } from '../platform/background-errors.ts';
import type { BusinessEvents } from '../platform/business-events.ts';
import { createKeyedThrottle } from '../platform/keyed-throttle.ts';
import type { LimiterFactory } from '../platform/rate-limit.ts';
import { streamRoom } from '../rooms/room-names.ts';
import type { StreamsService } from '../streams/streams.service.ts';
import { walletChanged } from '../wallet/wallet-notifier.ts';
import { createGiftsRepository } from './gifts.repository.ts';
import { giftsHandlers } from './gifts.routes.ts';
import { createGiftsService } from './gifts.service.ts';
import { giftEvents } from './gifts.socket.ts';

interface Deps {
  db: Db;
  economy: Config['economy'];
  bus: EventBus;
  streams: StreamsService;
  blocks: Pick<BlocksService, 'hasBlocked'>;
  limiterFactory: LimiterFactory;
  logger: Logger;
  events: BusinessEvents;
}

/**
 * Gifts: the catalog, leaderboards (beside the streams and users routes), the socket event and
 * the bean settler. Senders' and settled streamers' balances go out as `wallet.changed`.
 */
export function createGiftsFeature({
  db,
  economy,
  bus,
  streams,
  blocks,
  limiterFactory,
  logger,
  events,
}: Deps) {
  const gifts = createGiftsService({
    beansPerCoin: economy.beansPerCoin,
    repo: createGiftsRepository(db),
    streams,
    blocks,
    limiter: limiterFactory('gifts', economy.giftRate),
    events,
  });
  const notifyWallet = walletChanged(bus);
  const routes = giftsHandlers(gifts);
  const stops: Array<() => void> = [];

  function registerSocket({ io, addEvents }: SocketHost) {
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
      economy.beanHoldDays,
      (ids) => ids.forEach(notifyWallet),
      onError,
    );
    stops.push(stopSettler, () => leaderboard.stop());
    addEvents(giftEvents({ io, gifts, notifyWallet, scheduleLeaderboard: leaderboard.schedule }));
  }

  return defineFeature({
    gifts,
    routes,
    registerSocket,
    stop() {
      for (const stop of stops.splice(0)) stop();
    },
  });
}
