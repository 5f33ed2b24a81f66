import type { Config } from '../config.ts';
import type { EventBus } from '../core/event-bus.ts';
import type { Feature } from '../core/feature.ts';
import type { Db } from '../db/client.ts';
import type { AuthMiddleware } from '../http/auth.middleware.ts';
import type { BusinessEvents } from '../platform/business-events.ts';
import { walletChanged } from '../wallet/wallet-notifier.ts';
import { createPayoutsRepository } from './payouts.repository.ts';
import { adminPayoutsRoutes, payoutsRoutes } from './payouts.routes.ts';
import { createPayoutsService } from './payouts.service.ts';

interface Deps {
  db: Db;
  economy: Config['economy'];
  bus: EventBus;
  mw: AuthMiddleware;
  events: BusinessEvents;
}

/** Withdrawals: a streamer's requests under /api/payouts, the admins' decisions under /api/admin/payouts. */
export function createPayoutsFeature({ db, economy, bus, mw, events }: Deps): Feature {
  const payouts = createPayoutsService({
    db,
    repo: createPayoutsRepository(db),
    economy,
    notifyWallet: walletChanged(bus),
    events,
  });
  return {
    routes: [
      ['/payouts', payoutsRoutes(payouts, mw)],
      ['/admin/payouts', adminPayoutsRoutes(payouts, mw)],
    ],
  };
}
