import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import Stripe from 'stripe';
import type { TestServer } from './test-server.ts';

/**
 * A local stand-in for the few Stripe API calls Airwave makes, so tests run the real `stripe` SDK
 * (request encoding, idempotency keys, retries, webhook signatures) without the network.
 */

export const FAKE_STRIPE_KEY = 'sk_test_airwave_fake';
export const FAKE_WEBHOOK_SECRET = 'whsec_airwave_fake_secret';

type FakeSession = Record<string, unknown> & { id: string; payment_intent: string | null };

const rid = (prefix: string) => `${prefix}_${randomBytes(9).toString('hex')}`;

export interface FakeStripe {
  url: string;
  /** Env for startTestServer that points Airwave's Stripe SDK here. */
  env: { STRIPE_SECRET_KEY: string; STRIPE_WEBHOOK_SECRET: string; STRIPE_API_BASE: string };
  sessions: Map<string, FakeSession>;
  /** Form fields of every POST /v1/checkout/sessions, with the Idempotency-Key header. */
  creates: Array<{ form: Record<string, string>; idempotencyKey: string | undefined }>;
  /** While true, every call answers 500 (Stripe having a bad day). */
  failing: boolean;
  /** The session as Stripe shows it once paid (card payments: status complete, payment_status paid). */
  pay(sessionId: string, paymentStatus?: 'paid' | 'unpaid'): FakeSession;
  /** The session as Stripe shows it after it expired unpaid (status expired, no URL). */
  expire(sessionId: string): FakeSession;
  /**
   * Adaptive pricing: the buyer was shown and charged `amount` of `currency`, and the session
   * records what that is in the currency it was created in (`currency_conversion`).
   */
  presentIn(sessionId: string, currency: string, fxRate: string): FakeSession;
  close(): Promise<void>;
}

