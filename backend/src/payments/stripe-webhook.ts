import { Id, plainText } from '@airwave/shared';
import type Stripe from 'stripe';
import { z } from 'zod';
import { recordAudit } from '../audit/record-audit.ts';
import { parseInput } from '../core/app-error.ts';
import type { Db } from '../db/client.ts';
import type { Logger } from '../logger.ts';
import type { BusinessEvents } from '../platform/business-events.ts';
import type { WalletNotifier } from '../wallet/wallet-notifier.ts';
import type { PaymentRow, PaymentsRepository } from './payments.repository.ts';
import { type PaymentsService, paymentFact } from './payments.service.ts';
import type { StripeProvider } from './stripe-provider.ts';

interface Deps {
  db: Db;
  repo: PaymentsRepository;
  payments: PaymentsService;
  stripe: StripeProvider;
  notifyWallet: WalletNotifier;
  logger: Logger;
  events: Pick<BusinessEvents, 'webhook' | 'paymentCompleted' | 'paymentClosed' | 'paymentRefunded'>;
  /** Event types another feature owns on this (the platform) endpoint: payouts' `transfer.reversed`. */
  delegate?: StripeEventDelegate;
}

export interface StripeEventDelegate {
  types: ReadonlySet<string>;
  /** Applies a verified event exactly once (it records the event id itself). */
  apply(event: Stripe.Event): Promise<WebhookOutcome>;
}

export interface WebhookOutcome {
  received: true;
  /** True when this event id was handled before: a redelivery changes nothing. */
  duplicate: boolean;
}

/**
 * The parts of an event this handler reads. The signature proves who sent the bytes, not that they
 * hold an event: a signed `[]`, `null` or an event without `data.object` must be refused as input,
 * not crash on a property read. Unknown event types only need the envelope (they are recorded).
 */
const ObjectRef = z.union([z.string(), z.looseObject({ id: z.string() })]).nullish();
const SessionObject = z.looseObject({
  id: z.string(),
  metadata: z.record(z.string(), z.unknown()).nullish(),
  client_reference_id: z.string().nullish(),
  payment_status: z.string().nullish(),
  payment_intent: ObjectRef,
  amount_total: z.number().int().nullish(),
  currency: z.string().nullish(),
  /**
   * Adaptive pricing: the buyer paid in their own currency (`amount_total`/`currency` above), and
   * this says what that was in the currency the session was created in (ours).
   */
  currency_conversion: z
    .looseObject({
      amount_total: z.number().int(),
      source_currency: z.string(),
      fx_rate: z.string().nullish(),
    })
    .nullish(),
});
const ChargeObject = z.looseObject({ payment_intent: ObjectRef, refunded: z.boolean().nullish() });
// A Map, not an object literal: a signed `"type": "constructor"` must not find Object's own keys.
const OBJECT_OF = new Map<string, z.ZodType>([
  ['checkout.session.completed', SessionObject],
  ['checkout.session.async_payment_succeeded', SessionObject],
  ['checkout.session.async_payment_failed', SessionObject],
  ['checkout.session.expired', SessionObject],
  ['charge.refunded', ChargeObject],
]);
const StripeEventShape = z
  .looseObject({
    id: plainText().min(1).max(255),
    type: plainText().min(1).max(255),
    livemode: z.boolean(),
    data: z.looseObject({ object: z.looseObject({}) }),
  })
  .superRefine((event, ctx) => {
    const shape = OBJECT_OF.get(event.type);
    const result = shape?.safeParse(event.data.object);
    for (const issue of result?.error?.issues ?? []) {
      ctx.addIssue({ code: 'custom', path: ['data', 'object', ...issue.path], message: issue.message });
    }
  });

const completed = (row: PaymentRow | undefined) => (row ? ({ kind: 'completed', row } as const) : undefined);

const idOf = (x: string | { id: string } | null | undefined) => (typeof x === 'string' ? x : x?.id);

