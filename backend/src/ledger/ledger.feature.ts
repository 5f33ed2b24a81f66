import type { Config } from '../config.ts';
import { defineFeature } from '../core/feature.ts';
import type { Db } from '../db/client.ts';
import type { Logger } from '../logger.ts';
import { ledgerHandlers } from './ledger.routes.ts';
import { createLedgerAdminService } from './ledger-admin.service.ts';
import { createStripeBalance } from './stripe-balance.ts';

interface Deps {
  db: Db;
  config: Config;
  logger: Logger;
}

/** The book's admin side: trial balance and Stripe reconciliation (the writers are functions other features call). */
export function createLedgerFeature({ db, config, logger }: Deps) {
  const stripe = config.payments.stripe ? createStripeBalance(config.payments.stripe, logger) : undefined;
  const ledger = createLedgerAdminService({ db, stripe });
  return defineFeature({ ledger, routes: ledgerHandlers(ledger) });
}
