import { CheckoutBody, DevCompleteBody } from '@airwave/shared';
import express, { Router } from 'express';
import { parseInput } from '../core/app-error.ts';
import { type AuthMiddleware, principalOf } from '../http/auth.middleware.ts';
import type { PaymentsService } from './payments.service.ts';
import type { StripeWebhookHandler } from './stripe-webhook.ts';

/** /api/coins: public, so the shop can show prices before anyone signs in. */
export function coinsRoutes(payments: PaymentsService): Router {
  const r = Router();
  r.get('/packages', async (_req, res) => {
    res.json({ items: await payments.packages() });
  });
  return r;
}

/** /api/payments: the buyer's side of purchases. */
export function paymentsRoutes(payments: PaymentsService, mw: AuthMiddleware): Router {
  const r = Router();
  r.use(mw.requireAuth);
  r.post('/checkout', async (req, res) => {
    const body = parseInput(CheckoutBody, req.body, 'checkout');
    res.status(201).json(await payments.checkout(principalOf(req), body));
  });
  r.get('/', async (req, res) => {
    res.json({ items: await payments.mine(principalOf(req).userId) });
  });
  r.post('/dev/complete', async (req, res) => {
    const { paymentId } = parseInput(DevCompleteBody, req.body, 'dev completion');
    res.json(await payments.devComplete(principalOf(req), paymentId));
  });
  return r;
}

/**
 * /api/payments/webhook: mounted before the JSON parser, because the signature covers the exact
 * bytes Stripe sent; parsing and re-serialising would break it.
 */
export function webhookRoutes(handle: StripeWebhookHandler | undefined): Router {
  const r = Router();
  r.post('/stripe', express.raw({ type: () => true, limit: '1mb' }), async (req, res) => {
    if (!handle) {
      res.status(503).json({
        error: { code: 'PAYMENTS_UNAVAILABLE', message: 'Stripe is not configured on this server.' },
      });
      return;
    }
    const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    res.json(await handle(body, req.get('stripe-signature')));
  });
  return r;
}