/**
 * What a completed session charged, in the currency it was created in: with adaptive pricing the
 * buyer sees (and `amount_total`/`currency` show) their own currency, and `currency_conversion`
 * carries the amount in ours, which is what the package costs.
 */
export function chargedInOurCurrency(session: Stripe.Checkout.Session) {
  const conversion = session.currency_conversion;
  return conversion
    ? { amount: conversion.amount_total, currency: conversion.source_currency.toLowerCase() }
    : { amount: session.amount_total, currency: session.currency?.toLowerCase() ?? null };
}

/** Our payment id on a Checkout Session: set by us at creation, so Stripe echoes it back. */
function paymentIdOfSession(session: Stripe.Checkout.Session): string | undefined {
  const candidate = session.metadata?.paymentId ?? session.client_reference_id ?? undefined;
  return Id.safeParse(candidate).success ? candidate : undefined;
}

/**
 * Stripe webhooks: verify, then apply each event at most once. The event id is recorded in the
 * same transaction as its effect, so a crash leaves neither (Stripe redelivers) and a redelivery
 * finds the id and does nothing. Different events about one payment (Stripe may send
 * `completed` and `async_payment_succeeded`, or deliver out of order) meet at the payment's
 * conditional status change, which lets exactly one of them move money.
 */
export function createStripeWebhookHandler({
  db,
  repo,
  payments,
  stripe,
  notifyWallet,
  logger,
  events,
  delegate,
}: Deps) {
  /** Runs before the transaction because it may ask Stripe (never hold a transaction open on HTTP). */
  async function paymentIdFor(event: Stripe.Event): Promise<string | undefined> {
    switch (event.type) {
      case 'checkout.session.completed':
      case 'checkout.session.async_payment_succeeded':
      case 'checkout.session.async_payment_failed':
      case 'checkout.session.expired':
        return paymentIdOfSession(event.data.object);
      case 'charge.refunded': {
        const intent = idOf(event.data.object.payment_intent);
        if (!intent) return undefined;
        const local = await repo.paymentIdForIntent(intent);
        if (local) return local;
        // Not completed here (yet): the refund overtook the completion, so ask Stripe whose it is.
        const sessionId = await stripe.sessionIdForIntent(intent);
        return sessionId ? (await repo.findByTransaction('stripe', sessionId))?.id : undefined;
      }
      default:
        return undefined;
    }
  }

  /** A session event must be about the session we created for that payment, not another one. */
  function sessionMatches(event: Stripe.Event, payment: PaymentRow): boolean {
    if (!event.type.startsWith('checkout.session.')) return true;
    const session = event.data.object as Stripe.Checkout.Session;
    return payment.transactionId === null || payment.transactionId === session.id;
  }

  /**
   * Why a signed event must not move money: its mode is not our key's (a test event sent to a live
   * endpoint, or the reverse), or a completion charged something other than the package's price.
   */
  function refusalOf(event: Stripe.Event, payment: PaymentRow) {
    if (event.livemode !== stripe.live) {
      return { rule: 'livemode', expected: stripe.live, got: event.livemode } as const;
    }
    if (
      event.type !== 'checkout.session.completed' &&
      event.type !== 'checkout.session.async_payment_succeeded'
    ) {
      return undefined;
    }
    const charged = chargedInOurCurrency(event.data.object);
    if (charged.amount === payment.amount && charged.currency === payment.currency.toLowerCase())
      return undefined;
    return {
      rule: 'amount',
      expected: { amount: payment.amount, currency: payment.currency },
      got: charged,
      presented: { amount: event.data.object.amount_total, currency: event.data.object.currency },
    } as const;
  }

  /** What an applied event did, reported once its transaction has committed. */
  type Effect =
    | { kind: 'completed' | 'refunded'; row: PaymentRow }
    | { kind: 'failed' | 'expired'; row: PaymentRow | undefined };

  function report(effect: Effect | undefined) {
    if (!effect?.row) return;
    const fact = paymentFact(effect.row);
    if (effect.kind === 'completed') events.paymentCompleted(fact);
    else if (effect.kind === 'refunded') events.paymentRefunded(fact);
    else events.paymentClosed(fact, effect.kind);
  }

  return async function handle(rawBody: Buffer, signature: string | undefined): Promise<WebhookOutcome> {
    let event: Stripe.Event;
    try {
      event = stripe.verifyWebhook(rawBody, signature);
      parseInput(StripeEventShape, event, 'Stripe event');
    } catch (err) {
      events.webhook('rejected');
      throw err;
    }
    if (delegate?.types.has(event.type)) return delegate.apply(event);
    const paymentId = await paymentIdFor(event);
    const result = await db.transaction(async (tx) => {
      if (!(await repo.recordEvent(tx, event.id, event.type))) return { duplicate: true } as const;
      const payment = paymentId ? await repo.find(paymentId, tx) : undefined;
      if (payment?.paymentProvider !== 'stripe' || !sessionMatches(event, payment)) {
        if (paymentId) logger.warn({ eventId: event.id, paymentId }, 'stripe event for an unknown payment');
        return { duplicate: false } as const;
      }
      const refusal = refusalOf(event, payment);
      if (refusal) {
        // Signed by Stripe, so not an attack on the endpoint, but not something to credit: keep a
        // record for a human and answer 2xx (the event id is recorded), so Stripe stops retrying.
        logger.warn({ eventId: event.id, paymentId: payment.id, ...refusal }, 'stripe event refused');
        await recordAudit(tx, {
          actorId: null,
          action: 'payment.webhook_refused',
          targetType: 'payment',
          targetId: payment.id,
          before: { status: payment.status, amount: payment.amount, currency: payment.currency },
          after: { ...refusal, eventId: event.id, eventType: event.type },
          reason: refusal.rule,
        });
        return { duplicate: false, refused: true } as const;
      }
      const cause = { actorId: null, reason: `stripe ${event.type} ${event.id}` };
      let effect: Effect | undefined;
      switch (event.type) {
        case 'checkout.session.completed':
          // Card payments arrive paid; delayed methods (bank debits) arrive 'unpaid' and are
          // credited by async_payment_succeeded instead.
          if (event.data.object.payment_status !== 'paid') break;
          effect = completed(
            await payments.inTx.complete(tx, payment.id, {
              ...cause,
              paymentIntentId: idOf(event.data.object.payment_intent),
            }),
          );
          break;
        case 'checkout.session.async_payment_succeeded':
          effect = completed(
            await payments.inTx.complete(tx, payment.id, {
              ...cause,
              paymentIntentId: idOf(event.data.object.payment_intent),
            }),
          );
          break;
        case 'checkout.session.async_payment_failed':
          effect = { kind: 'failed', row: await payments.inTx.close(tx, payment.id, 'failed', cause) };
          break;
        case 'checkout.session.expired':
          effect = { kind: 'expired', row: await payments.inTx.close(tx, payment.id, 'expired', cause) };
          break;
        case 'charge.refunded':
          // Only a full refund takes the coins back; a partial one goes to a human (the coins a
          // part of the money bought are a judgement call), so the account is flagged.
          if (event.data.object.refunded) {
            const row = await payments.inTx.refund(tx, payment.id, cause);
            if (row) effect = { kind: 'refunded', row };
          } else {
            await repo.flag(tx, payment.userId, `partial refund of payment ${payment.id} needs review`);
          }
          break;
      }
      return { duplicate: false, effect } as const;
    });
    events.webhook(result.duplicate ? 'duplicate' : 'refused' in result ? 'refused' : 'processed');
    if ('effect' in result) {
      report(result.effect);
      // Only a completion or a refund moved coins; a closed checkout changed no balance.
      const kind = result.effect?.kind;
      if ((kind === 'completed' || kind === 'refunded') && result.effect?.row)
        notifyWallet(result.effect.row.userId);
    }
    return { received: true, duplicate: result.duplicate };
  };
}

export type StripeWebhookHandler = ReturnType<typeof createStripeWebhookHandler>;
