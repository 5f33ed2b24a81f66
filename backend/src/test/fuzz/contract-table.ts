import { apiRoutes, isRawContent, type RouteSpec } from '@airwave/shared';
import { z } from 'zod';

/**
 * The contract schema behind each part of every route the app serves. The fuzz test generates
 * requests from these and fails when the app serves a route this table does not name (or names
 * one the app no longer serves), so a new route cannot go unfuzzed.
 */
export interface RouteInputs {
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  /** The body is a Stripe event, signed with the webhook secret. */
  stripeSigned?: true;
}

const none = z.object({}).strict();

/** A Stripe event as the webhook reads it; the generator bends it into wrong shapes too. */
const StripeEventInput = z.object({
  id: z.string().min(1).max(40),
  type: z.enum([
    'checkout.session.completed',
    'checkout.session.async_payment_succeeded',
    'checkout.session.async_payment_failed',
    'checkout.session.expired',
    'charge.refunded',
    'customer.created',
  ]),
  data: z.object({
    object: z.object({
      id: z.string().max(40),
      metadata: z.object({ paymentId: z.uuid() }).optional(),
      client_reference_id: z.uuid().optional(),
      payment_status: z.enum(['paid', 'unpaid']).optional(),
      payment_intent: z.string().max(40).optional(),
      refunded: z.boolean().optional(),
    }),
  }),
});

/** Each table route's input schemas (a raw body has none the generator could follow). */
const tableRoutes = Object.fromEntries(
  Object.values<RouteSpec>(apiRoutes).map((r): [string, RouteInputs] => [
    `${r.method.toUpperCase()} ${r.path}`,
    { params: r.params, query: r.query ?? none, body: isRawContent(r.body) ? undefined : r.body },
  ]),
);

export const ROUTES: Record<string, RouteInputs> = {
  'GET /healthz': { query: none },
  'GET /readyz': { query: none },
  'GET /metrics': { query: none },
  ...tableRoutes,
  'POST /api/payments/webhook/stripe': { body: StripeEventInput, stripeSigned: true },
};
