import { LastReconciliation, Reconciliation, TrialBalance } from '../ledger.ts';
import { admins, route } from './route.ts';

export const adminLedgerRoutes = {
  trialBalance: route({
    method: 'get',
    path: '/api/admin/ledger/trial-balance',
    summary: 'Per-account totals per unit of the double-entry book, and whether cached balances match',
    auth: admins,
    response: TrialBalance,
  }),
  reconcile: route({
    method: 'post',
    path: '/api/admin/ledger/reconcile',
    summary: "Compare Stripe's balance transactions with the Stripe-clearing postings now",
    auth: admins,
    response: Reconciliation,
  }),
  lastReconciliation: route({
    method: 'get',
    path: '/api/admin/ledger/reconcile',
    summary: 'The latest reconciliation with Stripe (null before the first)',
    auth: admins,
    response: LastReconciliation,
  }),
};
