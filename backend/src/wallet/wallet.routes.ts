import type { walletRoutes } from '@airwave/shared';
import type { Handlers } from '../http/register-routes.ts';
import type { WalletService } from './wallet.service.ts';

export function walletHandlers(wallet: WalletService): Handlers<typeof walletRoutes> {
  return {
    // Public: clients show "streamer receives N beans" before anyone signs in.
    rates: async () => wallet.rates(),
    wallet: ({ principal }) => wallet.wallet(principal.userId),
    walletHistory: ({ principal, query }) => wallet.history(principal.userId, query),
  };
}
