import type { Rates, Wallet, WalletHistory } from '@airwave/shared';
import type { Config } from '../config.ts';
import { AppError } from '../core/app-error.ts';
import type { Db } from '../db/client.ts';
import { settleStreamer } from '../ledger/bean-settler.ts';
import type { WalletRepository } from './wallet.repository.ts';

export function ratesFrom(economy: Config['economy']): Rates {
  return {
    beansPerCoin: economy.beansPerCoin,
    payoutCentsPer100Beans: economy.payoutCentsPer100Beans,
    payoutCurrency: economy.payoutCurrency,
    minPayoutBeans: economy.minPayoutBeans,
    streamerSharePercent: (economy.beansPerCoin * economy.payoutCentsPer100Beans) / economy.coinValueCents,
    beanHoldDays: economy.beanHoldDays,
  };
}

export function createWalletService({
  db,
  repo,
  economy,
}: {
  db: Db;
  repo: WalletRepository;
  economy: Config['economy'];
}) {
  return {
    rates: () => ratesFrom(economy),

    /** Settles this user's gift beans and releases their due lots first, so the wallet shows every gift so far. */
    async wallet(userId: string): Promise<Wallet> {
      await db.transaction((tx) => settleStreamer(tx, economy.beanHoldDays, userId));
      const [b, holds] = await Promise.all([repo.balances(userId), repo.holds(userId)]);
      if (!b) throw new AppError('NOT_FOUND', 'User not found.');
      return { ...b, ...holds };
    },

    history(
      userId: string,
      q: { cursor?: string; limit: number; account?: 'coins' | 'beans' },
    ): Promise<WalletHistory> {
      return repo.history(userId, q);
    },
  };
}

export type WalletService = ReturnType<typeof createWalletService>;
