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
  close(): Promise<void>;
}

export async function startFakeStripe(): Promise<FakeStripe> {
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
      if (auth !== `Bearer ${FAKE_STRIPE_KEY}`) {
        return send(401, { error: { type: 'invalid_request_error', message: 'bad key' } });
      }
      if (req.method === 'POST' && url.pathname === '/v1/checkout/sessions') {
        const form = Object.fromEntries(new URLSearchParams(raw));
        const key = req.headers['idempotency-key'] as string | undefined;
        creates.push({ form, idempotencyKey: key });
        const replay = key ? byIdempotencyKey.get(key) : undefined;
        if (replay) return send(200, sessions.get(replay));
        const id = rid('cs_test');
        const session: FakeSession = {
          id,
          object: 'checkout.session',
          mode: 'payment',
          status: 'open',
          payment_status: 'unpaid',
          url: `https://checkout.stripe.test/c/pay/${id}`,
          client_reference_id: form.client_reference_id ?? null,
          metadata: { paymentId: form['metadata[paymentId]'], userId: form['metadata[userId]'] },
          amount_total: Number(form['line_items[0][price_data][unit_amount]']),
          currency: form['line_items[0][price_data][currency]'],
          payment_intent: null,
          success_url: form.success_url,
          cancel_url: form.cancel_url,
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
      STRIPE_SECRET_KEY: FAKE_STRIPE_KEY,
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
export function stripeEvent(type: string, object: unknown, id = rid('evt')) {
  return {
    id,
    object: 'event',
    api_version: '2026-10-28.endive',
    created: Math.floor(Date.now() / 1000),
    type,
    data: { object },
    livemode: false,
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
