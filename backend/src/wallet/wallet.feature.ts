import type { Config } from '../config.ts';
import type { EventBus } from '../core/event-bus.ts';
import type { Feature } from '../core/feature.ts';
import type { Db } from '../db/client.ts';
import type { AuthMiddleware } from '../http/auth.middleware.ts';
import type { Logger } from '../logger.ts';
import { createWalletRepository } from './wallet.repository.ts';
import { walletRoutes } from './wallet.routes.ts';
import { createWalletService } from './wallet.service.ts';
import { createWalletNotifier } from './wallet-notifier.ts';

interface Deps {
  db: Db;
  economy: Config['economy'];
  bus: EventBus;
  mw: AuthMiddleware;
  logger: Logger;
}

/** Balances and history under /api/wallet; every `wallet.changed` is pushed to the user's devices. */
export function createWalletFeature({ db, economy, bus, mw, logger }: Deps): Feature {
  const wallet = createWalletService({ db, repo: createWalletRepository(db), economy });
  let unsubscribe: (() => void) | undefined;
  return {
    routes: [['/wallet', walletRoutes(wallet, mw)]],
    registerSocket({ io }) {
      const notify = createWalletNotifier(io, db, logger);
      unsubscribe = bus.on('wallet.changed', ({ userId }) => notify(userId));
    },
    stop: () => unsubscribe?.(),
  };
}
