import type { adminLedgerRoutes } from '@airwave/shared';
import type { Handlers } from '../http/register-routes.ts';
import type { LedgerAdminService } from './ledger-admin.service.ts';

/** /api/admin/ledger/*: the trial balance and the Stripe reconciliation, admins only. */
export function ledgerHandlers(service: LedgerAdminService): Handlers<typeof adminLedgerRoutes> {
  return {
    trialBalance: () => service.trialBalance(),
    reconcile: ({ principal }) => service.reconcile(principal),
    lastReconciliation: () => service.last(),
  };
}
