import type { Config } from '../config.ts';
import type { EventBus } from '../core/event-bus.ts';
import { defineFeature } from '../core/feature.ts';
import type { Db } from '../db/client.ts';
import type { LimitsService } from '../limits/limits.service.ts';
import type { Logger } from '../logger.ts';
import type { BusinessEvents } from '../platform/business-events.ts';
import { walletChanged } from '../wallet/wallet-notifier.ts';
import { createDevProvider } from './dev-provider.ts';
import { createPaymentsRepository } from './payments.repository.ts';
import { paymentsHandlers } from './payments.routes.ts';
import { createPaymentsService } from './payments.service.ts';
import { createStripeProvider } from './stripe-provider.ts';
import { createStripeWebhookHandler, type StripeEventDelegate } from './stripe-webhook.ts';

interface Deps {
  db: Db;
  config: Config;
  logger: Logger;
  bus: EventBus;
  events: BusinessEvents;
  /** Payouts' events on the platform endpoint (`transfer.reversed`). */
  delegate?: StripeEventDelegate;
  limits: LimitsService;
}

/**
 * Coin purchases. Stripe when keys are set; otherwise the dev provider, except in production,
 * where buying is simply unavailable rather than free.
 */
export function createPaymentsFeature({ db, config, logger, bus, events, limits, delegate }: Deps) {
  const notifyWallet = walletChanged(bus);
  const repo = createPaymentsRepository(db);
  const stripe = config.payments.stripe
    ? createStripeProvider(config.payments.stripe, config.publicUrl, logger)
    : undefined;
  const provider = stripe ?? (config.production ? undefined : createDevProvider(config.publicUrl));
  const payments = createPaymentsService({ db, repo, provider, notifyWallet, events, limits });
  const handle = stripe
    ? createStripeWebhookHandler({ db, repo, payments, stripe, notifyWallet, logger, events, delegate })
    : undefined;
  return defineFeature({ payments, routes: paymentsHandlers(payments, handle) });
}