/** `secretKey`: the secret key the fake accepts (a `sk_live_…` one makes Airwave run in live mode). */
export async function startFakeStripe(secretKey = FAKE_STRIPE_KEY): Promise<FakeStripe> {
  const sessions = new Map<string, FakeSession>();
  const byIdempotencyKey = new Map<string, string>();
  const creates: FakeStripe['creates'] = [];

  const server = createServer((req, res) => {
    let raw = '';
    req.on('data', (c) => {
      raw += c;
    });
    req.on('end', () => {
      const send = (status: number, body: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json', 'request-id': rid('req') });
        res.end(JSON.stringify(body));
      };
      if (fake.failing) return send(500, { error: { type: 'api_error', message: 'fake outage' } });
      const url = new URL(req.url ?? '/', 'http://fake');
      const auth = req.headers.authorization;
      if (auth !== `Bearer ${secretKey}`) {
        return send(401, { error: { type: 'invalid_request_error', message: 'bad key' } });
      }
      if (req.method === 'POST' && url.pathname === '/v1/checkout/sessions') {
        const form = Object.fromEntries(new URLSearchParams(raw));
        const key = req.headers['idempotency-key'] as string | undefined;
        creates.push({ form, idempotencyKey: key });
        const replay = key ? byIdempotencyKey.get(key) : undefined;
        if (replay) return send(200, sessions.get(replay));
        const id = rid('cs_test');
        const amount = Number(form['line_items[0][price_data][unit_amount]']);
        const created = Math.floor(Date.now() / 1000);
        // The fields of Stripe's Checkout Session object (API reference, openapi fixtures3.json)
        // that a payment-mode session without customer, tax or shipping options carries.
        const session: FakeSession = {
          id,
          object: 'checkout.session',
          after_expiration: null,
          allow_promotion_codes: null,
          amount_subtotal: amount,
          amount_total: amount,
          automatic_tax: { enabled: false, liability: null, status: null },
          billing_address_collection: null,
          cancel_url: form.cancel_url,
          client_reference_id: form.client_reference_id ?? null,
          consent: null,
          consent_collection: null,
          created,
          currency: form['line_items[0][price_data][currency]'],
          currency_conversion: null,
          custom_fields: [],
          custom_text: {
            after_submit: null,
            shipping_address: null,
            submit: null,
            terms_of_service_acceptance: null,
          },
          customer: null,
          customer_creation: 'if_required',
          customer_details: null,
          customer_email: null,
          expires_at: created + 86_400,
          invoice: null,
          invoice_creation: null,
          livemode: secretKey.startsWith('sk_live_'),
          locale: null,
          metadata: { paymentId: form['metadata[paymentId]'], userId: form['metadata[userId]'] },
          mode: 'payment',
          payment_intent: null,
          payment_link: null,
          payment_method_collection: 'if_required',
          payment_method_types: ['card'],
          payment_status: 'unpaid',
          phone_number_collection: { enabled: false },
          recovered_from: null,
          setup_intent: null,
          shipping_address_collection: null,
          shipping_cost: null,
          shipping_options: [],
          status: 'open',
          submit_type: null,
          subscription: null,
          success_url: form.success_url,
          total_details: { amount_discount: 0, amount_shipping: 0, amount_tax: 0 },
          ui_mode: 'hosted',
          url: `https://checkout.stripe.test/c/pay/${id}`,
        };
        sessions.set(id, session);
        if (key) byIdempotencyKey.set(key, id);
        return send(200, session);
      }
      if (req.method === 'GET' && url.pathname === '/v1/checkout/sessions') {
        const intent = url.searchParams.get('payment_intent');
        const data = [...sessions.values()].filter((s) => !intent || s.payment_intent === intent);
        return send(200, { object: 'list', data, has_more: false, url: '/v1/checkout/sessions' });
      }
      const one = /^\/v1\/checkout\/sessions\/([\w]+)$/.exec(url.pathname);
      if (req.method === 'GET' && one?.[1]) {
        const session = sessions.get(one[1]);
        return session
          ? send(200, session)
          : send(404, { error: { type: 'invalid_request_error', message: 'No such session' } });
      }
      send(404, { error: { type: 'invalid_request_error', message: `fake: ${req.method} ${url.pathname}` } });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('no address');
  const url = `http://127.0.0.1:${address.port}`;

  const fake: FakeStripe = {
    url,
    env: {
      STRIPE_SECRET_KEY: secretKey,
      STRIPE_WEBHOOK_SECRET: FAKE_WEBHOOK_SECRET,
      STRIPE_API_BASE: url,
    },
    sessions,
    creates,
    failing: false,
    pay(sessionId, paymentStatus = 'paid') {
      const session = sessions.get(sessionId);
      if (!session) throw new Error(`no session ${sessionId}`);
      Object.assign(session, {
        status: 'complete',
        payment_status: paymentStatus,
        url: null,
        payment_intent: session.payment_intent ?? rid('pi'),
      });
      return { ...session };
    },
    expire(sessionId) {
      const session = sessions.get(sessionId);
      if (!session) throw new Error(`no session ${sessionId}`);
      Object.assign(session, { status: 'expired', url: null });
      return { ...session };
    },
    presentIn(sessionId, currency, fxRate) {
      const session = sessions.get(sessionId);
      if (!session) throw new Error(`no session ${sessionId}`);
      const source = session.amount_total as number;
      const presented = Math.round(source * Number(fxRate));
      Object.assign(session, {
        currency,
        amount_subtotal: presented,
        amount_total: presented,
        currency_conversion: {
          amount_subtotal: source,
          amount_total: source,
          fx_rate: fxRate,
          source_currency: session.currency,
        },
      });
      return { ...session };
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  return fake;
}

const signer = new Stripe(FAKE_STRIPE_KEY);

/** A Stripe event envelope around `object`, as the API would send it. */
export function stripeEvent(type: string, object: unknown, id = rid('evt'), livemode = false) {
  return {
    id,
    object: 'event',
    api_version: '2026-10-28.endive',
    created: Math.floor(Date.now() / 1000),
    type,
    data: { object },
    livemode,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
  };
}

export function chargeRefunded(session: FakeSession, full = true) {
  const amount = session.amount_total as number;
  return {
    id: rid('ch'),
    object: 'charge',
    amount,
    amount_refunded: full ? amount : 1,
    refunded: full,
    payment_intent: session.payment_intent,
    currency: session.currency,
  };
}

/** Posts an event to the webhook signed like Stripe does; options break the signature on purpose. */
export function deliver(
  s: TestServer,
  event: unknown,
  options: { secret?: string; timestamp?: number; signature?: string | null; tamper?: boolean } = {},
) {
  const payload = JSON.stringify(event);
  const header =
    options.signature === null
      ? undefined
      : (options.signature ??
        signer.webhooks.generateTestHeaderString({
          payload,
          secret: options.secret ?? FAKE_WEBHOOK_SECRET,
          timestamp: options.timestamp,
        }));
  const body = options.tamper ? payload.replace('"livemode":false', '"livemode":true') : payload;
  return s.api<{ received: boolean; duplicate: boolean } & { error: { code: string } }>(
    'POST',
    '/api/payments/webhook/stripe',
    {
      rawBody: body,
      headers: {
        'content-type': 'application/json; charset=utf-8',
        ...(header && { 'stripe-signature': header }),
      },
    },
  );
}
