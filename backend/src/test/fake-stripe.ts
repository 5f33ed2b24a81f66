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

/** A balance transaction in the shape of Stripe's API reference (`object: 'balance_transaction'`). */
export type FakeBalanceTransaction = Record<string, unknown> & {
  id: string;
  type: string;
  amount: number;
  currency: string;
  created: number;
  /** The charge or refund id; `expand[]=data.source` answers the object itself. */
  source: string | null;
};

/** Charges and refunds by id, across fakes (ids are random), so `chargeRefunded` can book its refund. */
type FakeCharge = Record<string, unknown> & {
  id: string;
  amount: number;
  amount_refunded: number;
  currency: string;
};
interface Ledger {
  balance: FakeBalanceTransaction[];
  objects: Map<string, Record<string, unknown>>;
}
const chargesByIntent = new Map<string, { charge: FakeCharge; ledger: Ledger }>();

/** Stripe's fee on a card charge (2.9 % + 30 cents), so `net` differs from `amount` as in real reports. */
const cardFee = (amount: number) => Math.round(amount * 0.029) + 30;

function addBalanceTransaction(
  ledger: Ledger,
  type: 'charge' | 'refund' | 'adjustment' | 'payout',
  amount: number,
  currency: string,
  source: Record<string, unknown> | null,
): FakeBalanceTransaction {
  const fee = type === 'charge' ? cardFee(amount) : 0;
  const created = Math.floor(Date.now() / 1000);
  const bt: FakeBalanceTransaction = {
    id: rid('txn'),
    object: 'balance_transaction',
    amount,
    available_on: created + 2 * 86_400,
    created,
    currency,
    description: null,
    exchange_rate: null,
    fee,
    fee_details: fee
      ? [
          {
            amount: fee,
            application: null,
            currency,
            description: 'Stripe processing fees',
            type: 'stripe_fee',
          },
        ]
      : [],
    net: amount - fee,
    reporting_category: type,
    source: (source?.id as string | undefined) ?? null,
    status: 'pending',
    type,
  };
  if (source) {
    source.balance_transaction = bt.id;
    ledger.objects.set(source.id as string, source);
  }
  ledger.balance.push(bt);
  return bt;
}

export interface FakeStripe {
  url: string;
  /** Env for startTestServer that points Airwave's Stripe SDK here. */
  env: { STRIPE_SECRET_KEY: string; STRIPE_WEBHOOK_SECRET: string; STRIPE_API_BASE: string };
  sessions: Map<string, FakeSession>;
  /** Form fields of every POST /v1/checkout/sessions, with the Idempotency-Key header. */
  creates: Array<{ form: Record<string, string>; idempotencyKey: string | undefined }>;
  /** Every balance transaction, oldest first: the fake's checkout payments and refunds add them. */
  balanceTransactions: FakeBalanceTransaction[];
  /** A balance transaction Airwave did not cause (a charge made in the Stripe dashboard, say). */
  addBalanceTransaction(
    type: 'charge' | 'refund' | 'adjustment' | 'payout',
    amount: number,
    currency: string,
    paymentIntent?: string,
  ): FakeBalanceTransaction;
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
  const ledger: Ledger = { balance: [], objects: new Map() };

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
      if (req.method === 'GET' && url.pathname === '/v1/balance_transactions') {
        // Newest first, cursor pagination by `starting_after`, as the list endpoints of the API do.
        const limit = Math.min(100, Number(url.searchParams.get('limit') ?? 10));
        const after = url.searchParams.get('starting_after');
        // The SDK sends arrays as expand[0]=...; curl users write expand[]=...: both mean the same.
        const expand = [...url.searchParams].some(
          ([k, v]) => /^expand\[\d*\]$/.test(k) && v === 'data.source',
        );
        const all = [...ledger.balance].reverse();
        const start = after ? all.findIndex((b) => b.id === after) + 1 : 0;
        const page = all.slice(start, start + limit).map((b) => ({
          ...b,
          source: expand && b.source ? (ledger.objects.get(b.source) ?? b.source) : b.source,
        }));
        return send(200, {
          object: 'list',
          data: page,
          has_more: start + limit < all.length,
          url: '/v1/balance_transactions',
        });
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
    balanceTransactions: ledger.balance,
    addBalanceTransaction(type, amount, currency, paymentIntent) {
      const source = {
        id: rid(type === 'refund' ? 're' : 'ch'),
        object: type === 'refund' ? 'refund' : 'charge',
        amount: Math.abs(amount),
        currency,
        payment_intent: paymentIntent ?? null,
      };
      return addBalanceTransaction(ledger, type, amount, currency, source);
    },
    failing: false,
    pay(sessionId, paymentStatus = 'paid') {
      const session = sessions.get(sessionId);
      if (!session) throw new Error(`no session ${sessionId}`);
      const first = session.payment_intent === null && paymentStatus === 'paid';
      Object.assign(session, {
        status: 'complete',
        payment_status: paymentStatus,
        url: null,
        payment_intent: session.payment_intent ?? rid('pi'),
      });
      if (first && session.payment_intent) {
        // The card was charged: a charge and its balance transaction, as Stripe books them.
        const amount = session.amount_total as number;
        const charge: FakeCharge = {
          id: rid('ch'),
          object: 'charge',
          amount,
          amount_captured: amount,
          amount_refunded: 0,
          captured: true,
          currency: session.currency as string,
          paid: true,
          payment_intent: session.payment_intent,
          refunded: false,
          status: 'succeeded',
          created: Math.floor(Date.now() / 1000),
        };
        addBalanceTransaction(ledger, 'charge', amount, charge.currency, charge);
        chargesByIntent.set(session.payment_intent, { charge, ledger });
      }
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

/**
 * The charge of a paid session, refunded (fully, or 1 cent), as the `charge.refunded` event
 * carries it. The fake Stripe books the refund's balance transaction once: asking again for the
 * same refund (Stripe resending the event) refunds nothing more.
 */
export function chargeRefunded(session: FakeSession, full = true) {
  const amount = session.amount_total as number;
  const known = session.payment_intent ? chargesByIntent.get(session.payment_intent) : undefined;
  if (known) {
    const { charge, ledger } = known;
    const target = full ? amount : Math.max(1, charge.amount_refunded);
    const more = target - charge.amount_refunded;
    if (more > 0) {
      const refund = {
        id: rid('re'),
        object: 'refund',
        amount: more,
        charge: charge.id,
        currency: charge.currency,
        payment_intent: session.payment_intent,
        status: 'succeeded',
        created: Math.floor(Date.now() / 1000),
      };
      addBalanceTransaction(ledger, 'refund', -more, charge.currency, refund);
      Object.assign(charge, { amount_refunded: target, refunded: target === amount });
    }
    return { ...charge };
  }
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
