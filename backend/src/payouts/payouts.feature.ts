import type { Config } from '../config.ts';
import type { EventBus } from '../core/event-bus.ts';
import { defineFeature } from '../core/feature.ts';
import type { Db } from '../db/client.ts';
import type { Logger } from '../logger.ts';
import type { BusinessEvents } from '../platform/business-events.ts';
import { walletChanged } from '../wallet/wallet-notifier.ts';
import { createPayoutsRepository } from './payouts.repository.ts';
import { payoutsHandlers } from './payouts.routes.ts';
import { createPayoutsService } from './payouts.service.ts';
import { createConnectGateway } from './stripe-connect.ts';
import { createPayoutEventHandler, PLATFORM_PAYOUT_EVENTS } from './stripe-payout-events.ts';

interface Deps {
  db: Db;
  config: Config;
  bus: EventBus;
  events: BusinessEvents;
  logger: Logger;
}

/**
 * Withdrawals: a streamer's payout account and requests under /api/payouts, the admins' decisions
 * under /api/admin/payouts. With Stripe configured, approval pays through Stripe Connect; without it
 * (the dev provider) payouts stay simulated: approval records the decision and moves no money.
 */
export function createPayoutsFeature({ db, config, bus, events, logger }: Deps) {
  const stripe = config.payments.stripe;
  const connect = stripe ? createConnectGateway(stripe, config.publicUrl, logger) : undefined;
  const repo = createPayoutsRepository(db);
  const payouts = createPayoutsService({
    db,
    repo,
    economy: config.economy,
    notifyWallet: walletChanged(bus),
    events,
    connect,
    payoutsUnavailable: !stripe && config.production,
    logger,
  });
  const handler = connect
    ? createPayoutEventHandler({ db, repo, payouts, connect, logger, events })
    : undefined;

  let timer: NodeJS.Timeout | undefined;
  if (connect) {
    // Payouts left `paying` (Stripe unreachable, a crash between Stripe's answer and our commit) are
    // driven again; each drive is idempotent, so overlapping with an admin's retry is harmless.
    let running = false;
    const interval = config.payments.payoutRetryIntervalMs;
    timer = setInterval(() => {
      if (running) return;
      running = true;
      payouts
        .redriveStalled(interval)
        .catch((err) => logger.error({ err }, 'payout retry pass failed'))
        .finally(() => {
          running = false;
        });
    }, interval);
    timer.unref();
  }

  return defineFeature({
    payouts,
    /** What the payments webhook (Stripe's platform endpoint) hands over: `transfer.reversed`. */
    platformEvents: handler && { types: PLATFORM_PAYOUT_EVENTS, apply: handler.apply },
    routes: payoutsHandlers(payouts, handler),
    stop() {
      if (timer) clearInterval(timer);
    },
  });
}
