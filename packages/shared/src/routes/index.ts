import { adminCatalogRoutes } from './admin-catalog.ts';
import { adminDashboardRoutes } from './admin-dashboard.ts';
import { adminLedgerRoutes } from './admin-ledger.ts';
import { adminModerationRoutes } from './admin-moderation.ts';
import { adminPaymentsRoutes } from './admin-payments.ts';
import { adminStreamsRoutes } from './admin-streams.ts';
import { adminUsersRoutes } from './admin-users.ts';
import { authRoutes } from './auth.ts';
import { blocksRoutes } from './blocks.ts';
import { followsRoutes } from './follows.ts';
import { giftsRoutes } from './gifts.ts';
import { limitsRoutes, statementsRoutes } from './limits.ts';
import { paymentsRoutes } from './payments.ts';
import { payoutsRoutes } from './payouts.ts';
import { platformRoutes } from './platform.ts';
import { rtcRoutes } from './rtc.ts';
import { streamsRoutes } from './streams.ts';
import { usersRoutes } from './users.ts';
import { walletRoutes } from './wallet.ts';

export * from './admin-catalog.ts';
export * from './admin-dashboard.ts';
export * from './admin-ledger.ts';
export * from './admin-moderation.ts';
export * from './admin-payments.ts';
export * from './admin-streams.ts';
export * from './admin-users.ts';
export * from './auth.ts';
export * from './blocks.ts';
export * from './follows.ts';
export * from './gifts.ts';
export * from './limits.ts';
export * from './payments.ts';
export * from './payouts.ts';
export * from './platform.ts';
export * from './route.ts';
export * from './rtc.ts';
export * from './streams.ts';
export * from './users.ts';
export * from './wallet.ts';

/** Every REST route the server serves under /api, by name: the one table of the HTTP contract. */
export const apiRoutes = {
  ...platformRoutes,
  ...authRoutes,
  ...usersRoutes,
  ...followsRoutes,
  ...blocksRoutes,
  ...streamsRoutes,
  ...giftsRoutes,
  ...walletRoutes,
  ...rtcRoutes,
  ...paymentsRoutes,
  ...payoutsRoutes,
  ...limitsRoutes,
  ...statementsRoutes,
  ...adminDashboardRoutes,
  ...adminUsersRoutes,
  ...adminStreamsRoutes,
  ...adminModerationRoutes,
  ...adminCatalogRoutes,
  ...adminPaymentsRoutes,
  ...adminLedgerRoutes,
};
export type ApiRoutes = typeof apiRoutes;
export type ApiRouteName = keyof ApiRoutes;
