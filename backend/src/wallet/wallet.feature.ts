import type { Config } from '../config.ts';
import type { EventBus } from '../core/event-bus.ts';
import { defineFeature } from '../core/feature.ts';
import type { Db } from '../db/client.ts';
import type { Logger } from '../logger.ts';
import { createWalletRepository } from './wallet.repository.ts';
import { walletHandlers } from './wallet.routes.ts';
import { createWalletService } from './wallet.service.ts';
import { createWalletNotifier } from './wallet-notifier.ts';

interface Deps {
  db: Db;
  economy: Config['economy'];
  bus: EventBus;
  logger: Logger;
}

/** Balances and history under /api/wallet; every `wallet.changed` is pushed to the user's devices. */
export function createWalletFeature({ db, economy, bus, logger }: Deps) {
  const wallet = createWalletService({ db, repo: createWalletRepository(db), economy });
  let unsubscribe: (() => void) | undefined;
  return defineFeature({
    routes: walletHandlers(wallet),
    registerSocket({ io }) {
      const notify = createWalletNotifier(io, db, logger);
      unsubscribe = bus.on('wallet.changed', ({ userId }) => notify(userId));
    },
    stop: () => unsubscribe?.(),
  });
}
