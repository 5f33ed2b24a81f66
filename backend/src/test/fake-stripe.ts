import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import Stripe from 'stripe';

/**
 * The part of a TestServer `deliver` needs, spelled out so that browser suites can import this file
 * without type-checking the whole app (test-server.ts imports it).
 */
interface TestServer {
  api<T = unknown>(
    method: string,
    path: string,
    options?: { headers?: Record<string, string>; rawBody?: string },
  ): Promise<{ status: number; body: T; headers: Headers }>;
}

/**
 * A local stand-in for the few Stripe API calls Airwave makes, so tests run the real `stripe` SDK
 * (request encoding, idempotency keys, retries, webhook signatures) without the network.
 */

export const FAKE_STRIPE_KEY = 'sk_test_airwave_fake';
export const FAKE_WEBHOOK_SECRET = 'whsec_airwave_fake_secret';
export const FAKE_CONNECT_WEBHOOK_SECRET = 'whsec_airwave_fake_connect_secret';

type FakeSession = Record<string, unknown> & { id: string; payment_intent: string | null };
type FakeObject = Record<string, unknown> & { id: string };
export type FakeAccount = FakeObject & {
  metadata: Record<string, string>;
  payouts_enabled: boolean;
  details_submitted: boolean;
  requirements: { currently_due: string[]; disabled_reason: string | null } & Record<string, unknown>;
};
export type FakeTransfer = FakeObject & {
  amount: number;
  amount_reversed: number;
  destination: string;
  metadata: Record<string, string>;
  reversals: { data: FakeObject[] } & Record<string, unknown>;
};
export type FakePayout = FakeObject & { account: string; amount: number; metadata: Record<string, string> };

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
  env: {
    STRIPE_SECRET_KEY: string;
    STRIPE_WEBHOOK_SECRET: string;
    STRIPE_CONNECT_WEBHOOK_SECRET: string;
    STRIPE_API_BASE: string;
  };
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
  /** Connect: Express accounts, transfers (with reversals) and bank payouts on connected accounts. */
  accounts: Map<string, FakeAccount>;
  transfers: Map<string, FakeTransfer>;
  payouts: Map<string, FakePayout>;
  /** Every POST /v1/transfers request as sent (retries included), with its Idempotency-Key. */
  transferRequests: Array<{ form: Record<string, string>; idempotencyKey: string | undefined }>;
  /**
   * The next this-many /v1/transfers calls act (a POST creates or replays the transfer) and then
   * drop the connection unanswered: to the caller, a timeout after Stripe already acted.
   */
  dropTransferResponses: number;
  /** Where the fake onboarding page sends its signed `account.updated` (the Connect endpoint). */
  connectWebhookUrl: string | undefined;
  /** The webhook deliveries the onboarding page made, with the status Airwave answered. */
  connectDeliveries: Array<{ type: string; status: number }>;
  /** Stripe-side transfer reversal (a dashboard action or a dispute): the transfer as it then is. */
  reverseTransfer(transferId: string): FakeTransfer;
  /** The bank refused the payout: the payout as Stripe then shows it. */
  failPayout(payoutId: string): FakePayout;
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
      const sendRaw = (status: number, body: string, type: string) => {
        res.writeHead(status, {
          'content-type': type,
          'request-id': rid('req'),
          ...redirectOf(body, status),
        });
        res.end(status === 303 ? '' : body);
      };
      if (fake.failing) return send(500, { error: { type: 'api_error', message: 'fake outage' } });
      const url = new URL(req.url ?? '/', 'http://fake');
      if (url.pathname.startsWith('/connect/onboarding/')) {
        void onboardingPage(req.method ?? 'GET', url, raw).then((a) => sendRaw(a.status, a.body, a.type));
        return;
      }
      const auth = req.headers.authorization;
      if (auth !== `Bearer ${secretKey}`) {
        return send(401, { error: { type: 'invalid_request_error', message: 'bad key' } });
      }
      const connectAnswer = connectRoute(req.method ?? 'GET', url, raw, req.headers);
      if (connectAnswer === 'drop') {
        // Stripe acted, the answer never arrives: the SDK sees a dead connection, like a timeout.
        req.socket.destroy();
        return;
      }
      if (connectAnswer) return sendRaw(connectAnswer.status, connectAnswer.body, connectAnswer.type);
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
  // ---- Connect: /v1/accounts, /v1/account_links, /v1/transfers (+ reversals), /v1/payouts ----
  const accounts = new Map<string, FakeAccount>();
  const transfers = new Map<string, FakeTransfer>();
  const payouts = new Map<string, FakePayout>();
  const transferRequests: FakeStripe['transferRequests'] = [];
  /** Stripe scopes idempotency keys per account (the Stripe-Account header) and remembers the answer. */
  const idempotent = new Map<string, { path: string; status: number; body: string }>();
  const now = () => Math.floor(Date.now() / 1000);
  const json = (status: number, body: unknown) => ({
    status,
    body: JSON.stringify(body),
    type: 'application/json',
  });
  const notFound = (what: string) =>
    json(404, {
      error: { type: 'invalid_request_error', code: 'resource_missing', message: `No such ${what}` },
    });
  const metadataOf = (form: Record<string, string>) =>
    Object.fromEntries(
      Object.entries(form)
        .filter(([k]) => k.startsWith('metadata['))
        .map(([k, v]) => [k.slice('metadata['.length, -1), v]),
    );

  function newAccount(form: Record<string, string>): FakeAccount {
    const id = rid('acct');
    const account: FakeAccount = {
      id,
      object: 'account',
      type: form.type ?? 'express',
      business_type: null,
      business_profile: { mcc: null, name: null, url: null },
      capabilities: { transfers: 'inactive' },
      charges_enabled: false,
      controller: { type: 'application', is_controller: true },
      country: form.country ?? 'US',
      created: now(),
      default_currency: 'usd',
      details_submitted: false,
      email: form.email ?? null,
      external_accounts: {
        object: 'list',
        data: [],
        has_more: false,
        url: `/v1/accounts/${id}/external_accounts`,
      },
      future_requirements: { currently_due: [], eventually_due: [], past_due: [], disabled_reason: null },
      metadata: metadataOf(form),
      payouts_enabled: false,
      requirements: {
        alternatives: [],
        current_deadline: null,
        currently_due: ['business_type', 'external_account', 'tos_acceptance.date', 'tos_acceptance.ip'],
        disabled_reason: 'requirements.past_due',
        errors: [],
        eventually_due: ['business_type', 'external_account', 'tos_acceptance.date', 'tos_acceptance.ip'],
        past_due: ['business_type', 'external_account', 'tos_acceptance.date', 'tos_acceptance.ip'],
        pending_verification: [],
      },
      settings: {
        payouts: {
          debit_negative_balances: true,
          schedule: { delay_days: 2, interval: form['settings[payouts][schedule][interval]'] ?? 'daily' },
          statement_descriptor: null,
        },
      },
      tos_acceptance: { date: null, ip: null, user_agent: null },
    };
    accounts.set(id, account);
    return account;
  }

  function newTransfer(form: Record<string, string>): FakeTransfer | undefined {
    const destination = form.destination ?? '';
    if (!accounts.get(destination)?.payouts_enabled) return undefined;
    const id = rid('tr');
    const transfer: FakeTransfer = {
      id,
      object: 'transfer',
      amount: Number(form.amount),
      amount_reversed: 0,
      balance_transaction: rid('txn'),
      created: now(),
      currency: form.currency ?? 'usd',
      description: null,
      destination,
      destination_payment: rid('py'),
      livemode: false,
      metadata: metadataOf(form),
      reversals: {
        object: 'list',
        data: [],
        has_more: false,
        total_count: 0,
        url: `/v1/transfers/${id}/reversals`,
      },
      reversed: false,
      source_transaction: null,
      source_type: 'card',
      transfer_group: form.transfer_group ?? null,
    };
    transfers.set(id, transfer);
    return transfer;
  }

  function reverse(transfer: FakeTransfer, form: Record<string, string>) {
    const left = transfer.amount - transfer.amount_reversed;
    const amount = form.amount ? Math.min(Number(form.amount), left) : left;
    const reversal: FakeObject = {
      id: rid('trr'),
      object: 'transfer_reversal',
      amount,
      balance_transaction: rid('txn'),
      created: now(),
      currency: transfer.currency,
      destination_payment_refund: rid('pyr'),
      metadata: metadataOf(form),
      source_refund: null,
      transfer: transfer.id,
    };
    transfer.amount_reversed += amount;
    transfer.reversed = transfer.amount_reversed >= transfer.amount;
    transfer.reversals.data.unshift(reversal);
    transfer.reversals.total_count = transfer.reversals.data.length;
    return reversal;
  }

  function newPayout(account: string, form: Record<string, string>): FakePayout {
    const payout: FakePayout = {
      id: rid('po'),
      object: 'payout',
      account,
      amount: Number(form.amount),
      arrival_date: now() + 86_400,
      automatic: false,
      balance_transaction: rid('txn'),
      created: now(),
      currency: form.currency ?? 'usd',
      description: null,
      destination: rid('ba'),
      failure_balance_transaction: null,
      failure_code: null,
      failure_message: null,
      livemode: false,
      metadata: metadataOf(form),
      method: 'standard',
      source_type: 'card',
      statement_descriptor: null,
      status: 'pending',
      type: 'bank_account',
    };
    payouts.set(payout.id, payout);
    return payout;
  }

  /** Answers the Connect calls, or undefined for other paths; 'drop' hangs up on purpose. */
  function connectRoute(
    method: string,
    url: URL,
    raw: string,
    headers: Record<string, string | string[] | undefined>,
  ): { status: number; body: string; type: string } | 'drop' | undefined {
    const path = url.pathname;
    if (!/^\/v1\/(accounts|account_links|transfers|payouts)\b/.test(path)) return undefined;
    const form = Object.fromEntries(new URLSearchParams(raw));
    const account = headers['stripe-account'] as string | undefined;
    const key = headers['idempotency-key'] as string | undefined;
    const isTransferCreate = method === 'POST' && path === '/v1/transfers';
    if (isTransferCreate) transferRequests.push({ form, idempotencyKey: key });
    const scoped = key && method === 'POST' ? `${account ?? 'platform'}|${key}` : undefined;
    const remembered = scoped ? idempotent.get(scoped) : undefined;
    let answer: { status: number; body: string; type: string };
    if (remembered) {
      if (remembered.path !== path) {
        answer = json(400, {
          error: {
            type: 'idempotency_error',
            message:
              'Keys for idempotent requests can only be used with the same parameters they were first used with.',
          },
        });
      } else answer = { status: remembered.status, body: remembered.body, type: 'application/json' };
    } else {
      answer = connectCall(method, path, form, account, url.searchParams);
      // Stripe saves the first answer under the key (errors of the API too, not 5xx).
      if (scoped && answer.status < 500)
        idempotent.set(scoped, { path, status: answer.status, body: answer.body });
    }
    if (path.startsWith('/v1/transfers') && fake.dropTransferResponses > 0) {
      fake.dropTransferResponses -= 1;
      return 'drop';
    }
    return answer;
  }

  function connectCall(
    method: string,
    path: string,
    form: Record<string, string>,
    account: string | undefined,
    query: URLSearchParams,
  ) {
    if (method === 'POST' && path === '/v1/accounts') return json(200, newAccount(form));
    const oneAccount = /^\/v1\/accounts\/(acct_\w+)$/.exec(path);
    if (method === 'GET' && oneAccount?.[1]) {
      const a = accounts.get(oneAccount[1]);
      return a ? json(200, a) : notFound('account');
    }
    if (method === 'POST' && path === '/v1/account_links') {
      const acct = form.account ?? '';
      if (!accounts.has(acct)) return notFound('account');
      const link = new URL(`${url}/connect/onboarding/${acct}`);
      link.searchParams.set('return_url', form.return_url ?? '');
      link.searchParams.set('refresh_url', form.refresh_url ?? '');
      return json(200, {
        object: 'account_link',
        created: now(),
        expires_at: now() + 300,
        url: link.toString(),
      });
    }
    if (method === 'POST' && path === '/v1/transfers') {
      const transfer = newTransfer(form);
      return transfer
        ? json(200, transfer)
        : json(400, {
            error: {
              type: 'invalid_request_error',
              message:
                'Your destination account needs to have at least one of the following capabilities enabled: transfers',
            },
          });
    }
    if (method === 'GET' && path === '/v1/transfers') {
      const group = query.get('transfer_group');
      const data = [...transfers.values()].filter((t) => !group || t.transfer_group === group).reverse();
      return json(200, { object: 'list', data, has_more: false, url: '/v1/transfers' });
    }
    const oneTransfer = /^\/v1\/transfers\/(tr_\w+)(\/reversals)?$/.exec(path);
    if (oneTransfer?.[1]) {
      const transfer = transfers.get(oneTransfer[1]);
      if (!transfer) return notFound('transfer');
      if (method === 'GET' && !oneTransfer[2]) return json(200, transfer);
      if (method === 'POST' && oneTransfer[2]) {
        if (transfer.reversed) {
          return json(400, {
            error: {
              type: 'invalid_request_error',
              code: 'transfer_already_reversed',
              message: 'already reversed',
            },
          });
        }
        return json(200, reverse(transfer, form));
      }
    }
    if (method === 'POST' && path === '/v1/payouts') {
      if (!account || !accounts.has(account)) return notFound('account');
      const { account: _, ...payout } = newPayout(account, form);
      return json(200, payout);
    }
    return json(404, { error: { type: 'invalid_request_error', message: `fake: ${method} ${path}` } });
  }

  /** Stripe's hosted onboarding, reduced to one button: it completes the account and says so. */
  async function onboardingPage(method: string, url: URL, raw: string) {
    const id = url.pathname.split('/').at(-1) ?? '';
    const account = accounts.get(id);
    if (!account) return { status: 404, body: 'No such account', type: 'text/plain' };
    if (method === 'GET') {
      const page = `<!doctype html><html><head><title>Fake Stripe onboarding</title></head><body>
<h1>Fake Stripe Express onboarding</h1><p>Account ${id} (${String(account.email)})</p>
<form method="post" action="${url.pathname}${url.search}"><button type="submit">Complete onboarding</button></form>
</body></html>`;
      return { status: 200, body: page, type: 'text/html; charset=utf-8' };
    }
    void raw;
    Object.assign(account, {
      details_submitted: true,
      payouts_enabled: true,
      charges_enabled: true,
      capabilities: { transfers: 'active' },
      business_type: 'individual',
      tos_acceptance: { date: now(), ip: '127.0.0.1', user_agent: 'fake' },
    });
    Object.assign(account.requirements, {
      currently_due: [],
      eventually_due: [],
      past_due: [],
      disabled_reason: null,
    });
    if (fake.connectWebhookUrl) {
      const event = connectEvent('account.updated', { ...account }, id);
      const payload = JSON.stringify(event);
      const res = await fetch(fake.connectWebhookUrl, {
        method: 'POST',
        headers: {
          'content-type': 'application/json; charset=utf-8',
          'stripe-signature': signer.webhooks.generateTestHeaderString({
            payload,
            secret: FAKE_CONNECT_WEBHOOK_SECRET,
          }),
        },
        body: payload,
      });
      fake.connectDeliveries.push({ type: event.type, status: res.status });
    }
    return { status: 303, body: url.searchParams.get('return_url') ?? '/', type: 'text/plain' };
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('no address');
  const url = `http://127.0.0.1:${address.port}`;

  const fake: FakeStripe = {
    url,
    env: {
      STRIPE_SECRET_KEY: secretKey,
      STRIPE_WEBHOOK_SECRET: FAKE_WEBHOOK_SECRET,
      STRIPE_CONNECT_WEBHOOK_SECRET: FAKE_CONNECT_WEBHOOK_SECRET,
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
    accounts,
    transfers,
    payouts,
    transferRequests,
    dropTransferResponses: 0,
    connectWebhookUrl: undefined,
    connectDeliveries: [],
    reverseTransfer(transferId) {
      const transfer = transfers.get(transferId);
      if (!transfer) throw new Error(`no transfer ${transferId}`);
      if (!transfer.reversed) reverse(transfer, {});
      return structuredClone(transfer);
    },
    failPayout(payoutId) {
      const payout = payouts.get(payoutId);
      if (!payout) throw new Error(`no payout ${payoutId}`);
      Object.assign(payout, {
        status: 'failed',
        failure_code: 'account_closed',
        failure_message: 'The bank account has been closed.',
        failure_balance_transaction: rid('txn'),
      });
      return structuredClone(payout);
    },
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

/** A 303's Location travels in the body slot of the fake's raw answers. */
const redirectOf = (body: string, status: number): Record<string, string> =>
  status === 303 ? { location: body } : {};

/** A Connect event: about an object on a connected account, which `account` names. */
export function connectEvent(type: string, object: unknown, account: string, id = rid('evt')) {
  return { ...stripeEvent(type, object, id), account };
}

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
  options: {
    secret?: string;
    timestamp?: number;
    signature?: string | null;
    tamper?: boolean;
    /** Another endpoint: the Connect one is `/api/payouts/webhook/stripe-connect`. */
    path?: string;
  } = {},
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
    options.path ?? '/api/payments/webhook/stripe',
    {
      rawBody: body,
      headers: {
        'content-type': 'application/json; charset=utf-8',
        ...(header && { 'stripe-signature': header }),
      },
    },
  );
}

/** Posts a Connect event to the Connect endpoint, signed with its own secret. */
export const deliverConnect = (
  s: TestServer,
  event: unknown,
  options: Omit<Parameters<typeof deliver>[2] & object, 'path'> = {},
) =>
  deliver(s, event, {
    secret: FAKE_CONNECT_WEBHOOK_SECRET,
    ...options,
    path: '/api/payouts/webhook/stripe-connect',
  });

/** Posts a signed event to any Airwave base URL (browser suites run the server in another process). */
export async function postSignedEvent(baseUrl: string, path: string, event: unknown, secret: string) {
  const payload = JSON.stringify(event);
  const res = await fetch(`${baseUrl}${path}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'stripe-signature': signer.webhooks.generateTestHeaderString({ payload, secret }),
    },
    body: payload,
  });
  return { status: res.status, body: (await res.json()) as unknown };
}
