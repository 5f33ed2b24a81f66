import type { Config } from '../config.ts';
import type { EventBus } from '../core/event-bus.ts';
import { defineFeature } from '../core/feature.ts';
import type { Db } from '../db/client.ts';
import type { BusinessEvents } from '../platform/business-events.ts';
import { walletChanged } from '../wallet/wallet-notifier.ts';
import { createPayoutsRepository } from './payouts.repository.ts';
import { payoutsHandlers } from './payouts.routes.ts';
import { createPayoutsService } from './payouts.service.ts';

interface Deps {
  db: Db;
  economy: Config['economy'];
  bus: EventBus;
  events: BusinessEvents;
}

/** Withdrawals: a streamer's requests under /api/payouts, the admins' decisions under /api/admin/payouts. */
export function createPayoutsFeature({ db, economy, bus, events }: Deps) {
  const payouts = createPayoutsService({
    db,
    repo: createPayoutsRepository(db),
    economy,
    notifyWallet: walletChanged(bus),
    events,
  });
  return defineFeature({ routes: payoutsHandlers(payouts) });
}
